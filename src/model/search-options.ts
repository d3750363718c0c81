import type { Options, Query, SearchOptions } from 'minisearch';
import type { SearchOrder } from './enums.ts';

// Shared by the data build (which indexes) and the Worker (which loads and queries): MiniSearch
// serializes the index but not its functions, so both sides must process terms identically.

/** The record types search covers, by their GraphQL names. */
export const searchableTypes = [
  'Actor',
  'Statement',
  'Meeting',
  'DraftClause',
  'Position',
] as const;
export type SearchableType = (typeof searchableTypes)[number];

/**
 * A D1 search document's key (the FTS5 rowid, migrations/0008): its record's newest-first day
 * (archive-order.ts sortDay) shifted by docDayShift, its kind's place above shifted by
 * docKindShift, then its record's id.
 */
export const docDayShift = 36;
export const docKindShift = 33;

// What ends a word, wherever text is split into words: white space and punctuation, where
// MiniSearch's own tokenizer splits, and control characters (a NUL would end the word early in
// SQLite). The index, a query and a hit's highlights split alike, so a word is one word in all.
const separator = '\\p{Z}\\p{P}\\p{Cc}';
const separators = new RegExp(`[${separator}]+`, 'u');

/** A text's words, as the index and a query see them (before folding). */
export const tokenize = (text: string): string[] => text.split(separators);

/** A word of a text, to find the matched words in an article with their offsets. */
export const word = new RegExp(`[^${separator}]+`, 'gu');

// Words too common to rank anything: a query for "the talks" should rank by "talks".
const stopWords = new Set(
  'a an and are as at be but by for from had has have he her his i if in is it its of on or she that the their them they this to was were which who will with would'.split(
    ' ',
  ),
);

// Printable ASCII: nothing in it decomposes or carries a mark.
const ascii = /^[ -~]*$/;

/** Lower case, without diacritics: "Türkiye" and "turkiye" are one term. */
export function foldTerm(term: string): string {
  // Most words are ASCII, which has nothing to decompose, and highlighting folds every word of
  // a hit's excerpts: those skip the Unicode normalization.
  if (ascii.test(term)) return term.toLowerCase();
  return term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Whether `s` is well-formed UTF-16. The corpus is, so a string with a lone surrogate is never
 * an indexed term; and it would reach SQLite as U+FFFD, not as itself.
 */
export const wellFormed = (s: string) => !/\p{Cs}/u.test(s);

/**
 * Each single deletion of `term`, in UTF-16 units as MiniSearch measures an edit, with the
 * code point it removed (1-based, as SQL's substr): D1's one-typo table holds a term under
 * these (scripts/d1/search-sql.ts), and a query word finds its neighbours by them
 * (src/model/d1/search.ts). Removing half of a surrogate pair is not one edit of a character:
 * those strings are left out.
 */
export function deletionsOf(term: string): [string, number][] {
  const out: [string, number][] = [];
  for (let i = 0; i < term.length; i++) {
    const del = term.slice(0, i) + term.slice(i + 1);
    if (wellFormed(del)) out.push([del, [...term.slice(0, i)].length + 1]);
  }
  return out;
}

function processTerm(term: string): string | null {
  const folded = foldTerm(term);
  return stopWords.has(folded) ? null : folded;
}

export interface SearchDocument {
  /** Position in the corpus's search target table. */
  id: number;
  name?: string;
  aliases?: string;
  title?: string;
  subject?: string;
  speaker?: string;
  location?: string;
  text?: string;
  outcome?: string;
  summary?: string;
}

export const searchFields = [
  'name',
  'aliases',
  'title',
  'subject',
  'speaker',
  'location',
  'text',
  'outcome',
  'summary',
] as const;

/** A name or title match outranks a passing mention in running text (both stores' weights). */
export const fieldBoost: Partial<Record<(typeof searchFields)[number], number>> = {
  name: 5,
  aliases: 3,
  title: 3,
  subject: 2,
  location: 2,
  speaker: 1.5,
};

/** Where a search looks and in what order (both stores). */
export interface SearchScope {
  kinds?: readonly SearchableType[] | null;
  order?: SearchOrder;
  /** Newest-first days (archive-order.ts sortDay): from `from` up to, not including, `below`. */
  from?: number;
  below?: number;
}

/** A word this long or longer matches the terms that begin with it. */
export const prefixMinLength = 3;
/**
 * A word this long or longer forgives one typo: a letter replaced, added or dropped, or two
 * adjacent letters swapped. In short words it matches too much. Both stores and the tests
 * read this one number.
 */
export const typoMinLength = 6;

/** A query's words as both stores search them: split as the index is, folded, stop words out. */
export function queryWords(query: string): string[] {
  return tokenize(query)
    .map((token) => processTerm(token))
    .filter((term): term is string => !!term && wellFormed(term));
}

/** Each string `term` becomes by swapping two adjacent characters (code points), once. */
export function transpositionsOf(term: string): string[] {
  const chars = [...term];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    if (chars[i] === chars[i + 1]) continue;
    const swapped = [...chars];
    [swapped[i], swapped[i + 1]] = [swapped[i + 1] as string, swapped[i] as string];
    out.add(swapped.join(''));
  }
  return [...out];
}

