import { dataVersion } from '../model/corpus.ts';
import { corsHeaders } from './cors.ts';

/** How a request was answered: from a cache, executed and stored, or executed only (POST). */
export type CacheOutcome = 'HIT' | 'MISS' | 'BYPASS';

/** What the Worker adds to every response: CORS, the cache outcome, and the data version. */
export function edgeHeaders(cache: CacheOutcome): [string, string][] {
  return [
    ...corsHeaders,
    ['x-cache', cache],
    // Which build answered: a client can tell a stale page from a new deploy.
    ['x-data-version', dataVersion],
  ];
}
