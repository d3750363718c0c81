import {
  cacheable,
  etagOf,
  lookup,
  matchesEtag,
  memoryKey,
  notModified,
  recall,
  remember,
  type Stored,
  share,
  sharedKey,
  storedHeaders,
  uncachedControl,
} from './http/cache.ts';
import { preflight } from './http/cors.ts';
import { edgeHeaders } from './http/edge-headers.ts';
import { yoga } from './http/graphql.ts';
import { health } from './http/health.ts';
import { playground, wantsPlayground } from './http/playground.ts';
import { type Answer, prepare, preparedKey, runPrepared } from './http/prepared.ts';
import { rateLimited } from './http/rate-limit.ts';
import { type RequestRecord, track } from './http/request-context.ts';
import { documentOf, guardGet, type OperationParams, readPost } from './http/request-guard.ts';
import { logRequest } from './http/request-log.ts';
import { errorResponse } from './http/responses.ts';
import { schemaSdl } from './http/sdl.ts';

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
}

/** How long an operation ran, and on which path: its prepared form, or Yoga's pipeline. */
const serverTiming = (started: number, answer: Answer | Response) =>
  `exec;desc="${answer instanceof Response ? 'yoga' : 'prepared'}";dur=${(performance.now() - started).toFixed(1)}`;

/** Runs an operation through Yoga: the first time a document is seen, and for every error. */
async function viaYoga(request: Request, record: RequestRecord): Promise<Response> {
  track(request, record);
  // handleRequest, not fetch: no context objects to merge, no abort-signal plumbing.
  return yoga.handleRequest(request, {});
}

/**
 * Answers an operation: from its prepared form when Yoga has run the same document to a
 * success before, else through Yoga, preparing it if it succeeds there. `yogaRequest` gives
 * Yoga the request to run (a POST's body has been read already).
 */
async function run(
  request: Request,
  params: OperationParams | null,
  record: RequestRecord,
  yogaRequest: () => Request,
): Promise<Answer | Response> {
  const key = params && preparedKey(params, request.headers.get('accept'));
  const answer = key && params ? await runPrepared(key, params, request, record) : null;
  if (answer) return answer;
  const response = await viaYoga(yogaRequest(), record);
  if (key && params) prepare(key, params, record, response);
  return response;
}

const encoder = new TextEncoder();

/**
 * A read the isolate's memory did not answer: answered from the ETag or the Cache API when it
 * can be (without parsing or executing, and without counting against the rate limit), else
 * executed and, if it succeeded, stored.
 */
async function read(
  request: Request,
  url: URL,
  env: Env,
  ctx: ExecutionContext,
  record: RequestRecord,
): Promise<Response> {
  const params = guardGet(url);
  if (params instanceof Response) return params;
  if (documentOf(params) === null) {
    // No operation named: an error, never cached.
    const response = await viaYoga(request, record);
    response.headers.set('cache-control', uncachedControl);
    return response;
  }
  const key = memoryKey(request);
  const etag = etagOf(key);
  if (matchesEtag(request.headers.get('if-none-match'), etag)) {
    record.cache = 'HIT';
    return notModified(etag);
  }
  const started = performance.now();
  const shared =
    env.CACHE_API === 'on' ? await sharedKey(params, request.headers.get('accept')) : null;
  const hit = shared ? await lookup(shared) : undefined;
  if (hit) {
    record.cache = 'HIT';
    const stored = {
      body: new Uint8Array(await hit.arrayBuffer()),
      contentType: hit.headers.get('content-type') ?? '',
      etag,
    };
    remember(key, stored);
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
  const executed = performance.now();
  const answer = await run(request, params, record, () => request);
  let stored: Stored;
  if (answer instanceof Response) {
    const fromYoga = await cacheable(answer, etag, record.succeeded === true);
    if (fromYoga instanceof Response) {
      fromYoga.headers.set('server-timing', serverTiming(executed, answer));
      return fromYoga;
    }
    stored = fromYoga;
  } else {
    stored = { body: encoder.encode(answer.body), contentType: answer.contentType, etag };
  }
  if (shared) ctx.waitUntil(share(shared, stored));
  remember(key, stored);
  const headers = storedHeaders(stored, 'MISS');
  headers.set('server-timing', serverTiming(executed, answer));
  return new Response(stored.body, { headers });
}

async function graphql(
  request: Request,
  url: URL,
  env: Env,
  ctx: ExecutionContext,
  record: RequestRecord,
): Promise<Response> {
  if (request.method === 'GET') return read(request, url, env, ctx, record);
  const limited = await rateLimited(request, env.RATE_LIMITER);
  if (limited) return limited;
  if (request.method !== 'POST') return viaYoga(request, record);
  const body = await readPost(request);
  if (body instanceof Response) return body;
  const started = performance.now();
  const answer = await run(
    request,
    body.params,
    record,
    () => new Request(request.url, { method: 'POST', headers: request.headers, body: body.text }),
  );
  // A POST is never stored at the edge; GET is the cacheable way to read.
  const response =
    answer instanceof Response
      ? answer
      : new Response(answer.body, { headers: { 'content-type': answer.contentType } });
  response.headers.set('cache-control', uncachedControl);
  response.headers.set('server-timing', serverTiming(started, answer));
  return response;
}

function route(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  record: RequestRecord,
): Response | Promise<Response> {
  if (request.method === 'OPTIONS') return preflight();
  const url = new URL(request.url);
  const { pathname } = url;
  if (wantsPlayground(request, pathname)) return playground(request, env.ASSETS);
  switch (pathname) {
    case '/graphql':
      return graphql(request, url, env, ctx, record);
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
    const recalled = request.method === 'GET' ? recall(request) : null;
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
