import { tableOf } from '../../src/model/d1/tables.ts';
import {
  docDayShift,
  docKindShift,
  type SearchableType,
  searchableTypes,
  searchFields,
  typoMinLength,
} from '../../src/model/search-options.ts';

// The search rows of migrations/0008_fts5.sql, written by SQL from the domain tables: d1:load
// indexes every record, d1:add an article's records and the registry entities it rewrites,
// and a restore (scripts/d1/backup.ts) indexes again what it restored. One definition of
// what a document holds serves all three.

/** A search document's key (the FTS5 rowid): newest-first day, kind and id (migrations/0008). */
export const docSql = (type: SearchableType, table = 't') =>
  `((CASE WHEN ${table}.sort GLOB '[0-9]*' THEN CAST(substr(${table}.sort, 1, 8) AS INTEGER) ELSE 99999999 END << ${docDayShift}) | (${searchableTypes.indexOf(type)} << ${docKindShift}) | ${table}.id)`;

/** An actor's words (its name and aliases), by its id. */
const wordsOf = (id: string) =>
  `(SELECT a.name || coalesce(' ' || (SELECT group_concat(value, ' ') FROM json_each(a.aliases)), '') FROM actor a WHERE a.id = ${id})`;

// Each kind's fields, as src/model/search-options.ts names them; the rest are NULL.
const fields: Record<SearchableType, Record<string, string>> = {
  Actor: {
    name: 't.name',
    aliases: "(SELECT group_concat(value, ' ') FROM json_each(t.aliases))",
  },
  Statement: { speaker: wordsOf('t.speaker'), text: 't.text' },
  Meeting: { name: 't.name', location: 't.location', outcome: 't.outcome' },
  DraftClause: { title: 't.title', text: 't.text' },
  Position: { subject: 't.subject', summary: 't.summary', speaker: wordsOf('t.actor') },
};
const columns = searchFields;

/**
 * The documents of a kind's records that meet `where` (over its row `t`): doc, type, item,
 * sort, boost and the nine fields. The boost is how much the coverage says about a record: 1
 * + ½·log2 of its spans, as the bundle's (scripts/data/search-index.ts).
 */
export function sourceSql(type: SearchableType, where = '1'): string {
  const f = fields[type];
  return `SELECT ${docSql(type)} AS doc, '${type}' AS type, t.id AS item, t.sort AS sort,
    round(1 + 0.5 * log2(max(1, (SELECT COUNT(*) FROM excerpt e WHERE e.type = '${type}' AND e.id = t.id))), 3) AS boost,
    ${columns.map((c) => `${f[c] ?? 'NULL'} AS ${c}`).join(', ')}
  FROM ${tableOf[type]} t WHERE ${where}`;
}

/** Statements that index the records `where` selects, kind by kind. */
export function indexSql(where: (type: SearchableType) => string | null): string[] {
  return searchableTypes.flatMap((type) => {
    const w = where(type);
    if (w === null) return [];
    return [
      `INSERT INTO search_doc SELECT doc, type, item, sort, boost FROM (${sourceSql(type, w)})`,
      `INSERT INTO search (rowid, ${columns.join(', ')}) SELECT doc, ${columns.join(', ')} FROM (${sourceSql(type, w)})`,
    ];
  });
}

/** Statements that drop the documents `docs` (a query of search_doc.doc) from the index. */
export function unindexSql(docs: string): string[] {
  return [
    `DELETE FROM search WHERE rowid IN (${docs})`,
    `DELETE FROM search_doc WHERE doc IN (${docs})`,
  ];
}

/**
 * The one-typo table's rows for the vocabulary's terms it lacks (long enough to forgive a
 * typo): each single deletion of each, by the code point removed.
 */
export const deletionsSql = `INSERT OR IGNORE INTO search_delete
  WITH RECURSIVE p(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM p WHERE i < 100)
  SELECT substr(v.term, 1, p.i - 1) || substr(v.term, p.i + 1), v.term, p.i
  FROM search_vocab v JOIN p ON p.i <= length(v.term)
  WHERE length(v.term) >= ${typoMinLength}
    AND NOT EXISTS (SELECT 1 FROM search_delete d WHERE d.term = v.term)`;

/** The statements that index a whole load (the domain tables filled, the search empty). */
export function searchSql(): string[] {
  return [...indexSql(() => '1'), deletionsSql];
}
