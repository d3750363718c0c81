import {
  docTypeShift,
  indexOptions,
  querySearchOptions,
  type SearchableType,
  searchableTypes,
  searchFields,
} from '../search-options.ts';
import type { Db } from './db.ts';

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

// A term with a lone surrogate cannot be an indexed term (the corpus is well-formed text), and
// it would not survive the trip to SQLite unchanged.
const wellFormed = (s: string) => !/\p{Cs}/u.test(s);

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

function deletions(term: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < term.length; i++) out.add(term.slice(0, i) + term.slice(i + 1));
  return [...out].filter(wellFormed);
}

/** Whether `a` and `b` are within one edit (UTF-16 units, as MiniSearch's matrix compares). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

interface Vocabulary {
  documents: number;
  /** Fetched terms: per field id, how many documents hold them. */
  terms: Map<string, Map<number, number>>;
}

// Every indexed term a query's words can reach (exact, by prefix, or one edit away) with
// their document frequencies, and the document count, in one statement.
const vocabularySql = `
SELECT t.term AS term, t.field AS field, t.df AS n
FROM search_term t WHERE t.term IN (SELECT value FROM json_each(?1))
UNION
SELECT t.term, t.field, t.df
FROM json_each(?2) r
JOIN search_term t ON t.term >= json_extract(r.value, '$[0]') AND t.term < json_extract(r.value, '$[1]')
UNION
SELECT t.term, t.field, t.df
FROM search_delete s JOIN search_term t ON t.term = s.term
WHERE s.del IN (SELECT value FROM json_each(?3))
UNION ALL
SELECT NULL, NULL, value FROM search_stat WHERE key = 'documents'`;

async function vocabulary(db: Db, specs: Spec[]): Promise<Vocabulary> {
  const exact = new Set<string>();
  const ranges: [string, string][] = [];
  const neighbours = new Set<string>();
  for (const spec of specs) {
    if (!wellFormed(spec.term)) continue;
    exact.add(spec.term);
    // The last code point caps the range; a term continuing with U+10FFFF is not news text.
    if (spec.prefix) ranges.push([spec.term, `${spec.term}\u{10FFFF}`]);
    if (spec.fuzzy > 0) {
      neighbours.add(spec.term);
      for (const del of deletions(spec.term)) {
        exact.add(del);
        neighbours.add(del);
      }
    }
  }
  const rows = await db.all<{ term: string | null; field: number | null; n: number }>(
    vocabularySql,
    [JSON.stringify([...exact]), JSON.stringify(ranges), JSON.stringify([...neighbours])],
  );
  const found: Vocabulary = { documents: 0, terms: new Map() };
  for (const row of rows) {
    if (row.term === null || row.field === null) {
      found.documents = row.n;
      continue;
    }
    let df = found.terms.get(row.term);
    if (!df) {
      df = new Map();
      found.terms.set(row.term, df);
    }
    df.set(row.field, row.n);
  }
  return found;
}

/** One (expansion, field) a query scores: [key, term, field, weight × boost, idf, source]. */
type Entry = [number, string, number, number, number, number];

/**
 * What MiniSearch's executeQuerySpec does for each word, in its order: the word itself, then
 * its prefix expansions in the tree's iteration order, then its one-typo neighbours (those not
 * already prefix expansions) in the tree's recursive order, each over the fields in field-id
 * order. `terms[seq]` is the indexed term of expansion `seq`. The bundled index is loaded
 * with its terms in code-unit order (scripts/data/search-index.ts), and its tree then iterates
 * them in the reverse order and recurses in that order.
 */
function plan(specs: Spec[], found: Vocabulary): { entries: Entry[]; terms: string[] } {
  const entries: Entry[] = [];
  const terms: string[] = [];
  const boost = (querySearchOptions.boost ?? {}) as Record<string, number | undefined>;
  const ascending = [...found.terms.keys()].sort();
  const add = (spec: Spec, term: string, weight: number) => {
    const data = found.terms.get(term);
    if (!data) return;
    const seq = terms.length;
    terms.push(term);
    searchFields.forEach((field, fieldId) => {
      const df = data.get(fieldId);
      if (df === undefined) return;
      const n = found.documents;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      // MiniSearch multiplies termWeight × termBoost (1) × fieldBoost × docBoost × BM25, left
      // to right; the first three are one number here, the rest is done in SQL.
      const weighted = weight * 1 * (boost[field] || 1);
      entries.push([seq * fieldSlots + fieldId, term, fieldId, weighted, idf, spec.source]);
    });
  };
  for (const spec of specs) {
    const q = spec.term;
    add(spec, q, 1);
    const prefixed = new Set<string>();
    if (spec.prefix) {
      for (let i = ascending.length - 1; i >= 0; i--) {
        const term = ascending[i] as string;
        if (term.length === q.length || !term.startsWith(q)) continue;
        prefixed.add(term);
        const distance = term.length - q.length;
        add(spec, term, (weights.prefix * term.length) / (term.length + 0.3 * distance));
      }
    }
    if (spec.fuzzy > 0) {
      for (const term of ascending) {
        if (term === q || prefixed.has(term) || !withinOneEdit(q, term)) continue;
        add(spec, term, (weights.fuzzy * term.length) / (term.length + 1));
      }
    }
  }
  return { entries, terms };
}

