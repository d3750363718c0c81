import { searchFields } from '../../src/model/search-options.ts';
import { type DocumentRows, deletionRows, docKey, tokenized } from './search-sql.ts';
import { inserts, literal } from './sql.ts';

// The statements that replace one article's search documents (migrations/0005) without
// rewriting anyone else's: the article's documents leave the statistics (document frequencies,
// field totals, the document count) and the tables, its new ones enter them. Each statement is
// driven by the documents it moves (search_doc_by_home, search_posting_by_doc, the terms'
// keys), so its cost grows with the article, not the archive.

const speaker = searchFields.indexOf('speaker');

/**
 * A term's length in UTF-16 units (search_term.units, migrations/0006): its code points, and
 * one more for each past the BMP, counted only in a term that has one.
 */
const unitsOf = (term: string) =>
  `length(${term}) + CASE WHEN ${term} GLOB '*[\u{10000}-\u{10FFFF}]*' THEN (WITH RECURSIVE pos(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM pos WHERE n < length(${term})) SELECT COUNT(*) FROM pos WHERE unicode(substr(${term}, n, 1)) > 65535) ELSE 0 END`;

/** Statements moving the documents `docs` selects (a query of `doc`), or only their `field`. */
function moving(docs: string, sign: '-' | '+', field?: number) {
  const only = field === undefined ? '' : `AND p.field = ${field}`;
  const postings = `(${docs}) s JOIN search_posting p ON p.doc = s.doc WHERE true ${only}`;
  const onlyLength = field === undefined ? '' : `AND j.key = ${field}`;
  const totals = `UPDATE search_field SET total = total ${sign} s.t, docs = docs ${sign} s.n FROM (SELECT CAST(j.key AS INTEGER) AS field, SUM(j.value) AS t, COUNT(*) AS n FROM (${docs}) x JOIN search_doc d ON d.doc = x.doc, json_each(d.lens) j WHERE j.type = 'integer' ${onlyLength} GROUP BY 1) AS s WHERE search_field.field = s.field`;
  if (sign === '+') {
    return [
      `INSERT INTO search_term (term, field, df, units) SELECT p.term, p.field, COUNT(*), ${unitsOf('p.term')} FROM ${postings} GROUP BY 1, 2 ON CONFLICT (term, field) DO UPDATE SET df = df + excluded.df`,
      totals,
    ];
  }
  return [
    `WITH old AS (SELECT p.term AS term, p.field AS field, COUNT(*) AS n FROM ${postings} GROUP BY 1, 2) UPDATE search_term SET df = df - old.n FROM old WHERE search_term.term = old.term AND search_term.field = old.field`,
    `DELETE FROM search_term WHERE df = 0 AND (term, field) IN (SELECT p.term, p.field FROM ${postings})`,
    // A term's deletions go with its last document (search_delete_by_term finds them).
    `DELETE FROM search_delete WHERE term IN (SELECT p.term FROM ${postings}) AND NOT EXISTS (SELECT 1 FROM search_term t WHERE t.term = search_delete.term)`,
    totals,
    `DELETE FROM search_posting WHERE doc IN (${docs})${field === undefined ? '' : ` AND field = ${field}`}`,
  ];
}

/** An actor of the article whose name or aliases change, and the words they now make. */
export interface Renamed {
  id: number;
  words: string;
}

/**
 * The statements that give `home` the search documents `rows` and no others, and replace the
 * documents `also` (registry entities the article rewrites, homed elsewhere). Statements and
 * positions of other articles whose speaker is a `renamed` actor are found by that speaker's
 * words: their speaker field is indexed again.
 */
export function addSearchStatements(
  home: string,
  rows: DocumentRows,
  renamed: readonly Renamed[],
  also: readonly number[] = [],
): string[] {
  const own = `SELECT doc FROM search_doc WHERE home = ${literal(home)}${also.length > 0 ? ` UNION SELECT value FROM json_each(${literal(JSON.stringify(also))})` : ''}`;
  const statements = [
    ...moving(own, '-'),
    `UPDATE search_stat SET value = value - (SELECT COUNT(*) FROM search_doc WHERE doc IN (${own})) WHERE key = 'documents'`,
    `DELETE FROM search_doc WHERE doc IN (${own})`,
    ...inserts('search_doc', rows.search_doc),
    ...inserts('search_posting', rows.search_posting),
    ...moving(own, '+'),
    `UPDATE search_stat SET value = value + ${rows.search_doc.length} WHERE key = 'documents'`,
  ];
  const terms = rows.search_posting.map(([term]) => term);
  for (const { id, words } of renamed) {
    const { length, tf } = tokenized(words, 'speaker');
    terms.push(...tf.keys());
    // The statements and positions of other articles that this actor speaks or holds.
    const others = `article <> (SELECT id FROM article WHERE slug = ${literal(home)})`;
    const dependents = `SELECT ${docKey('Statement', 0)} + id AS doc FROM statement WHERE speaker = ${id} AND ${others} UNION ALL SELECT ${docKey('Position', 0)} + id FROM position WHERE actor = ${id} AND ${others}`;
    statements.push(
      ...moving(dependents, '-', speaker),
      `UPDATE search_doc SET lens = json_set(lens, '$[${speaker}]', ${length}) WHERE doc IN (${dependents})`,
      `INSERT INTO search_posting SELECT json_extract(t.value, '$[0]'), ${speaker}, s.doc, json_extract(t.value, '$[1]'), ${length}, d.boost FROM (${dependents}) s JOIN search_doc d ON d.doc = s.doc, json_each(${literal(JSON.stringify([...tf]))}) t`,
      ...moving(dependents, '+', speaker),
    );
  }
  const deletions = deletionRows(terms);
  if (deletions.length > 0) {
    statements.push(
      ...inserts('search_delete', deletions).map((s) =>
        s.replace(/^INSERT INTO/, 'INSERT OR IGNORE INTO'),
      ),
    );
  }
  return statements;
}
