import { dayNumber, dayOf } from './archive-order.ts';
import { bySlug, corpus, type NodeType, type RecordTypes, records } from './corpus.ts';
import type { ArchiveOrder } from './enums.ts';
import { indexedList, intersect, type ListView, union, wholeList } from './list.ts';
import {
  type ActorFilter,
  type ArticleFilter,
  criteriaOf,
  type DateBounds,
  type DraftClauseFilter,
  type FilterCriterion,
  type FilteredType,
  type Filters,
  type MeetingFilter,
  type StatementFilter,
} from './list-filters.ts';
import { tableOf } from './packed.ts';
import { matching } from './search.ts';
import type { ActorData, ArticleData, Index, StatementData } from './types.ts';

// The bundled store's list filters: each criterion list-filters.ts declares is a precomputed
// list of indexes in default order (a facet's posting list, a reverse relation, a search's
// matches, the records of the articles within the dates).

export type {
  ActorFilter,
  ArchiveOrder,
  ArticleFilter,
  DateBounds,
  DraftClauseFilter,
  MeetingFilter,
  StatementFilter,
};

// Each article's day (archive-order.ts), by index: what the date bounds and OLDEST read.
const articleDays = corpus.articles.map((a) => dayNumber(a.publishedOn));

/** The articles within the bounds, in default order; an undated article is within none. */
function articlesWithin(bounds: DateBounds): Index[] {
  const from = bounds.publishedAfter == null ? 1 : dayOf(bounds.publishedAfter);
  const to =
    bounds.publishedBefore == null ? Number.MAX_SAFE_INTEGER : dayOf(bounds.publishedBefore);
  const within: Index[] = [];
  articleDays.forEach((day, i) => {
    if (day !== 0 && day >= from && day <= to) within.push(i);
  });
  return within;
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

const indexesOf = (record: object, field: string) =>
  (record as Record<string, readonly Index[]>)[field] ?? [];

/** The indexes of the records of `type` a criterion selects, in default order. */
function selected(type: FilteredType, criterion: FilterCriterion): readonly Index[] {
  if ('facet' in criterion) {
    const postings = corpus.filters[criterion.facet];
    return union(
      criterion.values.map((v) => (Object.hasOwn(postings, v) ? postings[v] : []) ?? []),
    );
  }
  if ('via' in criterion) {
    const [owner, field] = criterion.via.split('.') as [NodeType, string];
    return union(
      criterion.slugs.map((slug) => {
        const record = bySlug(owner, slug);
        return record ? indexesOf(record, field) : [];
      }),
    );
  }
  if ('search' in criterion) {
    // Only actors, statements and articles declare a search.
    return type === 'Article'
      ? articlesMatching(criterion.search)
      : matching(type as 'Actor' | 'Statement', criterion.search);
  }
  const within = articlesWithin(criterion.published);
  if (type === 'Article') return within;
  // Articles come in default order, and so do their records: the union is a concatenation.
  return union(within.map((a) => indexesOf(records.Article[a] as ArticleData, tableOf(type))));
}

/** The records of `type` that meet every criterion `filter` asks for, in default order. */
function filtered<T extends FilteredType>(
  type: T,
  filter: Filters[T] | null | undefined,
): ListView<RecordTypes[T]> {
  const items = records[type] as readonly RecordTypes[T][];
  const criteria = criteriaOf(type, filter).map((c) => selected(type, c));
  return criteria.length === 0 ? wholeList(items) : indexedList(items, intersect(criteria));
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

export const listActors = (filter: ActorFilter | null | undefined) => filtered('Actor', filter);

export function listArticles(
  filter: ArticleFilter | null | undefined,
  order: ArchiveOrder = 'NEWEST',
): ListView<ArticleData> {
  return inOrder(filtered('Article', filter), order, (article) => dayNumber(article.publishedOn));
}

export function listStatements(
  filter: StatementFilter | null | undefined,
  order: ArchiveOrder = 'NEWEST',
): ListView<StatementData> {
  return inOrder(filtered('Statement', filter), order, (s) => articleDays[s.excerpt.article] ?? 0);
}

export const listMeetings = (filter: MeetingFilter | null | undefined) =>
  filtered('Meeting', filter);

export const listDraftClauses = (filter: DraftClauseFilter | null | undefined) =>
  filtered('DraftClause', filter);