// A document's type and record, from its key (scripts/d1/search-sql.ts docKey): constants.
const typeOfDoc = `CASE doc >> ${docTypeShift} ${searchableTypes.map((t, i) => `WHEN ${i} THEN '${t}'`).join(' ')} END`;
const itemMask = 2 ** docTypeShift - 1;

// The documents the entries reach, scored as MiniSearch's termResults and search() do: the sum
// of each posting's weighted BM25, times the number of distinct query words matched. `first`
// orders equal scores as MiniSearch's stable sort leaves them. Only the page's hits read their
// record and gather the entries they matched (from the hit's own postings, search_posting_by_doc:
// CROSS JOIN keeps SQLite from probing every entry instead): doing either for
// every match cost most of a search's SQLite time (at N = 10,000, 5.7 → 2.9 ms for 244
// matches when the record moved to the page; 16 → 11 ms for 9,674 when the keys did, with the
// count of words below). The count of distinct words matched is the SQL's shape, not a
// DISTINCT over every posting: 1 for a one-word query, else one MAX per word.
function scoredSql(sources: number): string {
  const words =
    sources <= 1
      ? '1'
      : `(${Array.from({ length: sources }, (_, i) => `MAX(q.src = ${i})`).join(' + ')})`;
  return `
WITH q AS MATERIALIZED (
  SELECT json_extract(value, '$[0]') AS key, json_extract(value, '$[1]') AS term,
    json_extract(value, '$[2]') AS field, json_extract(value, '$[3]') AS weight,
    json_extract(value, '$[4]') AS idf, json_extract(value, '$[5]') AS src
  FROM json_each(?1)
),
scored AS MATERIALIZED (
  SELECT p.doc AS doc, MIN(q.key) AS first,
    SUM(q.weight * p.boost * (q.idf * (?5 + p.tf * ?6 / (p.tf + ?7 * (?8 + ?9 * p.len / (CAST(f.total AS REAL) / f.docs))))))
      * ${words} AS score
  FROM q
  JOIN search_posting p ON p.term = q.term AND p.field = q.field
  JOIN search_field f ON f.field = q.field
  WHERE ?2 IS NULL OR p.doc >> ${docTypeShift} IN (SELECT value FROM json_each(?2))
  GROUP BY p.doc
)
SELECT * FROM (
  SELECT s.type AS type, s.item AS item, s.score AS score,
    (SELECT json_group_array(q.key) FROM search_posting m CROSS JOIN q
      ON q.term = m.term AND q.field = m.field WHERE m.doc = s.doc) AS keys,
    (SELECT r.body FROM record r WHERE r.type = s.type AND r.id = s.item) AS body,
    NULL AS total
  FROM (
    SELECT ${typeOfDoc} AS type, doc & ${itemMask} AS item, score, first, doc
    FROM scored ORDER BY score DESC, first, doc LIMIT ?3 OFFSET ?4
  ) s
  ORDER BY s.score DESC, s.first, s.doc
)
UNION ALL
SELECT NULL, NULL, NULL, NULL, NULL, COUNT(*) FROM scored`;
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
 * when given, with their records, and how many there are: two statements (none for a query
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
  const { entries, terms } = plan(specs, await vocabulary(db, specs));
  if (entries.length === 0) return { total: 0, hits: [] };
  const rows = await db.all<{
    type: SearchableType | null;
    item: number | null;
    score: number | null;
    keys: string | null;
    body: string | null;
    total: number | null;
  }>(scoredSql(new Set(specs.map((spec) => spec.source)).size), [
    JSON.stringify(entries),
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
  const page: SearchPage = { total: 0, hits: [] };
  for (const row of rows) {
    if (row.type === null || row.item === null || row.score === null || row.body === null) {
      page.total = row.total ?? 0;
      continue;
    }
    const keys = JSON.parse(row.keys ?? '[]') as number[];
    page.hits.push({
      type: row.type,
      id: row.item,
      body: row.body,
      score: row.score,
      terms: termsOf(keys, terms),
    });
  }
  return page;
}

// The documents of one type are a range of keys, and so of each term's postings.
const matchingSql = `
SELECT DISTINCT p.doc & ${itemMask} AS item
FROM json_each(?1) q
JOIN search_posting p
  ON p.term = json_extract(q.value, '$[1]') AND p.field = json_extract(q.value, '$[2]')
  AND p.doc >= ?2 AND p.doc < ?3`;

/** The ids of records of `type` that match `query`, in no particular order. */
export async function matchingIds(
  db: Db,
  type: 'Actor' | 'Statement',
  query: string,
): Promise<number[]> {
  const specs = specsOf(query);
  if (specs.length === 0) return [];
  const { entries } = plan(specs, await vocabulary(db, specs));
  if (entries.length === 0) return [];
  const first = searchableTypes.indexOf(type) * 2 ** docTypeShift;
  const rows = await db.all<{ item: number }>(matchingSql, [
    JSON.stringify(entries),
    first,
    first + 2 ** docTypeShift,
  ]);
  return rows.map((row) => row.item);
}
