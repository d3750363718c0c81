import type { NodeType, RecordTypes } from './corpus.ts';
import type { SearchHit } from './highlights.ts';
import type { ListView } from './list.ts';
import type {
  ActorFilter,
  ArchiveOrder,
  ArticleFilter,
  DraftClauseFilter,
  MeetingFilter,
  StatementFilter,
} from './queries.ts';
import type { OwnerType, RelationOf, TargetOf } from './relations.ts';
import type { SearchScope } from './search-options.ts';
import type {
  ActorData,
  ArticleData,
  DraftClauseData,
  ExcerptData,
  Index,
  MeetingData,
  ParagraphData,
  StatementData,
} from './types.ts';

export type MaybePromise<T> = T | Promise<T>;

/** A page of a list and the list's whole length. */
export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * A list held by a database: a page costs a query, and its length comes with the page, so
 * that a connection is one query. `count` is for what needs the length first (a `last`
 * without `before`).
 */
export interface LazyList<T> {
  page(offset: number, limit: number): Promise<Page<T>>;
  count(): Promise<number>;
}

/** A list either store answers: the bundle's, synchronous, or a database's. */
export type AnyList<T> = ListView<T> | LazyList<T>;

/**
 * The model's one face. The bundled store answers every call synchronously, from the corpus
 * compiled into the Worker; the D1 store answers the same calls with promises, through
 * per-request DataLoaders. Records are the same shapes on both, except that a D1 record
 * carries no reverse-relation arrays: those are asked for through `related`.
 */
export interface Store {
  bySlug<T extends NodeType>(type: T, slug: string): MaybePromise<RecordTypes[T] | null>;
  at<T extends keyof RecordTypes>(type: T, ref: Index): MaybePromise<RecordTypes[T]>;
  atOptional<T extends keyof RecordTypes>(
    type: T,
    ref: Index | null,
  ): MaybePromise<RecordTypes[T] | null>;
  allAt<T extends keyof RecordTypes>(
    type: T,
    refs: readonly Index[],
  ): MaybePromise<RecordTypes[T][]>;
  /** A reverse relation (an actor's statements), as a list to page. */
  related<O extends OwnerType, F extends RelationOf<O>>(
    type: O,
    record: RecordTypes[O],
    field: F,
  ): AnyList<RecordTypes[TargetOf<O, F>]>;
  /** A short reverse relation (an actor's meetings), whole. */
  relatedAll<O extends OwnerType, F extends RelationOf<O>>(
    type: O,
    record: RecordTypes[O],
    field: F,
  ): MaybePromise<RecordTypes[TargetOf<O, F>][]>;
  listAll<T extends keyof RecordTypes>(type: T): AnyList<RecordTypes[T]>;
  actors(filter: ActorFilter | null | undefined): AnyList<ActorData>;
  /** The archive's articles, newest first unless `order` says OLDEST. */
  articles(filter: ArticleFilter | null | undefined, order?: ArchiveOrder): AnyList<ArticleData>;
  statements(
    filter: StatementFilter | null | undefined,
    order?: ArchiveOrder,
  ): AnyList<StatementData>;
  meetings(filter: MeetingFilter | null | undefined): AnyList<MeetingData>;
  draftClauses(filter: DraftClauseFilter | null | undefined): AnyList<DraftClauseData>;
  /** Hits within the scope's kinds and dates: best first, or newest first. */
  search(query: string, scope: SearchScope): AnyList<SearchHit>;
  /** Where a hit's matched words stand in the article. */
  highlights(hit: SearchHit): MaybePromise<ExcerptData[]>;
  /** The spans a record rests on (a D1 record's are read only when asked for). */
  excerpts(record: { excerpts?: ExcerptData[] } & object): MaybePromise<ExcerptData[]>;
  /** An article's whole text (a database reads it only when asked for). */
  articleText(article: ArticleData): MaybePromise<string>;
  /** An article's paragraphs, each carrying its words where the store has them at hand. */
  paragraphs(article: ArticleData): MaybePromise<ParagraphData[]>;
  /** The words of a span: exactly its article's text between its offsets. */
  spanText(span: Pick<ExcerptData, 'article' | 'start' | 'end'>): MaybePromise<string>;
  /** How many database queries it has made (a D1 store's; the bundle makes none). */
  readonly queries?: number;
}

/**
 * The store could not answer: its database failed or did not answer in time. It carries
 * nothing of the cause (no SQL, no driver message); the edge answers it with 503.
 */
export class StoreUnavailable extends Error {
  constructor() {
    super('The data store is unavailable; try again shortly.');
    this.name = 'StoreUnavailable';
  }
}