/**
 * Whether `a` and `b` are at most one edit apart, an edit being a character replaced, added,
 * dropped, or two adjacent characters swapped (optimal string alignment distance ≤ 1).
 */
export function withinOneEdit(a: string, b: string): boolean {
  // Most pairs differ in length by more: answered before anything is allocated (one code
  // point is at most two UTF-16 units). Highlighting asks this of every word of an excerpt.
  if (Math.abs(a.length - b.length) > 2) return false;
  // Code points, as arrays, only for a word outside the BMP; otherwise the strings themselves.
  const wide = surrogates.test(a) || surrogates.test(b);
  const x: string | string[] = wide ? [...a] : a;
  const y: string | string[] = wide ? [...b] : b;
  if (Math.abs(x.length - y.length) > 1) return false;
  const rest = (p: number, q: number) =>
    typeof x === 'string' && typeof y === 'string'
      ? x.slice(p) === y.slice(q)
      : [...x].slice(p).join('') === [...y].slice(q).join('');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (i === x.length && i === y.length) return true;
  if (x.length === y.length) {
    return rest(i + 1, i + 1) || (x[i] === y[i + 1] && x[i + 1] === y[i] && rest(i + 2, i + 2));
  }
  return x.length > y.length ? rest(i + 1, i) : rest(i, i + 1);
}

const surrogates = /[\uD800-\uDFFF]/;

/**
 * The query as MiniSearch runs it: each word, and for a word long enough to forgive a typo,
 * the words two adjacent letters swapped make (MiniSearch's fuzzy matching counts a swap as
 * two edits), weighted as a typo.
 */
export function queryOf(query: string): Query {
  return {
    combineWith: 'OR',
    queries: queryWords(query).map((word) => {
      const swaps = [...word].length >= typoMinLength ? transpositionsOf(word) : [];
      if (swaps.length === 0) return word;
      return {
        combineWith: 'OR',
        queries: [
          word,
          {
            queries: swaps,
            prefix: false,
            fuzzy: false,
            boostTerm: () => querySearchOptions.weights?.fuzzy ?? 0.45,
          },
        ],
      };
    }),
  };
}

/**
 * Whether a (folded) word of a text is one the query's `words` match, as both stores match
 * them: the word itself, a word it begins (from prefixMinLength letters), or a word one typo
 * from it (from typoMinLength letters). What a hit's highlights are made of.
 */
export function matcherOf(words: readonly string[]): (word: string) => boolean {
  const exact = new Set(words);
  const prefixes = words.filter((w) => [...w].length >= prefixMinLength);
  const typos = words.filter((w) => [...w].length >= typoMinLength);
  return (word) =>
    exact.has(word) ||
    prefixes.some((p) => word.startsWith(p)) ||
    typos.some((t) => withinOneEdit(t, word));
}

export const querySearchOptions: SearchOptions = {
  boost: fieldBoost,
  prefix: (term) => term.length >= prefixMinLength,
  fuzzy: (term) => (term.length >= typoMinLength ? 1 : false),
  weights: { fuzzy: 0.3, prefix: 0.6 },
  combineWith: 'OR',
};

export const indexOptions: Options<SearchDocument> = {
  idField: 'id',
  fields: [...searchFields],
  storeFields: [],
  tokenize,
  processTerm,
  searchOptions: querySearchOptions,
};
