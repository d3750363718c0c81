import { recall } from './http/cache.ts';
import { preflight } from './http/cors.ts';
import {
  type DataEnv,
  type DataSource,
  dataSource,
  StoreUnavailable,
  storeUnavailable,
} from './http/data-source.ts';
import { edgeHeaders } from './http/edge-headers.ts';
import { health } from './http/health.ts';
import { playground, wantsPlayground } from './http/playground.ts';
import { post } from './http/post.ts';
import { read } from './http/read.ts';
import type { RequestRecord } from './http/request-context.ts';
import { logRequest } from './http/request-log.ts';
import { errorResponse } from './http/responses.ts';
import { isResourcePath, resource } from './http/rest.ts';
import { openApi, reference } from './http/rest-docs.ts';
import { schemaSdl } from './http/sdl.ts';

export interface Env extends DataEnv {
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

function route(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  record: RequestRecord,
  source: DataSource,
): Response | Promise<Response> {
  if (request.method === 'OPTIONS') return preflight();
  const url = new URL(request.url);
  const { pathname } = url;
  if (wantsPlayground(request, pathname)) return playground(request, env.ASSETS);
  if (isResourcePath(pathname)) return resource(request, url, env, ctx, record, source);
  switch (pathname) {
    case '/graphql':
      return request.method === 'GET'
        ? read(request, url, env, ctx, record, source)
        : post(request, env.RATE_LIMITER, record, source);
    case '/schema.graphql':
      return schemaSdl();
    case '/openapi.json':
      return openApi(request, env.ASSETS);
    case '/rest':
      return reference(request, env.ASSETS);
    case '/healthz':
      return health(source.version);
    default:
      return errorResponse(
        404,
        'NOT_FOUND',
        `Nothing is served at ${pathname}; the API is at /graphql, its REST twin at /rest.`,
      );
  }
}

async function answer(
  request: Request,
  env: Env,
  ctx: ExecutionContext,
  source: DataSource,
  started: number,
): Promise<Response> {
  // A remembered GET passed every check when it was first answered, and its URL names the
  // path: it is answered before any routing, complete with its headers.
  const recalled = request.method === 'GET' ? recall(request, source.version) : null;
  if (recalled) {
    if (env.REQUEST_LOG !== 'off')
      logRequest(request, recalled, { cache: 'HIT', version: source.version }, started);
    return recalled;
  }
  const record: RequestRecord = { cache: 'BYPASS', version: source.version };
  let response: Response;
  try {
    response = await route(request, env, ctx, record, source);
  } catch (error) {
    if (!(error instanceof StoreUnavailable)) throw error;
    response = storeUnavailable();
  }
  for (const [name, value] of edgeHeaders(record.cache, source.version)) {
    response.headers.set(name, value);
  }
  if (env.REQUEST_LOG !== 'off') logRequest(request, response, record, started);
  return response;
}

export default {
  async fetch(request, env, ctx) {
    const started = Date.now();
    let source: DataSource | Promise<DataSource>;
    try {
      source = dataSource(env);
      if (source instanceof Promise) source = await source;
    } catch (error) {
      if (!(error instanceof StoreUnavailable)) throw error;
      return storeUnavailable();
    }
    return answer(request, env, ctx, source, started);
  },
} satisfies ExportedHandler<Env>;
