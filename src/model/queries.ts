import { dayNumber, dayOf } from './archive-order.ts';
import { bySlug, corpus, type NodeType, type RecordTypes, records } from './corpus.ts';
import type {
  ActorKind,
  ArchiveOrder,
  ClauseStatus,
  MeetingKind,
  MeetingStatus,
  StatementKind,
} from './enums.ts';
import { indexedList, intersect, type ListView, union, wholeList } from './list.ts';
import { matching } from './search.ts';
import type {
  ActorData,
  ArticleData,
  DraftClauseData,
  Index,
  MeetingData,
  Postings,
  StatementData,
} from './types.ts';

// The list filters. Each criterion is a precomputed posting list; a filter is the
// intersection of its criteria, each the union of its values. An unknown slug in a filter
// matches nothing rather than failing, like an unknown slug in a lookup.

type Criterion = readonly Index[] | undefined;

function postings(table: Postings, keys: readonly string[]): Index[] {
  return union(keys.map((k) => (Object.hasOwn(table, k) ? (table[k] as Index[]) : [])));
}

/** The union of a reverse relation over the records that `slugs` name. */
function via<T extends NodeType>(
  type: T,
  slugs: readonly string[],
  pick: (record: RecordTypes[T]) => readonly Index[],
): Index[] {
  return union(
    slugs.map((s) => {
      const record = bySlug(type, s);
      return record ? pick(record) : [];
    }),
  );
}

function select<T>(items: readonly T[], criteria: Criterion[]): ListView<T> {
  const active = criteria.filter((c): c is readonly Index[] => c !== undefined);
  return active.length === 0 ? wholeList(items) : indexedList(items, intersect(active));
}

export interface ActorFilter {
  kind?: readonly ActorKind[] | null;
  search?: string | null;
}

export function listActors(filter: ActorFilter | null | undefined): ListView<ActorData> {
  return select(records.Actor, [
    filter?.kind ? postings(corpus.filters.actorsByKind, filter.kind) : undefined,
    filter?.search != null ? matching('Actor', filter.search) : undefined,
  ]);
}

export type { ArchiveOrder };

/** Bounds on the publication date, `YYYY-MM-DD`, both inclusive. */
export interface DateBounds {
  publishedAfter?: string | null;
  publishedBefore?: string | null;
}

// Each article's day (archive-order.ts), by index: what the date bounds and OLDEST read.
const articleDays = corpus.articles.map((a) => dayNumber(a.publishedOn));

/** The articles within the bounds, in default order; an undated article is within none. */
function articlesWithin(bounds: DateBounds): Index[] | undefined {
  if (bounds.publishedAfter == null && bounds.publishedBefore == null) return undefined;
  const from = bounds.publishedAfter == null ? 1 : dayOf(bounds.publishedAfter);
  const to =
    bounds.publishedBefore == null ? Number.MAX_SAFE_INTEGER : dayOf(bounds.publishedBefore);
  const within: Index[] = [];
  articleDays.forEach((day, i) => {
    if (day !== 0 && day >= from && day <= to) within.push(i);
  });
  return within;
}

/**
 * A list in the archive's order: as selected for NEWEST; for OLDEST, the same items by their
 * article's day, oldest first, each day's in the order they had (by slug, then appearance).
 */
function inOrder<T>(view: ListView<T>, order: ArchiveOrder, dayOfItem: (item: T) => number) {
  if (order !== 'OLDEST') return view;
  const items = view.slice(0, view.length);
  const days = new Map(items.map((item) => [item, dayOfItem(item)]));
  // Array.prototype.sort is stable: equal days keep their order.
  return wholeList(items.sort((a, b) => (days.get(a) ?? 0) - (days.get(b) ?? 0)));
}

export interface ArticleFilter extends DateBounds {
  publisher?: readonly string[] | null;
  author?: readonly string[] | null;
  mentions?: readonly string[] | null;
  topic?: readonly string[] | null;
  search?: string | null;
}

