import {
  deletionsOf,
  docTypeShift,
  indexOptions,
  type SearchableType,
  searchableTypes,
  searchFields,
} from '../../src/model/search-options.ts';
import type { BuiltData } from '../data/build.ts';
import { searchDocuments } from '../data/search-index.ts';
import { inserts } from './sql.ts';

// The search tables of migrations/0005_search_by_home.sql. Every row but the statistics is one
// document's, so that d1:add can replace one article's documents and adjust the statistics
// (scripts/d1/add-sql.ts) and leave the same rows as a whole load.

// MiniSearch's default tokenizer, which the index is built with (it is not exported).
const spaceOrPunctuation = /[\n\r\p{Z}\p{P}]+/u;

/** Words shorter than this are never matched with a typo (querySearchOptions.fuzzy). */
export const fuzzyMinLength = 6;

/** A search document's key: its type's place, then its record's id (the bundled ids' order). */
export const docKey = (type: SearchableType, item: number) =>
  searchableTypes.indexOf(type) * 2 ** docTypeShift + item;

/** One document's rows: search_doc and search_posting, in column order. */
export interface DocumentRows {
  search_doc: [number, string, number, string, number, string][];
  search_posting: [string, number, number, number, number, number][];
}

/** Where a document's record is in the database: its id there and its home article. */
export type Placement = (
  type: SearchableType,
  index: number,
) => { id: number; home: string } | null;

/**
 * A field's value as MiniSearch indexes it: its length (the distinct raw tokens, stop words
 * and '' included) and how often each term occurs.
 */
export function tokenized(
  value: string,
  field: (typeof searchFields)[number],
): { length: number; tf: Map<string, number> } {
  const processTerm = indexOptions.processTerm;
  if (!processTerm) throw new Error('indexOptions.processTerm is required');
  const tokens = value.toString().split(spaceOrPunctuation);
  const tf = new Map<string, number>();
  for (const token of tokens) {
    const term = processTerm(token, field);
    for (const t of Array.isArray(term) ? term : [term]) {
      if (t) tf.set(t, (tf.get(t) ?? 0) + 1);
    }
  }
  return { length: new Set(tokens).size, tf };
}

/**
 * The rows of the documents of a compiled corpus that `place` places (null leaves one out),
 * tokenized and counted as MiniSearch indexes them.
 */
export function documentRows(built: BuiltData, place: Placement): DocumentRows {
  const { documents } = searchDocuments(built.corpus, built.order);
  const targets = built.corpus.searchTargets;
  const rows: DocumentRows = { search_doc: [], search_posting: [] };
  for (const document of documents) {
    const target = targets[document.id];
    if (!target) throw new Error(`search document ${document.id} has no target`);
    const [type, index, boost] = target;
    const placed = place(type, index);
    if (!placed) continue;
    const doc = docKey(type, placed.id);
    const lens: (number | null)[] = searchFields.map(() => null);
    searchFields.forEach((field, fieldId) => {
      const value = document[field];
      if (value == null) return;
      const { length, tf } = tokenized(value, field);
      lens[fieldId] = length;
      for (const [term, n] of tf) rows.search_posting.push([term, fieldId, doc, n, length, boost]);
    });
    rows.search_doc.push([doc, type, placed.id, placed.home, boost, JSON.stringify(lens)]);
  }
  return rows;
}

/** search_delete's rows for `terms`: each long enough for a typo under each of its deletions. */
export function deletionRows(terms: Iterable<string>): [string, string][] {
  const rows: [string, string][] = [];
  for (const term of new Set(terms)) {
    if (term.length < fuzzyMinLength) continue;
    for (const del of new Set(deletionsOf(term).map(([del]) => del))) rows.push([del, term]);
  }
  return rows;
}

/** Every search table's rows for a whole corpus: its documents and their statistics. */
export function searchRows(built: BuiltData, place: Placement) {
  const documents = documentRows(built, place);
  // A term's row: its document frequency in the field, and its length in UTF-16 units.
  const df = new Map<string, [string, number, number, number]>();
  for (const [term, field] of documents.search_posting) {
    const key = `${field}\n${term}`;
    const entry = df.get(key) ?? [term, field, 0, term.length];
    entry[2]++;
    df.set(key, entry);
  }
  const totals = searchFields.map((name, field): [number, string, number, number] => [
    field,
    name,
    0,
    0,
  ]);
  for (const [, , , , , lens] of documents.search_doc) {
    (JSON.parse(lens) as (number | null)[]).forEach((length, field) => {
      const total = totals[field];
      if (length === null || !total) return;
      total[2] += length;
      total[3]++;
    });
  }
  return {
    ...documents,
    search_term: [...df.values()],
    search_delete: deletionRows(documents.search_posting.map(([term]) => term)),
    search_field: totals,
    search_stat: [['documents', documents.search_doc.length]] as [string, number][],
  };
}

/** Multi-row INSERTs that fill the search tables for a whole corpus. */
export function searchSql(built: BuiltData, place: Placement): string[] {
  return Object.entries(searchRows(built, place)).flatMap(([table, rows]) =>
    inserts(table, rows as unknown[][]),
  );
}
