import {
  deletionsOf,
  docDayShift,
  docKindShift,
  fieldBoost,
  prefixMinLength,
  queryWords,
  type SearchableType,
  type SearchScope,
  searchableTypes,
  searchFields,
  transpositionsOf,
  typoMinLength,
} from '../search-options.ts';
import type { Db } from './db.ts';
import { bodyByType } from './tables.ts';

// Search over migrations/0008_fts5.sql: SQLite's FTS5, ranked by its bm25() with the bundle's
// field weights and each record's coverage boost. The two stores agree on behaviour (folding,
// prefixes, one typo, kinds, dates, order), not on scores. A query's words reach FTS5 only as
// quoted strings, so no character of a query is FTS5 syntax.

// The query's words (?1: [place, word, prefix]); for a word long enough to forgive a typo, the
// strings one letter dropped or two adjacent letters swapped make (?2: [place, string]), which
// match only where the index holds them, and its deletions by place (?3: [place, deletion,
// place removed]), which a term one letter longer, or with one letter replaced, shares
// (search_delete). Each word becomes (word[*] OR variant …), the words joined by OR: the
// MATCH expression is built here, in SQL, so that a search is one statement, and the index's
// vocabulary is never scanned (fts5vocab reads the whole index).
const expressionSql = `
word AS MATERIALIZED (
  SELECT json_extract(value, '$[0]') AS i, json_extract(value, '$[1]') AS w,
    json_extract(value, '$[2]') AS prefix FROM json_each(?1)
),
alt AS MATERIALIZED (
  SELECT json_extract(value, '$[0]') AS i, json_extract(value, '$[1]') AS term FROM json_each(?2)
  UNION
  SELECT w.i, d.term FROM word w JOIN search_delete d ON d.del = w.w
  WHERE length(w.w) >= ${typoMinLength}
  UNION
  SELECT json_extract(x.value, '$[0]'), d.term FROM json_each(?3) x
    JOIN search_delete d ON d.del = json_extract(x.value, '$[1]') AND d.at = json_extract(x.value, '$[2]')
),
expr AS (
  SELECT group_concat(q, ' OR ') AS q FROM (
    SELECT '(' || '"' || replace(w.w, '"', '""') || '"' || CASE WHEN w.prefix THEN ' *' ELSE '' END
      || coalesce((SELECT group_concat(' OR "' || replace(a.term, '"', '""') || '"', '')
        FROM alt a WHERE a.i = w.i AND a.term <> w.w), '') || ')' AS q
    FROM word w ORDER BY w.i)
)`;

// A field's match weighs as the bundle weighs it: bm25 of that field alone (its weight 1, the
// others' 0), times the field's boost, summed. bm25() with all weights at once saturates a
// term's frequency after weighting it, which leaves a name match barely above a mention.
const rankSql = searchFields
  .map(
    (field, i) =>
      `${fieldBoost[field] ?? 1} * bm25(search, ${searchFields.map((_, j) => (i === j ? 1 : 0)).join(', ')})`,
  )
  .join(' + ');
const kindOf = (doc: string) => `((${doc} >> ${docKindShift}) & 7)`;
// ?4, ?5: the day range; ?6: the kinds' places (null for all).
const within = (doc: string) =>
  `${doc} >= (?4 << ${docDayShift}) AND ${doc} < (?5 << ${docDayShift}) AND (?6 IS NULL OR ${kindOf(doc)} IN (SELECT value FROM json_each(?6)))`;
const matches = `search MATCH (SELECT q FROM expr)`;
const body = bodyByType(searchableTypes, 'p.type', 'id', 'p.item');
// Best first: every match scored (bm25 is lower for better), weighted by its coverage boost.
const relevanceSql = `WITH ${expressionSql},
m AS MATERIALIZED (SELECT rowid AS doc, ${rankSql} AS rank FROM search
  WHERE ${matches} AND ${within('rowid')})
SELECT (SELECT COUNT(*) FROM m) AS total, p.type, p.item, p.score, ${body} AS body
FROM (SELECT 1) LEFT JOIN (
  SELECT d.type, d.item, -m.rank * d.boost AS score, d.doc FROM m JOIN search_doc d ON d.doc = m.doc
  ORDER BY score DESC, d.doc LIMIT ?7 OFFSET ?8) p ON 1
ORDER BY p.score DESC, p.doc`;

