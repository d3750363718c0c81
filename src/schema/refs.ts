import type { ObjectRef } from '@pothos/core';
import { type BuilderTypes, builder } from '../builder.ts';
import type {
  ActorData,
  ArticleData,
  DraftAgreementData,
  DraftClauseData,
  ExcerptData,
  MeetingData,
  ParagraphData,
  PartialDateData,
  PositionData,
  StatementData,
  TopicData,
} from '../model/types.ts';

// Every object ref, declared before any type is implemented, so that type files can point at
// each other without import cycles. Each ref is implemented in the file named after it.

export const ArticleRef = builder.objectRef<ArticleData>('Article');
export const ParagraphRef = builder.objectRef<ParagraphData>('Paragraph');
export const ActorRef = builder.objectRef<ActorData>('Actor');
export const StatementRef = builder.objectRef<StatementData>('Statement');
export const MeetingRef = builder.objectRef<MeetingData>('Meeting');
export const DraftAgreementRef = builder.objectRef<DraftAgreementData>('DraftAgreement');
export const DraftClauseRef = builder.objectRef<DraftClauseData>('DraftClause');
export const PositionRef = builder.objectRef<PositionData>('Position');
export const TopicRef = builder.objectRef<TopicData>('Topic');
export const ExcerptRef = builder.objectRef<ExcerptData>('Excerpt');
export const PartialDateRef = builder.objectRef<PartialDateData>('PartialDate');

/**
 * A connection type shared by every field that lists `type`, so that clients see one
 * `StatementConnection` rather than a type per field. Every connection reports its total.
 */
function connectionOf<Shape>(type: ObjectRef<BuilderTypes, Shape>, name: string, plural: string) {
  return builder.connectionObject(
    {
      type,
      name: `${name}Connection`,
      description: `A page of ${plural}, with cursors.`,
      fields: (t) => ({
        totalCount: t.int({
          description: 'How many items the whole connection holds, across all pages.',
          resolve: (connection) => connection.totalCount,
        }),
      }),
    },
    { name: `${name}Edge`, description: `One of a page of ${plural}, with its cursor.` },
  );
}

export const ArticleConnectionRef = connectionOf(ArticleRef, 'Article', 'articles');
export const ActorConnectionRef = connectionOf(ActorRef, 'Actor', 'actors');
export const StatementConnectionRef = connectionOf(StatementRef, 'Statement', 'statements');
export const MeetingConnectionRef = connectionOf(MeetingRef, 'Meeting', 'meetings');
export const DraftAgreementConnectionRef = connectionOf(
  DraftAgreementRef,
  'DraftAgreement',
  'draft agreements',
);
export const DraftClauseConnectionRef = connectionOf(
  DraftClauseRef,
  'DraftClause',
  'draft clauses and demanded conditions',
);
export const TopicConnectionRef = connectionOf(TopicRef, 'Topic', 'topics');
