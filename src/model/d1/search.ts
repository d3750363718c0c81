import {
  deletionsOf,
  docTypeShift,
  indexOptions,
  querySearchOptions,
  type SearchableType,
  searchableTypes,
  searchFields,
  wellFormed,
} from '../search-options.ts';
import type { Db } from './db.ts';
import { bodyByType } from './tables.ts';

// Search over migrations/0005_search_by_home.sql, ranking exactly as the bundled MiniSearch index
// does (src/model/search.ts): the same terms, expansions, BM25 scores, quality factor and tie
// order. MiniSearch 7.2's rules are restated here where it does not export them.

// MiniSearch's default tokenizer, which the index is built and queried with.
const spaceOrPunctuation = /[\n\r\p{Z}\p{P}]+/u;
// MiniSearch's defaults where querySearchOptions leaves them unset.
const bm25 = { k: 1.2, b: 0.7, d: 0.5, ...querySearchOptions.bm25 };
const weights = { fuzzy: 0.45, prefix: 0.375, ...querySearchOptions.weights };
const maxFuzzy = querySearchOptions.maxFuzzy ?? 6;
// A key packs (expansion, field) so that the smallest key of a document says when MiniSearch
// first put it in its results map, which is its place among equal scores.
const fieldSlots = 16;

interface Spec {
  term: string;
  prefix: boolean;
  /** The edit distance allowed: 0 or 1 (the single-deletion table covers one). */
  fuzzy: number;
  /** Which distinct query word it is: MiniSearch multiplies by how many matched. */
  source: number;
}

function specsOf(query: string): Spec[] {
  const processTerm = indexOptions.processTerm;
  if (!processTerm) throw new Error('indexOptions.processTerm is required');
  const terms = query
    .split(spaceOrPunctuation)
    .flatMap((token) => processTerm(token))
    .filter((term): term is string => !!term);
  const sources = new Map<string, number>();
  return terms.map((term, i) => {
    const { prefix, fuzzy } = querySearchOptions;
    const p = typeof prefix === 'function' ? prefix(term, i, terms) : prefix === true;
    const f = typeof fuzzy === 'function' ? fuzzy(term, i, terms) : (fuzzy ?? false);
    let distance = 0;
    if (f !== false) {
      const ratio = f === true ? 0.2 : f;
      distance = ratio < 1 ? Math.min(maxFuzzy, Math.round(term.length * ratio)) : ratio;
    }
    if (distance > 1) throw new Error('D1 search matches at most one typo');
    if (!sources.has(term)) sources.set(term, sources.size);
    return { term, prefix: p, fuzzy: distance, source: sources.get(term) ?? 0 };
  });
}

// The query's words: [place among the words, term, prefix 0/1, its length in UTF-16 units,
// source]. A word with a lone surrogate cannot reach an indexed term and is left out.
function wordsParam(specs: Spec[]): string {
  return JSON.stringify(
    specs.flatMap((spec, i) =>
      wellFormed(spec.term)
        ? [[i, spec.term, spec.prefix ? 1 : 0, spec.term.length, spec.source]]
        : [],
    ),
  );
}

// For each word that forgives a typo: [place, the word, null] (a term one character longer
// has it among its deletions) and [place, deletion, code point removed] for each deletion.
function neighboursParam(specs: Spec[]): string {
  return JSON.stringify(
    specs.flatMap((spec, i) =>
      spec.fuzzy > 0 && wellFormed(spec.term)
        ? [[i, spec.term, null], ...deletionsOf(spec.term).map(([del, at]) => [i, del, at])]
        : [],
    ),
  );
}

const fieldBoost = `CASE t.field ${searchFields
  .map((field, id) => {
    const boost = (querySearchOptions.boost as Record<string, number | undefined>)[field];
    return `WHEN ${id} THEN ${boost || 1}`;
  })
  .join(' ')} END`;

/**
 * The query's expansions and their weights, in SQL, so that a search is one statement (one
 * round trip to D1, where it was two: the vocabulary, then the scores). `q` holds one row an
 * (expansion, field) the query scores: its key, term, field, weight × field boost, IDF and
 * source. Expansions follow MiniSearch's executeQuerySpec, word by word: the word itself,
 * then its prefix expansions in the tree's iteration order, then its one-typo neighbours
 * (those not already prefix expansions) in the tree's recursive order. The bundled index is
 * loaded with its terms in code-point order (scripts/data/search-index.ts), SQLite's own, and
 * its tree then iterates prefixes in the reverse order and recurses in it. `seq` numbers the
 * expansions as MiniSearch meets them, and a key packs (seq, field), so the smallest key of a
 * document says when MiniSearch first put it in its results map: its place among equal scores.
 * Parameters ?1 to ?4: the words, the neighbours, the prefix and the fuzzy weights. A term's
 * length is in UTF-16 units, as MiniSearch measures it (search_term.units, migrations/0006).
 */
