import { env as bound } from 'cloudflare:workers';
import { type DataSource, dataSource, preloadBundle } from '../model/source.ts';
import { StoreUnavailable } from '../model/store.ts';

/** The Worker's bindings (wrangler.toml). */
export interface Env {
  /** The built playground (wrangler.toml `[assets]`). */
  ASSETS: Fetcher;
  /** Requests per client IP (wrangler.toml `[[ratelimits]]`). */
  RATE_LIMITER?: RateLimit;
  /** "off" silences the per-request log line (the test suite sets it). */
  REQUEST_LOG?: string;
  /**
   * "on" keeps successful reads in caches.default too (wrangler.toml `[vars]`). Off behind
   * Workers Cache, where every request that reaches the Worker has already missed this data
   * centre's cache: a second lookup and a second copy are two subrequests spent for nothing.
   */
  CACHE_API?: string;
  /** The corpus in D1 (wrangler.toml `[env.d1]`); the bundle serves when it is absent. */
  DB?: D1Database;
  /** Seconds an isolate keeps the database's data version before reading it again. */
  DATA_VERSION_TTL?: string;
}

/** How a request was answered: from a cache, executed and stored, or executed only (POST). */
export type CacheOutcome = 'HIT' | 'MISS' | 'BYPASS';

/** What the request log says of an operation that ran. */
export interface Ran {
  /** The operation's own name. */
  operation?: string;
  /** The persisted document's hash, when the request named one. */
  documentId?: string;
  cost?: number;
}

/** One request on its way through the Worker: what its handler needs, and what it tells the log. */
export interface Exchange {
  request: Request;
  url: URL;
  env: Env;
  ctx: ExecutionContext;
  /** The data it is answered from. */
  source: DataSource;
  /** Set by the cache of reads (cache.ts). */
  cache: CacheOutcome;
  /** Set by the handler that ran an operation. */
  ran?: Ran;
}

/** How the Worker answers: a remembered GET, complete with its headers, else its route. */
export interface Routes {
  recall(request: Request, version: string): Response | null;
  route(exchange: Exchange): Response | Promise<Response>;
}

// The bundled Worker parses its corpus while the isolate starts, before the first request;
// a Worker bound to D1 never loads it.
if (!(bound as { DB?: D1Database }).DB) preloadBundle();

/** A JSON body with the GraphQL error shape, for answers that never reach GraphQL. */
export function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status });
}

/** Seconds a client should wait after a store fault before it asks again. */
const retryAfter = 5;

/** What a store fault becomes: the client learns the store is away, never why or the SQL. */
function storeUnavailable(fault: StoreUnavailable): Response {
  const response = errorResponse(503, 'STORE_UNAVAILABLE', fault.message);
  response.headers.set('retry-after', String(retryAfter));
  return response;
}

/** The window of the Rate Limiting binding in wrangler.toml, in seconds. */
export const rateLimitPeriod = 60;

/**
 * Counts a request against its client's allowance, keyed by the connecting IP that
 * Cloudflare's edge sets. A request without one did not come through the edge (local
 * development, tests, a service binding), so there is no client to key it by. Only what
 * runs counts: a read answered from a cache does not.
 */
export async function rateLimited(request: Request, env: Env): Promise<Response | null> {
  const ip = request.headers.get('cf-connecting-ip');
  const limiter = env.RATE_LIMITER;
  if (!ip || !limiter) return null;
  const { success } = await limiter.limit({ key: ip });
  if (success) return null;
  const response = errorResponse(
    429,
    'RATE_LIMITED',
    `Too many requests from this address; try again in ${rateLimitPeriod} seconds.`,
  );
  response.headers.set('retry-after', String(rateLimitPeriod));
  return response;
}

// A public, cookieless API: any origin may read it, and no credentials are ever involved, so
// the literal "*" is both correct and cacheable (an echoed Origin would need Vary: Origin).
const exposed = ['etag', 'x-cache', 'server-timing', 'x-data-version', 'retry-after'];

/** The answer to a CORS preflight, for any path. */
export function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type, accept, if-none-match',
      'access-control-max-age': '86400',
    },
  });
}

/** What the Worker adds to every response: CORS, the cache outcome, and the data version. */
export function edgeHeaders(cache: CacheOutcome, version: string): [string, string][] {
  return [
    ['access-control-allow-origin', '*'],
    ['access-control-expose-headers', exposed.join(', ')],
    ['x-cache', cache],
    // Which data answered: a client can tell a stale page from a new deploy or load.
    ['x-data-version', version],
  ];
}

/**
 * One JSON line per request, for Workers Logs / Logpush: enough to see abuse (who asks for
 * what, at what cost, how often refused) without logging variables or bodies.
 */
function log(
  request: Request,
  response: Response,
  cache: CacheOutcome,
  ran: Ran | undefined,
  started: number,
) {
  console.log(
    JSON.stringify({
      method: request.method,
      path: new URL(request.url).pathname,
      operation: ran?.operation ?? null,
      documentId: ran?.documentId ?? null,
      cost: ran?.cost ?? null,
      status: response.status,
      durationMs: Date.now() - started,
      cache,
      ip: request.headers.get('cf-connecting-ip'),
    }),
  );
}

/**
 * Every request's way in and out: its data source (a D1 Worker reads the database's version),
 * a remembered GET answered before any routing or parsing, its route, a store fault answered
 * 503 (once: nothing is run again), the edge headers and the log line.
 */
export async function serve(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  { recall, route }: Routes,
): Promise<Response> {
  const started = Date.now();
  const logging = env.REQUEST_LOG !== 'off';
  let exchange: Exchange | undefined;
  let response: Response;
  try {
    let source = dataSource({
      database: env.DB,
      versionTtl: Number(env.DATA_VERSION_TTL ?? 10) * 1000,
    });
    if (source instanceof Promise) source = await source;
    // A remembered GET passed every check when it was first answered, and its URL names the
    // path: it is answered complete with its headers.
    const recalled = request.method === 'GET' ? recall(request, source.version) : null;
    if (recalled) {
      if (logging) log(request, recalled, 'HIT', undefined, started);
      return recalled;
    }
    exchange = { request, url: new URL(request.url), env, ctx, source, cache: 'BYPASS' };
    response = await route(exchange);
  } catch (error) {
    if (!(error instanceof StoreUnavailable)) throw error;
    response = storeUnavailable(error);
  }
  if (exchange) {
    for (const [name, value] of edgeHeaders(exchange.cache, exchange.source.version)) {
      response.headers.set(name, value);
    }
  }
  if (logging) log(request, response, exchange?.cache ?? 'BYPASS', exchange?.ran, started);
  return response;
}
