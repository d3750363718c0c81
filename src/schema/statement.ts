import { builder } from '../builder.ts';
import { statementKinds } from '../model/enums.ts';
import { archiveOrderEnum, dateBounds, orderByArg } from './archive-order.ts';
import { modelEnum } from './model-enum.ts';
import { connection, pageCost } from './pagination.ts';
import {
  ActorRef,
  ArticleRef,
  DraftClauseRef,
  ExcerptRef,
  MeetingRef,
  StatementConnectionRef,
  StatementRef,
  TopicRef,
} from './refs.ts';
import { checkFilterSearch } from './search.ts';
import { slugLookup } from './slug-lookup.ts';
import { isA, SourcedRef } from './sourced.ts';

export const StatementKindRef = modelEnum('StatementKind', statementKinds, {
  description: 'How the article conveys a statement.',
  values: {
    DIRECT_QUOTE: 'The words inside quotation marks, verbatim.',
    PARAPHRASE: 'The article restates what a named speaker said or thinks.',
    REPORTED: 'Attributed through a third party, such as a newspaper citing officials.',
  },
});

const StatementOrderRef = archiveOrderEnum('StatementOrder', 'statements');

const StatementFilterRef = builder.inputType('StatementFilter', {
  description:
    'Narrows a list of statements; references take slugs. Criteria combine with AND, values within one with OR.',
  fields: (t) => ({
    article: t.stringList({
      required: false,
      description: 'Only statements these articles report.',
    }),
    ...dateBounds(t, 'statements of articles'),
    speaker: t.stringList({ required: false, description: 'Only statements by these actors.' }),
    kind: t.field({
      type: [StatementKindRef],
      required: false,
      description: 'Only statements of these kinds.',
    }),
    topic: t.stringList({ required: false, description: 'Only statements on these topics.' }),
    mentions: t.stringList({
      required: false,
      description: 'Only statements that mention these actors.',
    }),
    meeting: t.string({ required: false, description: 'Only statements about this meeting.' }),
    search: t.string({
      required: false,
      description:
        'Only statements whose words or speaker match these words, as `Query.search` matches them (the list keeps its default order; `Query.search` ranks).',
    }),
  }),
});

builder.node(StatementRef, {
  description: 'Something an actor said, as the article conveys it, with the span it stands in.',
  interfaces: [SourcedRef],
  isTypeOf: isA('Statement'),
  id: { resolve: (statement) => statement.slug },
  loadOne: (slug, { store }) => store.bySlug('Statement', slug),
  fields: (t) => ({
    kind: t.field({
      type: StatementKindRef,
      description: 'Quoted, paraphrased or reported.',
      resolve: (s) => s.kind,
    }),
    text: t.exposeString('text', {
      description:
        'For a DIRECT_QUOTE, the quoted words verbatim; otherwise a faithful restatement.',
    }),
    speaker: t.field({
      type: ActorRef,
      description: 'Who said it.',
      resolve: (s, _args, { store }) => store.at('Actor', s.speaker),
    }),
    reportedBy: t.field({
      type: ActorRef,
      nullable: true,
      description: 'The outlet it was told to or reported by, when the text says so.',
      resolve: (s, _args, { store }) => store.atOptional('Actor', s.reportedBy),
    }),
    mentions: t.field({
      type: [ActorRef],
      description: 'The actors it names or refers to.',
      resolve: (s, _args, { store }) => store.allAt('Actor', s.mentions),
    }),
    meeting: t.field({
      type: MeetingRef,
      nullable: true,
      description: 'The meeting or event it is about, when there is one.',
      resolve: (s, _args, { store }) => store.atOptional('Meeting', s.meeting),
    }),
    draftClauses: t.field({
      type: [DraftClauseRef],
      description: 'The draft clauses or conditions it concerns.',
      resolve: (s, _args, { store }) => store.allAt('DraftClause', s.draftClauses),
    }),
    topics: t.field({
      type: [TopicRef],
      description: 'What it is about.',
      resolve: (s, _args, { store }) => store.allAt('Topic', s.topics),
    }),
    article: t.field({
      type: ArticleRef,
      description: 'The article that reports it.',
      resolve: (s, _args, { store }) => store.at('Article', s.excerpt.article),
    }),
    excerpt: t.field({
      type: ExcerptRef,
      description: 'The span it stands in; for a DIRECT_QUOTE, exactly the quoted words.',
      resolve: (s) => s.excerpt,
    }),
  }),
});

slugLookup('statement', 'Statement', StatementRef, 'A statement');

builder.queryFields((t) => ({
  statements: t.field({
    type: StatementConnectionRef,
    description:
      'Statements, newest article first and in order of appearance within it unless `orderBy` says otherwise, optionally filtered.',
    complexity: pageCost,
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({
        type: StatementFilterRef,
        required: false,
        description: 'Narrows the list.',
      }),
      orderBy: t.arg(orderByArg(StatementOrderRef)),
    },
    resolve: (_root, args, { store }) =>
      connection(args, store.statements(checkFilterSearch(args.filter), args.orderBy ?? 'NEWEST')),
  }),
}));