const expansionsSql = `
WITH
word AS MATERIALIZED (
  SELECT json_extract(value, '$[0]') AS i, json_extract(value, '$[1]') AS term,
    json_extract(value, '$[2]') AS prefix, json_extract(value, '$[3]') AS units,
    json_extract(value, '$[4]') AS src
  FROM json_each(?1)
),
neighbour AS MATERIALIZED (
  SELECT json_extract(value, '$[0]') AS i, json_extract(value, '$[1]') AS del,
    json_extract(value, '$[2]') AS at
  FROM json_each(?2)
),
-- Within one edit of a word, by how the terms were found: the word's own deletion; a term
-- with the word among its deletions (one character more); a term that, without the
-- character at the place the word lost one, is the word's deletion (one character replaced).
typo AS (
  SELECT n.i AS i, n.del AS term FROM neighbour n
  WHERE n.at IS NOT NULL AND EXISTS (SELECT 1 FROM search_term t WHERE t.term = n.del)
  UNION
  SELECT n.i, d.term FROM neighbour n CROSS JOIN search_delete d ON d.del = n.del
  WHERE n.at IS NULL
  UNION
  SELECT n.i, d.term FROM neighbour n CROSS JOIN search_delete d ON d.del = n.del
  WHERE n.at IS NOT NULL AND substr(d.term, 1, n.at - 1) || substr(d.term, n.at + 1) = n.del
),
found AS MATERIALIZED (
  SELECT w.i AS i, 0 AS class, w.term AS term, w.units AS units, w.src AS src FROM word w
  WHERE EXISTS (SELECT 1 FROM search_term t WHERE t.term = w.term)
  UNION ALL
  SELECT DISTINCT w.i, 1, t.term, t.units, w.src FROM word w
  CROSS JOIN search_term t ON t.term > w.term AND t.term < w.term || char(1114111)
  WHERE w.prefix
  UNION ALL
  SELECT DISTINCT w.i, 2, y.term, t.units, w.src FROM word w
  JOIN typo y ON y.i = w.i CROSS JOIN search_term t ON t.term = y.term
  WHERE y.term <> w.term
    AND NOT (w.prefix AND y.term > w.term AND y.term < w.term || char(1114111))
),
expansion AS MATERIALIZED (
  SELECT f.term AS term, f.src AS src,
    ROW_NUMBER() OVER (ORDER BY f.i, f.class,
      CASE WHEN f.class = 2 THEN f.term END, CASE WHEN f.class = 1 THEN f.term END DESC) - 1 AS seq,
    CASE f.class WHEN 0 THEN 1
      WHEN 1 THEN (?3 * f.units) / (f.units + 0.3 * (f.units - w.units))
      ELSE (?4 * f.units) / (f.units + 1) END AS weight
  FROM found f JOIN word w ON w.i = f.i
),
q AS MATERIALIZED (
  SELECT e.seq * ${fieldSlots} + t.field AS key, t.term AS term, t.field AS field,
    e.weight * ${fieldBoost} AS weight,
    ln(1 + (n.value - t.df + 0.5) / (t.df + 0.5)) AS idf, e.src AS src
  FROM expansion e CROSS JOIN search_term t ON t.term = e.term
  CROSS JOIN (SELECT value FROM search_stat WHERE key = 'documents') n
)`;

/** ?1 to ?4 of expansionsSql. */
function expansionParams(specs: Spec[]): unknown[] {
  return [wordsParam(specs), neighboursParam(specs), weights.prefix, weights.fuzzy];
}

// A document's type and record, from its key (scripts/d1/search-sql.ts docKey): constants.
const typeOfDoc = `CASE doc >> ${docTypeShift} ${searchableTypes.map((t, i) => `WHEN ${i} THEN '${t}'`).join(' ')} END`;
const itemMask = 2 ** docTypeShift - 1;

