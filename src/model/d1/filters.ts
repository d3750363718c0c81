import type { Db } from './db.ts';

/**
 * One criterion of a list filter, as the bundle's are: a filter's postings for some values,
 * a reverse relation of the records some slugs name, or the ids a search matched.
 */
export type Criterion =
  | { facet: string; values: readonly string[] }
  | { via: string; owner: string; slugs: readonly string[] }
  | { ids: () => Promise<number[]> }
  | { sortFrom: string; sortBelow: string };

/** The SQL of a criterion, a fixed text per kind: every value is a bound parameter. */
async function clauseOf(criterion: Criterion): Promise<[string, unknown[]]> {
  if ('facet' in criterion) {
    return [
      'r.id IN (SELECT item FROM link WHERE list = ? AND owner IN (SELECT value FROM json_each(?)))',
      [criterion.facet, JSON.stringify(criterion.values)],
    ];
  }
  if ('via' in criterion) {
    return [
      `r.id IN (SELECT item FROM link WHERE list = ? AND owner IN (
        SELECT id FROM record WHERE type = ? AND slug IN (SELECT value FROM json_each(?))))`,
      [criterion.via, criterion.owner, JSON.stringify(criterion.slugs)],
    ];
  }
  if ('sortFrom' in criterion) {
    // A range of the default order (record_by_sort): the records of a span of dates.
    return ['r.sort >= ? AND r.sort < ?', [criterion.sortFrom, criterion.sortBelow]];
  }
  return ['r.id IN (SELECT value FROM json_each(?))', [JSON.stringify(await criterion.ids())]];
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
  type: string,
  criteria: readonly Criterion[],
  offset: number,
  limit: number,
  order: 'NEWEST' | 'OLDEST' = 'NEWEST',
) {
  const clauses = await Promise.all(criteria.map(clauseOf));
  const where = clauses.map(([sql]) => `AND ${sql}`).join('\n    ');
  // MATERIALIZED: the matches are found once (by the keys their criteria give) and counted
  // and paged from there. Left to itself, workerd's SQLite flattens them into the page and
  // walks the whole type in sort order to skip the sort (50 ms for a speaker with no
  // statement at 1,000 articles). The page's bodies are read for its rows only.
  const sql = `WITH m AS MATERIALIZED (SELECT r.id, r.sort FROM record r WHERE r.type = ?
    ${where})
  SELECT (SELECT COUNT(*) FROM m) AS total, r.id, r.body FROM (SELECT 1)
  LEFT JOIN (SELECT id, sort FROM m ORDER BY ${orderBy[order]} LIMIT ? OFFSET ?) p ON 1
  LEFT JOIN record r ON r.type = ? AND r.id = p.id
  ORDER BY ${orderBy[order].replaceAll('sort', 'p.sort')}`;
  return db.all<{ total: number; id: number | null; body: string | null }>(sql, [
    type,
    ...clauses.flatMap(([, params]) => params),
    limit,
    offset,
    type,
  ]);
}
