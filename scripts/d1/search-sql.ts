import MiniSearch from 'minisearch';
import { indexOptions, searchFields } from '../../src/model/search-options.ts';
import type { BuiltData } from '../data/build.ts';
import { searchDocuments } from '../data/search-index.ts';
import { inserts } from './sql.ts';

// MiniSearch's default tokenizer, which the index is built with (it is not exported).
const spaceOrPunctuation = /[\n\r\p{Z}\p{P}]+/u;

/** The rows of migrations/0002_search.sql's tables, as values in column order. */
export interface SearchRows {
  search_doc: [number, string, number, number][];
  search_posting: [string, number, number, number, number][];
  search_term: [string, number, number, number][];
  search_delete: [string, string][];
  search_field: [number, string, number][];
  search_stat: [string, number][];
}

/** Words shorter than this are never matched with a typo (querySearchOptions.fuzzy). */
export const fuzzyMinLength = 6;

/** Every string one deletion away from `term`, in UTF-16 units as MiniSearch measures. */
export function deletions(term: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < term.length; i++) out.add(term.slice(0, i) + term.slice(i + 1));
  return [...out];
}

/**
 * The search tables for a compiled corpus: the documents recomputed and tokenized as
 * MiniSearch indexes them (so that one article's rows can be made the same way), and the
 * order of its radix tree taken from the serialized index the Worker would load.
 */
export function searchRows(built: BuiltData): SearchRows {
  const processTerm = indexOptions.processTerm;
  if (!processTerm) throw new Error('indexOptions.processTerm is required');
  const { documents } = searchDocuments(built.corpus);
  const targets = built.corpus.searchTargets;
  const rows: SearchRows = {
    search_doc: [],
    search_posting: [],
    search_term: [],
    search_delete: [],
    search_field: [],
    search_stat: [],
  };
  const avg: number[] = [];
  const df = new Map<string, number>();
  documents.forEach((document, count) => {
    const target = targets[document.id];
    if (!target) throw new Error(`search document ${document.id} has no target`);
    rows.search_doc.push([document.id, target[0], target[1], target[2]]);
    searchFields.forEach((field, fieldId) => {
      const value = document[field];
      if (value == null) return;
      const tokens = value.toString().split(spaceOrPunctuation);
      // MiniSearch counts the distinct raw tokens (stop words and '' included) and keeps a
      // running mean over all documents before this one, whether they have the field or not.
      const length = new Set(tokens).size;
      avg[fieldId] = ((avg[fieldId] || 0) * count + length) / (count + 1);
      const tf = new Map<string, number>();
      for (const token of tokens) {
        const term = processTerm(token, field);
        for (const t of Array.isArray(term) ? term : [term]) {
          if (t) tf.set(t, (tf.get(t) ?? 0) + 1);
        }
      }
      for (const [term, n] of tf) {
        rows.search_posting.push([term, fieldId, document.id, n, length]);
        const key = `${fieldId}\n${term}`;
        df.set(key, (df.get(key) ?? 0) + 1);
      }
    });
  });
  // Prefix expansions come in the order of the loaded tree's iteration, typo expansions in
  // the reverse (its recursive walk): a term's place in one order gives both.
  const loaded = MiniSearch.loadJSON(built.searchIndex, indexOptions);
  const order = (loaded.toJSON().index as [string, unknown][]).map(([term]) => term);
  const rank = new Map(order.map((term, i) => [term, i]));
  for (const [key, n] of df) {
    const cut = key.indexOf('\n');
    const term = key.slice(cut + 1);
    const place = rank.get(term);
    if (place === undefined) throw new Error(`term ${term} is not in the serialized index`);
    rows.search_term.push([term, Number(key.slice(0, cut)), n, place]);
  }
  for (const term of order) {
    if (term.length < fuzzyMinLength) continue;
    for (const del of deletions(term)) rows.search_delete.push([del, term]);
  }
  searchFields.forEach((field, fieldId) => {
    rows.search_field.push([fieldId, field, avg[fieldId] ?? 0]);
  });
  rows.search_stat.push(['documents', documents.length]);
  return rows;
}

/** Multi-row INSERTs that fill the search tables for `built`. */
export function searchSql(built: BuiltData): string[] {
  return Object.entries(searchRows(built)).flatMap(([table, rows]) =>
    inserts(table, rows as unknown[][]),
  );
}
