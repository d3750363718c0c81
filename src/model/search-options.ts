import type { Options, SearchOptions } from 'minisearch';

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

/** A D1 search document's key is its type's place here shifted by this, plus its record's id. */
export const docTypeShift = 40;

/**
 * A word as MiniSearch's own tokenizer sees one (it splits on white space and punctuation),
 * to find the matched words in the article with their offsets.
 */
export const word = /[^\n\r\p{Z}\p{P}]+/gu;

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

export const querySearchOptions: SearchOptions = {
  // A name or title match outranks a passing mention in running text.
  boost: { name: 5, aliases: 3, title: 3, subject: 2, location: 2, speaker: 1.5 },
  prefix: (term) => term.length >= 3,
  // One typo is tolerated in longer words only: in short ones it matches too much.
  fuzzy: (term) => (term.length >= 6 ? 1 : false),
  weights: { fuzzy: 0.3, prefix: 0.6 },
  combineWith: 'OR',
};

export const indexOptions: Options<SearchDocument> = {
  idField: 'id',
  fields: [...searchFields],
  storeFields: [],
  processTerm,
  searchOptions: querySearchOptions,
};
