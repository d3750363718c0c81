import packedJson from '#data';
import { indexedList, type ListView, wholeList } from './list.ts';
import { unpack } from './packed.ts';
import type {
  ActorData,
  ArticleData,
  DraftAgreementData,
  DraftClauseData,
  ExcerptData,
  Index,
  MeetingData,
  PositionData,
  StatementData,
  TopicData,
} from './types.ts';

/** The compiled corpus, parsed and unpacked once per isolate when this module loads. */
export const corpus = unpack(JSON.parse(packedJson));

/** A content hash of the bundled data; changes exactly when the data does. */
export const dataVersion: string = corpus.version;

/** Each record type by the name GraphQL knows it under. */
export interface RecordTypes {
  Article: ArticleData;
  Actor: ActorData;
  Statement: StatementData;
  Meeting: MeetingData;
  DraftAgreement: DraftAgreementData;
  DraftClause: DraftClauseData;
  Topic: TopicData;
  Position: PositionData;
}

export type NodeType = Exclude<keyof RecordTypes, 'Position'>;

export const records: { [T in keyof RecordTypes]: readonly RecordTypes[T][] } = {
  Article: corpus.articles,
  Actor: corpus.actors,
  Statement: corpus.statements,
  Meeting: corpus.meetings,
  DraftAgreement: corpus.draftAgreements,
  DraftClause: corpus.draftClauses,
  Topic: corpus.topics,
  Position: corpus.positions,
};

/** The record a slug names, or null: an unknown slug is an answer, not an error. */
export function bySlug<T extends NodeType>(type: T, slug: string): RecordTypes[T] | null {
  const index = corpus.slugs[type].get(slug);
  return index === undefined ? null : (records[type][index] ?? null);
}

/** The record at a compiled reference. References were resolved at build time. */
export function at<T extends keyof RecordTypes>(type: T, index: Index): RecordTypes[T] {
  return records[type][index] as RecordTypes[T];
}

export function atOptional<T extends keyof RecordTypes>(
  type: T,
  index: Index | null,
): RecordTypes[T] | null {
  return index === null ? null : at(type, index);
}

export function allAt<T extends keyof RecordTypes>(
  type: T,
  indexes: readonly Index[],
): RecordTypes[T][] {
  return indexes.map((i) => records[type][i] as RecordTypes[T]);
}

/** The records at `indexes`, as a list paged lazily. */
export function listAt<T extends keyof RecordTypes>(
  type: T,
  indexes: readonly Index[],
): ListView<RecordTypes[T]> {
  return indexedList(records[type], indexes);
}

/** A whole collection in default order. */
export function listAll<T extends keyof RecordTypes>(type: T): ListView<RecordTypes[T]> {
  return wholeList(records[type]);
}

/**
 * The words of a span (an excerpt or a paragraph), sliced from its article: exactly
 * `Article.text.slice(start, end)`.
 */
export function spanText(span: Pick<ExcerptData, 'article' | 'start' | 'end'>): string {
  return at('Article', span.article).text.slice(span.start, span.end);
}
