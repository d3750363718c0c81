import {
  cacheable,
  cacheEntry,
  lookup,
  matchesEtag,
  memoryKey,
  notModified,
  recall,
  remember,
  share,
  uncachedControl,
} from './http/cache.ts';
import { corsHeaders, preflight } from './http/cors.ts';
import { yoga } from './http/graphql.ts';
import { health } from './http/health.ts';
import { playground, wantsPlayground } from './http/playground.ts';
import { rateLimited } from './http/rate-limit.ts';
import { type RequestRecord, track } from './http/request-context.ts';
import { guardGet, guardPost } from './http/request-guard.ts';
import { logRequest } from './http/request-log.ts';
import { errorResponse } from './http/responses.ts';
import { schemaSdl } from './http/sdl.ts';
import { dataVersion } from './model/corpus.ts';

export interface Env {
  /** The built playground (wrangler.toml `[assets]`). */
  ASSETS: Fetcher;
  /** Requests per client IP (wrangler.toml `[[ratelimits]]`). */
  RATE_LIMITER?: RateLimit;
  /** "off" silences the per-request log line (the test suite sets it). */
  REQUEST_LOG?: string;
  /**
   * "off" leaves caches.default out: behind Workers Cache every request that reaches the
   * Worker already missed this data centre's cache, and a second lookup is a wasted subrequest.
   */
  CACHE_API?: string;
}

/** What the Worker adds to every response: CORS, the cache outcome, and the data version. */
function edgeHeaders(cache: RequestRecord['cache']): [string, string][] {
  return [
    ...corsHeaders,
    ['x-cache', cache],
    // Which build answered: a client can tell a stale page from a new deploy.
    ['x-data-version', dataVersion],
  ];
}

/** Those of a hit, which a remembered response carries already. */
const hitHeaders = edgeHeaders('HIT');

/** Runs an operation through Yoga, timing it for Server-Timing. */
async function execute(request: Request, record: RequestRecord): Promise<Response> {
  const started = performance.now();
  track(request, record);
  // handleRequest, not fetch: no context objects to merge, no abort-signal plumbing.
  const response = await yoga.handleRequest(request, {});
  response.headers.set('server-timing', `exec;dur=${(performance.now() - started).toFixed(1)}`);
  return response;
}

/**
 * A read the isolate's memory did not answer: answered from the ETag or the Cache API when it
 * can be (without parsing or executing, and without counting against the rate limit), else
 * executed and, if it succeeded, stored.
 */
async function read(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  record: RequestRecord,
): Promise<Response> {
  const ifNoneMatch = request.headers.get('if-none-match');
  const key = memoryKey(request);
  const url = new URL(request.url);
  const params = guardGet(url);
  if (params instanceof Response) return params;
  const entry = await cacheEntry(url, params, request.headers.get('accept'));
  if (!entry) {
    // No operation named: an error, never cached.
    const response = await execute(request, record);
    response.headers.set('cache-control', uncachedControl);
    return response;
  }
  if (matchesEtag(ifNoneMatch, entry.etag)) {
    record.cache = 'HIT';
    return notModified(entry);
  }
  const shared = env.CACHE_API !== 'off';
  const started = performance.now();
  const hit = shared ? await lookup(entry) : undefined;
  if (hit) {
    record.cache = 'HIT';
    const stored = { body: new Uint8Array(await hit.arrayBuffer()), headers: hit.headers };
    remember(key, stored, hitHeaders);
    const served = new Response(stored.body, hit);
    served.headers.set(
      'server-timing',
      `cache;desc="hit";dur=${(performance.now() - started).toFixed(1)}`,
    );
    return served;
  }
  const limited = await rateLimited(request, env.RATE_LIMITER);
  if (limited) return limited;
  record.cache = 'MISS';
  const stored = await cacheable(await execute(request, record), entry, record.succeeded === true);
  if (stored instanceof Response) return stored;
  if (shared) ctx.waitUntil(share(entry, stored));
  remember(key, stored, hitHeaders);
  return new Response(stored.body, { headers: stored.headers });
}

async function graphql(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  record: RequestRecord,
): Promise<Response> {
  if (request.method === 'GET') return read(request, env, ctx, record);
  const limited = await rateLimited(request, env.RATE_LIMITER);
  if (limited) return limited;
  if (request.method !== 'POST') return execute(request, record);
  const admitted = await guardPost(request);
  if (admitted instanceof Response) return admitted;
  const response = await execute(admitted, record);
  // A POST is never stored at the edge; GET is the cacheable way to read.
  response.headers.set('cache-control', uncachedControl);
  return response;
}

function route(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  record: RequestRecord,
): Response | Promise<Response> {
  if (request.method === 'OPTIONS') return preflight();
  const { pathname } = new URL(request.url);
  if (wantsPlayground(request, pathname)) return playground(request, env.ASSETS);
  switch (pathname) {
    case '/graphql':
      return graphql(request, env, ctx, record);
    case '/schema.graphql':
      return schemaSdl();
    case '/healthz':
      return health();
    default:
      return errorResponse(
        404,
        'NOT_FOUND',
        `Nothing is served at ${pathname}; the API is at /graphql.`,
      );
  }
}

export default {
  async fetch(request, env, ctx) {
    const started = Date.now();
    // A remembered GET passed every check when it was first answered, and its URL names the
    // path: it is answered before any routing, complete with its headers.
    const recalled =
      request.method === 'GET'
        ? recall(memoryKey(request), request.headers.get('if-none-match'))
        : null;
    if (recalled) {
      if (env.REQUEST_LOG !== 'off') logRequest(request, recalled, { cache: 'HIT' }, started);
      return recalled;
    }
    const record: RequestRecord = { cache: 'BYPASS' };
    const response = await route(request, env, ctx, record);
    for (const [name, value] of edgeHeaders(record.cache)) response.headers.set(name, value);
    if (env.REQUEST_LOG !== 'off') logRequest(request, response, record, started);
    return response;
  },
} satisfies ExportedHandler<Env>;
