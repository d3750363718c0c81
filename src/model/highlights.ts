import type { RecordTypes } from './corpus.ts';
import { foldTerm, matcherOf, type SearchableType, word } from './search-options.ts';
import type { ExcerptData, Index } from './types.ts';

// Where a search's words stand in the article: the same on both stores, each reading the
// article's words its own way.

export type SearchRecord = RecordTypes[SearchableType];

export interface SearchHit {
  record: SearchRecord;
  score: number;
  /**
   * The query's words (folded, stop words out): a hit's highlights are the words of its
   * excerpts they match (search-options.ts matcherOf), on both stores alike.
   */
  terms: string[];
}

/** How a store reads the words of its articles. */
export interface ArticleText {
  spanText(span: ExcerptData): string;
  /** The character at `offset` of an article, if the store can tell. */
  charAt(article: Index, offset: number): string | undefined;
}

// The hits of one search share their words: one matcher for all of them.
const matchers = new WeakMap<readonly string[], (word: string) => boolean>();
function matcherFor(words: readonly string[]): (word: string) => boolean {
  let matcher = matchers.get(words);
  if (!matcher) {
    matcher = matcherOf(words);
    matchers.set(words, matcher);
  }
  return matcher;
}

/** "30" and "day" matched in "30-day" highlight as one span. */
function joinHyphenated(spans: ExcerptData[], text: ArticleText): ExcerptData[] {
  const joined: ExcerptData[] = [];
  for (const span of spans) {
    const last = joined[joined.length - 1];
    if (last && last.article === span.article && span.start - last.end === 1) {
      const gap = text.charAt(span.article, last.end);
      if (gap === '-' || gap === '‑') {
        joined[joined.length - 1] = { ...last, end: span.end };
        continue;
      }
    }
    joined.push(span);
  }
  return joined;
}

/**
 * Where the matched words stand in the article: one excerpt per matched word within the
 * record's own excerpts. A record matched only through fields that are not the article's
 * words (a paraphrase, a speaker's name) falls back to its excerpts whole.
 */
export function highlights(hit: SearchHit, text: ArticleText): ExcerptData[] {
  const matches = matcherFor(hit.terms);
  const spans: ExcerptData[] = [];
  for (const excerpt of hit.record.excerpts) {
    for (const match of text.spanText(excerpt).matchAll(word)) {
      if (!matches(foldTerm(match[0]))) continue;
      const start = excerpt.start + (match.index ?? 0);
      spans.push({
        article: excerpt.article,
        paragraph: excerpt.paragraph,
        start,
        end: start + match[0].length,
      });
    }
  }
  const unique = spans.filter(
    (s, i) => spans.findIndex((o) => o.article === s.article && o.start === s.start) === i,
  );
  return unique.length > 0 ? joinHyphenated(unique, text) : hit.record.excerpts;
}