/** The articles that hold a statement, or name an actor, that matches the words. */
function articlesMatching(query: string): Index[] {
  // Statements come in article order: their articles ascend, each once in the Set.
  const ofStatements = new Set(
    matching('Statement', query).map(
      (s) => (records.Statement[s] as StatementData).excerpt.article,
    ),
  );
  return union([
    [...ofStatements],
    ...matching('Actor', query).map((a) => (records.Actor[a] as ActorData).articles),
  ]);
}

export function listArticles(
  filter: ArticleFilter | null | undefined,
  order: ArchiveOrder = 'NEWEST',
): ListView<ArticleData> {
  const view = select(records.Article, [
    articlesWithin(filter ?? {}),
    filter?.publisher ? postings(corpus.filters.articlesByPublisher, filter.publisher) : undefined,
    filter?.author ? postings(corpus.filters.articlesByAuthor, filter.author) : undefined,
    filter?.mentions ? via('Actor', filter.mentions, (a) => a.articles) : undefined,
    filter?.topic ? via('Topic', filter.topic, (t) => t.articles) : undefined,
    filter?.search != null ? articlesMatching(filter.search) : undefined,
  ]);
  return inOrder(view, order, (article) => dayNumber(article.publishedOn));
}

export interface StatementFilter extends DateBounds {
  article?: readonly string[] | null;
  speaker?: readonly string[] | null;
  kind?: readonly StatementKind[] | null;
  topic?: readonly string[] | null;
  mentions?: readonly string[] | null;
  meeting?: string | null;
  search?: string | null;
}

export function listStatements(
  filter: StatementFilter | null | undefined,
  order: ArchiveOrder = 'NEWEST',
): ListView<StatementData> {
  const within = articlesWithin(filter ?? {});
  const view = select(records.Statement, [
    filter?.article ? via('Article', filter.article, (a) => a.statements) : undefined,
    // Articles come in default order, and so do their statements: the union is a concatenation.
    within ? union(within.map((a) => (records.Article[a] as ArticleData).statements)) : undefined,
    filter?.speaker ? via('Actor', filter.speaker, (a) => a.statements) : undefined,
    filter?.kind ? postings(corpus.filters.statementsByKind, filter.kind) : undefined,
    filter?.topic ? via('Topic', filter.topic, (t) => t.statements) : undefined,
    filter?.mentions ? via('Actor', filter.mentions, (a) => a.mentionedIn) : undefined,
    filter?.meeting != null ? via('Meeting', [filter.meeting], (m) => m.statements) : undefined,
    filter?.search != null ? matching('Statement', filter.search) : undefined,
  ]);
  return inOrder(view, order, (s) => articleDays[s.excerpt.article] ?? 0);
}

export interface MeetingFilter {
  status?: readonly MeetingStatus[] | null;
  kind?: readonly MeetingKind[] | null;
}

export function listMeetings(filter: MeetingFilter | null | undefined): ListView<MeetingData> {
  return select(records.Meeting, [
    filter?.status ? postings(corpus.filters.meetingsByStatus, filter.status) : undefined,
    filter?.kind ? postings(corpus.filters.meetingsByKind, filter.kind) : undefined,
  ]);
}

export interface DraftClauseFilter {
  agreement?: string | null;
  status?: readonly ClauseStatus[] | null;
  opposedBy?: readonly string[] | null;
}

export function listDraftClauses(
  filter: DraftClauseFilter | null | undefined,
): ListView<DraftClauseData> {
  return select(records.DraftClause, [
    filter?.agreement != null
      ? postings(corpus.filters.clausesByAgreement, [filter.agreement])
      : undefined,
    filter?.status ? postings(corpus.filters.clausesByStatus, filter.status) : undefined,
    filter?.opposedBy ? postings(corpus.filters.clausesByOpposer, filter.opposedBy) : undefined,
  ]);
}