// The documents the expansions reach, scored as MiniSearch's termResults and search() do: the
// sum of each posting's weighted BM25, times the number of distinct query words matched.
// `first` orders equal scores as MiniSearch's stable sort leaves them. Only the page's hits read
// their record and gather the expansions they matched (from the hit's own postings,
// search_posting_by_doc: CROSS JOIN keeps SQLite from probing every expansion instead): doing
// either for every match cost most of a search's SQLite time (at N = 10,000, 5.7 → 2.9 ms for
// 244 matches when the record moved to the page; 16 → 11 ms for 9,674 when the keys did, with
// the count of words below). The count of distinct words matched is the SQL's shape, not a
// DISTINCT over every posting: 1 for a one-word query, else one MAX per word. The last row
// carries the total and the expansions' terms by seq.
function scoredSql(sources: number): string {
  const words =
    sources <= 1
      ? '1'
      : `(${Array.from({ length: sources }, (_, i) => `MAX(q.src = ${i})`).join(' + ')})`;
  return `${expansionsSql},
scored AS MATERIALIZED (
  SELECT p.doc AS doc, MIN(q.key) AS first,
    SUM(q.weight * p.boost * (q.idf * (?8 + p.tf * ?9 / (p.tf + ?10 * (?11 + ?12 * p.len / (CAST(f.total AS REAL) / f.docs))))))
      * ${words} AS score
  FROM q
  CROSS JOIN search_posting p ON p.term = q.term AND p.field = q.field
  JOIN search_field f ON f.field = q.field
  WHERE ?5 IS NULL OR p.doc >> ${docTypeShift} IN (SELECT value FROM json_each(?5))
  GROUP BY p.doc
)
SELECT * FROM (
  SELECT s.type AS type, s.item AS item, s.score AS score,
    (SELECT json_group_array(q.key) FROM search_posting m CROSS JOIN q
      ON q.term = m.term AND q.field = m.field WHERE m.doc = s.doc) AS keys,
    ${bodyByType(searchableTypes, 's.type', 'id', 's.item')} AS body,
    NULL AS total
  FROM (
    SELECT ${typeOfDoc} AS type, doc & ${itemMask} AS item, score, first, doc
    FROM scored ORDER BY score DESC, first, doc LIMIT ?6 OFFSET ?7
  ) s
  ORDER BY s.score DESC, s.first, s.doc
)
UNION ALL
SELECT NULL, NULL, NULL,
  (SELECT json_group_array(json_array(seq, term)) FROM expansion), NULL, COUNT(*)
FROM scored`;
}

/** A hit's matched terms in MiniSearch's order: `Object.keys` of its match object. */
function termsOf(keys: number[], terms: string[]): string[] {
  const match: Record<string, true> = {};
  for (const key of [...keys].sort((a, b) => a - b)) {
    const term = terms[Math.floor(key / fieldSlots)];
    // Insertion order, except that index-like keys ("2024") come first, as in MiniSearch.
    if (term !== undefined) match[term] = true;
  }
  return Object.keys(match);
}

export interface SearchPage {
  total: number;
  /** Each hit with its record's row, read in the same statement. */
  hits: { type: SearchableType; id: number; body: string; score: number; terms: string[] }[];
}

/**
 * Hits [offset, offset + limit) of the ranked results for `query`, restricted to `kinds`
 * when given, with their records, and how many there are: one statement (none for a query
 * of stop words).
 */
export async function searchPage(
  db: Db,
  query: string,
  kinds: readonly SearchableType[] | null | undefined,
  offset: number,
  limit: number,
): Promise<SearchPage> {
  const specs = specsOf(query);
  if (specs.length === 0) return { total: 0, hits: [] };
  const rows = await db.all<{
    type: SearchableType | null;
    item: number | null;
    score: number | null;
    keys: string | null;
    body: string | null;
    total: number | null;
  }>(scoredSql(new Set(specs.map((spec) => spec.source)).size), [
    ...expansionParams(specs),
    kinds && kinds.length > 0
      ? JSON.stringify([...new Set(kinds)].map((kind) => searchableTypes.indexOf(kind)))
      : null,
    limit,
    offset,
    bm25.d,
    bm25.k + 1,
    bm25.k,
    1 - bm25.b,
    bm25.b,
  ]);
  // The total's row is the one without a hit; SQL does not promise where a compound puts it.
  const last = rows.find((row) => row.type === null);
  const terms: string[] = [];
  for (const [seq, term] of JSON.parse(last?.keys ?? '[]') as [number, string][]) {
    terms[seq] = term;
  }
  return {
    total: last?.total ?? 0,
    hits: rows
      .filter((row) => row !== last)
      .map((row) => ({
        type: row.type as SearchableType,
        id: row.item as number,
        body: row.body as string,
        score: row.score as number,
        terms: termsOf(JSON.parse(row.keys ?? '[]') as number[], terms),
      })),
  };
}

// The documents of one type are a range of keys, and so of each term's postings.
const matchingSql = `${expansionsSql}
SELECT DISTINCT p.doc & ${itemMask} AS item
FROM q CROSS JOIN search_posting p ON p.term = q.term AND p.field = q.field
  AND p.doc >= ?5 AND p.doc < ?6`;

/** The ids of records of `type` that match `query`, in no particular order: one statement. */
export async function matchingIds(
  db: Db,
  type: 'Actor' | 'Statement',
  query: string,
): Promise<number[]> {
  const specs = specsOf(query);
  if (specs.length === 0) return [];
  const first = searchableTypes.indexOf(type) * 2 ** docTypeShift;
  const rows = await db.all<{ item: number }>(matchingSql, [
    ...expansionParams(specs),
    first,
    first + 2 ** docTypeShift,
  ]);
  return rows.map((row) => row.item);
}
