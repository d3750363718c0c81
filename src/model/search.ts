import { LRUCache } from 'lru-cache';
import MiniSearch, { type SearchResult } from 'minisearch';
import { searchIndex } from '#data';
import { articleKey, sortDay, sortKeys } from './archive-order.ts';
import { at, corpus, spanText } from './corpus.ts';
import type { ArticleText, SearchHit } from './highlights.ts';
import { tableOf } from './packed.ts';
import {
  indexOptions,
  queryOf,
  queryWords,
  type SearchableType,
  type SearchDocument,
  type SearchScope,
  searchableTypes,
} from './search-options.ts';
import type { Index } from './types.ts';

let index: MiniSearch<SearchDocument> | undefined;

// Loaded on the first search rather than at isolate start: most isolates never search, and
// loading is a parse of the prebuilt index, not a rebuild.
function loaded(): MiniSearch<SearchDocument> {
  index ??= MiniSearch.loadJSON<SearchDocument>(searchIndex, indexOptions);
  return index;
}

function targetOf(result: SearchResult): [SearchableType, Index, number] {
  return corpus.searchTargets[result.id as number] as [SearchableType, Index, number];
}

// Ranking is what a search costs, and it grows with the matches: MiniSearch scores and sorts
// every one before a page is cut (BENCHMARKS.md, the scale run). So a ranking is kept, per
// isolate, for the next page of the same search and for the same search asked with another
// selection; bounded by the results held, least recently used out. The data changes only with
// a deploy, which starts new isolates.
const rankings = new LRUCache<string, SearchResult[]>({
  max: 256,
  maxSize: 50_000,
  sizeCalculation: (results) => Math.max(results.length, 1),
});

/**
 * MiniSearch's results for `query`, best first, restricted to `kinds` when given; the same
 * array for the same search while it is remembered. Callers must not change it.
 */
export function ranked(query: string, kinds?: readonly SearchableType[] | null): SearchResult[] {
  const wanted = kinds && kinds.length > 0 ? new Set(kinds) : null;
  const key = `${wanted ? [...wanted].sort().join(',') : '*'}\n${query}`;
  let results = rankings.get(key);
  if (!results) {
    results = loaded().search(queryOf(query), {
      filter: wanted ? (result) => wanted.has(targetOf(result)[0]) : undefined,
      boostDocument: (id) => corpus.searchTargets[id as number]?.[2] ?? 1,
    });
    rankings.set(key, results);
  }
  return results;
}

// Each record's place in the archive's order (archive-order.ts), for NEWEST and date bounds.
let keys: ReturnType<typeof sortKeys> | undefined;
function sortKeyOf(type: SearchableType, index: Index): string {
  if (!keys) {
    const articles = corpus.articles.map((a) => articleKey(a.slug, a.publishedOn));
    keys = sortKeys(corpus, (article) => articles[article] ?? '');
  }
  return keys[tableOf(type)][index] as string;
}

/** Hits for `query` within `scope`: best first, or newest first; ties keep the corpus's order. */
export function search(query: string, scope: SearchScope = {}): SearchHit[] {
  const results = ranked(query, scope.kinds);
  const terms = queryWords(query);
  const dated = scope.order === 'NEWEST' || scope.from !== undefined || scope.below !== undefined;
  if (!dated) {
    return results.map((result) => {
      const [type, i] = targetOf(result);
      return { record: at(type, i), score: result.score, terms };
    });
  }
  const from = scope.from ?? 0;
  const below = scope.below ?? 100_000_000;
  const hits: (SearchHit & { sort: string; kind: number })[] = [];
  for (const result of results) {
    const [type, i] = targetOf(result);
    const sort = sortKeyOf(type, i);
    const day = sortDay(sort);
    if (day < from || day >= below) continue;
    hits.push({
      record: at(type, i),
      score: result.score,
      terms,
      sort,
      kind: searchableTypes.indexOf(type),
    });
  }
  if (scope.order === 'NEWEST') {
    hits.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : a.kind - b.kind));
  }
  return hits.map(({ record, score, terms }) => ({ record, score, terms }));
}

/** The indexes of records of one type that match `query`, ascending (default order). */
export function matching(type: 'Actor' | 'Statement', query: string): Index[] {
  return ranked(query, [type])
    .map((result) => targetOf(result)[1])
    .sort((a, b) => a - b);
}

/** The bundle's articles, whose words are all at hand. */
export const bundledText: ArticleText = {
  spanText,
  charAt: (article, offset) => at('Article', article).text[offset],
};