// Newest first: matches come in rowid order, which is day order, so the scan stops after the
// page's last day; that day's matches are all read, and the page is cut from them in the
// archive's order (sort key, then kind's place). The count still reads every match's rowid.
const newestSql = `WITH ${expressionSql},
m AS MATERIALIZED (SELECT rowid AS doc, ${rankSql} AS rank FROM search
  WHERE ${matches} AND ${within('rowid')} ORDER BY rowid LIMIT ?7 + ?8),
edge AS (SELECT max(doc) >> ${docDayShift} AS day FROM m),
tied AS MATERIALIZED (SELECT rowid AS doc, ${rankSql} AS rank FROM search
  WHERE ${matches} AND ${within('rowid')}
    AND rowid >= ((SELECT day FROM edge) << ${docDayShift}) AND rowid < (((SELECT day FROM edge) + 1) << ${docDayShift})),
near AS (SELECT doc, rank FROM m UNION SELECT doc, rank FROM tied)
SELECT (SELECT COUNT(*) FROM search WHERE ${matches} AND ${within('rowid')}) AS total,
  p.type, p.item, p.score, ${body} AS body
FROM (SELECT 1) LEFT JOIN (
  SELECT d.type, d.item, -n.rank * d.boost AS score, d.sort, ${kindOf('d.doc')} AS kind
  FROM near n JOIN search_doc d ON d.doc = n.doc
  ORDER BY d.sort, kind LIMIT ?7 OFFSET ?8) p ON 1
ORDER BY p.sort, p.kind`;

const matchingSql = `WITH ${expressionSql}
SELECT d.item FROM search JOIN search_doc d ON d.doc = search.rowid
WHERE ${matches} AND ${within('search.rowid')}`;

/** The parameters ?1–?6 of a search for `words` within `scope`. */
function paramsOf(words: string[], scope: SearchScope): unknown[] {
  const long = words
    .map((w, i) => [i, w] as const)
    .filter(([, w]) => [...w].length >= typoMinLength);
  return [
    JSON.stringify(words.map((w, i) => [i, w, [...w].length >= prefixMinLength ? 1 : 0])),
    JSON.stringify(
      long.flatMap(([i, w]) => [
        ...deletionsOf(w).map(([del]) => [i, del]),
        ...transpositionsOf(w).map((t) => [i, t]),
      ]),
    ),
    JSON.stringify(long.flatMap(([i, w]) => deletionsOf(w).map(([del, at]) => [i, del, at]))),
    scope.from ?? 0,
    scope.below ?? 100_000_000,
    scope.kinds && scope.kinds.length > 0
      ? JSON.stringify([...new Set(scope.kinds)].map((k) => searchableTypes.indexOf(k)))
      : null,
  ];
}

export interface SearchPage {
  total: number;
  /** Each hit with its record, read in the same statement. */
  hits: { type: SearchableType; body: string; score: number }[];
  /** The query's words (what a hit's highlights match: search-options.ts matcherOf). */
  terms: string[];
}

/**
 * Hits [offset, offset + limit) of the results for `query` within `scope`, with their
 * records, and how many there are: one statement (none for a query of stop words).
 */
export async function searchPage(
  db: Db,
  query: string,
  scope: SearchScope,
  offset: number,
  limit: number,
): Promise<SearchPage> {
  const words = queryWords(query);
  if (words.length === 0) return { total: 0, hits: [], terms: [] };
  const rows = await db.all<{
    total: number;
    type: SearchableType | null;
    score: number | null;
    body: string | null;
  }>(scope.order === 'NEWEST' ? newestSql : relevanceSql, [
    ...paramsOf(words, scope),
    limit,
    offset,
  ]);
  const first = rows[0];
  return {
    total: first?.total ?? 0,
    hits: rows
      .filter((row) => row.type !== null && row.body !== null)
      .map((row) => ({
        type: row.type as SearchableType,
        body: row.body as string,
        score: row.score ?? 0,
      })),
    terms: words,
  };
}

/** The ids of records of `type` that match `query`, in no particular order: one statement. */
export async function matchingIds(
  db: Db,
  type: 'Actor' | 'Statement',
  query: string,
): Promise<number[]> {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const rows = await db.all<{ item: number }>(matchingSql, paramsOf(words, { kinds: [type] }));
  return rows.map((row) => row.item);
}
