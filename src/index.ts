import { preflight, withCors } from './http/cors.ts';
import { yoga } from './http/graphql.ts';
import { health } from './http/health.ts';
import { playground, wantsPlayground } from './http/playground.ts';
import { rateLimited } from './http/rate-limit.ts';
import type { RequestRecord } from './http/request-context.ts';
import { guardGet, guardPost } from './http/request-guard.ts';
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
}

async function graphql(request: Request, env: Env, record: RequestRecord): Promise<Response> {
  const limited = await rateLimited(request, env.RATE_LIMITER);
  if (limited) return limited;
  let admitted = request;
  if (request.method === 'GET') {
    const refused = guardGet(new URL(request.url));
    if (refused) return refused;
  }
  if (request.method === 'POST') {
    const guarded = await guardPost(request);
    if (guarded instanceof Response) return guarded;
    admitted = guarded;
  }
  return yoga.fetch(admitted, { record });
}

function route(request: Request, env: Env, record: RequestRecord): Response | Promise<Response> {
  if (request.method === 'OPTIONS') return preflight();
  const { pathname } = new URL(request.url);
  if (wantsPlayground(request, pathname)) return playground(request, env.ASSETS);
  switch (pathname) {
    case '/graphql':
      return graphql(request, env, record);
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
  async fetch(request, env, _ctx) {
    const started = Date.now();
    const record: RequestRecord = { cache: 'BYPASS' };
    const response = withCors(await route(request, env, record));
    if (env.REQUEST_LOG !== 'off') logRequest(request, response, record, started);
    return response;
  },
} satisfies ExportedHandler<Env>;
