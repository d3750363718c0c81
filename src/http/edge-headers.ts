import { corsHeaders } from './cors.ts';

/** How a request was answered: from a cache, executed and stored, or executed only (POST). */
export type CacheOutcome = 'HIT' | 'MISS' | 'BYPASS';

/** What the Worker adds to every response: CORS, the cache outcome, and the data version. */
export function edgeHeaders(cache: CacheOutcome, version: string): [string, string][] {
  return [
    ...corsHeaders,
    ['x-cache', cache],
    // Which data answered: a client can tell a stale page from a new deploy or load.
    ['x-data-version', version],
  ];
}
