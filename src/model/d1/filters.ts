import { dayRange } from '../archive-order.ts';
import { criteriaOf, type FilteredType, type Filters } from '../list-filters.ts';
import type { Db } from './db.ts';
import { matchingIds } from './search.ts';
import { bodyOf, type ListSource, lists, sourceSql, type TypeName, tableOf } from './tables.ts';

/**
 * One criterion of a list filter, as the bundle's are: a filter's postings for some values,
 * a reverse relation of the records some slugs name, or the ids a search matched.
 */
export type Criterion =
  | { facet: string; values: readonly string[] }
  | { via: string; owner: string; slugs: readonly string[] }
  | { ids: () => Promise<number[]> }
  | { sortFrom: string; sortBelow: string };

/** The articles that hold a statement, or name an actor, that matches the words. */
async function articlesMatching(db: Db, query: string): Promise<number[]> {
  const [statements, actors] = await Promise.all([
    matchingIds(db, 'Statement', query),
    matchingIds(db, 'Actor', query),
  ]);
  if (statements.length === 0 && actors.length === 0) return [];
  const rows = await db.all<{ id: number }>(
    `SELECT article AS id FROM statement WHERE id IN (SELECT value FROM json_each(?1))
      UNION SELECT article FROM citation WHERE type = 'Actor' AND entity IN (SELECT value FROM json_each(?2))`,
    [JSON.stringify(statements), JSON.stringify(actors)],
  );
  return rows.map((r) => r.id);
}

/** The criteria `filter` asks for (list-filters.ts), as D1 reads them. */
export function criteriaIn<T extends FilteredType>(
  db: Db,
  type: T,
  filter: Filters[T] | null | undefined,
): Criterion[] {
  return criteriaOf(type, filter).map((c): Criterion => {
    if ('facet' in c) return c;
    if ('via' in c) return { ...c, owner: c.via.split('.')[0] as string };
    if ('search' in c) {
      const query = c.search;
      // Only actors, statements and articles declare a search.
      return {
        ids: () =>
          type === 'Article'
            ? articlesMatching(db, query)
            : matchingIds(db, type as 'Actor' | 'Statement', query),
      };
    }
    // The date bounds as a range of sort keys: an article's, and each of its records', begins
    // with its newest-first day, eight digits (archive-order.ts). An undated article is within
    // no bounds.
    const range = dayRange(c.published) as { from: number; below: number };
    const digits = (day: number) => String(day).padStart(8, '0');
    return { sortFrom: digits(range.from), sortBelow: digits(range.below) };
  });
}

/** The SQL of a criterion, a fixed text per kind: every value is a bound parameter. */
async function clauseOf(criterion: Criterion): Promise<[string, unknown[]]> {
  if ('facet' in criterion || 'via' in criterion) {
    const [name, values, by] =
      'facet' in criterion
        ? [criterion.facet, criterion.values, lists[criterion.facet]?.ownerBy]
        : [criterion.via, criterion.slugs, criterion.owner as TypeName];
    const owners = by
      ? `IN (SELECT id FROM ${tableOf[by]} WHERE slug IN (SELECT value FROM json_each(?)))`
      : 'IN (SELECT value FROM json_each(?))';
    return [
      `t.id IN (SELECT id FROM (${sourceSql(lists[name] as ListSource, owners)}))`,
      [JSON.stringify(values)],
    ];
  }
  if ('sortFrom' in criterion) {
    // A range of the default order (the kind's sort index): the records of a span of dates.
    return ['t.sort >= ? AND t.sort < ?', [criterion.sortFrom, criterion.sortBelow]];
  }
  return ['t.id IN (SELECT value FROM json_each(?))', [JSON.stringify(await criterion.ids())]];
}

// OLDEST: a sort key begins with eight digits that sort newest first (archive-order.ts); the
// rest (the article's slug, then the place in it) keeps its order within a day.
const orderBy = {
  NEWEST: 'sort',
  OLDEST: 'substr(sort, 1, 8) DESC, substr(sort, 9)',
};

/**
 * A page of the records of `type` that meet every criterion, in default order, with how many
 * do: one statement, whose first row always carries the count.
 */
export async function filteredPage(
  db: Db,
  type: TypeName,
  criteria: readonly Criterion[],
  offset: number,
  limit: number,
  order: 'NEWEST' | 'OLDEST' = 'NEWEST',
) {
  const clauses = await Promise.all(criteria.map(clauseOf));
  const where = clauses.map(([sql]) => `AND ${sql}`).join('\n    ');
  const table = tableOf[type];
  // MATERIALIZED: the matches are found once (by the keys their criteria give) and counted
  // and paged from there. Left to itself, workerd's SQLite flattens them into the page and
  // walks the whole kind in sort order to skip the sort. The page's rows alone are read.
  const sql = `WITH m AS MATERIALIZED (SELECT t.id, t.sort FROM ${table} t WHERE 1
    ${where})
  SELECT (SELECT COUNT(*) FROM m) AS total, ${bodyOf(type)} AS body FROM (SELECT 1)
  LEFT JOIN (SELECT id, sort FROM m ORDER BY ${orderBy[order]} LIMIT ? OFFSET ?) p ON 1
  LEFT JOIN ${table} t ON t.id = p.id
  ORDER BY ${orderBy[order].replaceAll('sort', 'p.sort')}`;
  return db.all<{ total: number; body: string | null }>(sql, [
    ...clauses.flatMap(([, params]) => params),
    limit,
    offset,
  ]);
}
