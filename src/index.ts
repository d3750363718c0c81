import { recall } from './http/cache.ts';
import { type Env, type Exchange, errorResponse, preflight, serve } from './http/edge.ts';
import { graphql } from './http/graphql.ts';
import {
  health,
  openApi,
  playground,
  reference,
  schemaSdl,
  wantsPlayground,
} from './http/pages.ts';
import { isResourcePath, resource } from './http/resource.ts';

export type { Env };

/** Which handler answers a request. */
function route(exchange: Exchange): Response | Promise<Response> {
  const { request, url, env } = exchange;
  if (request.method === 'OPTIONS') return preflight();
  if (wantsPlayground(request, url)) return playground(request, env.ASSETS);
  if (isResourcePath(url.pathname)) return resource(exchange);
  switch (url.pathname) {
    case '/graphql':
      return graphql(exchange);
    case '/schema.graphql':
      return schemaSdl();
    case '/openapi.json':
      return openApi(request, env.ASSETS);
    case '/rest':
      return reference(request, env.ASSETS);
    case '/healthz':
      return health(exchange.source.version);
    default:
      return errorResponse(
        404,
        'NOT_FOUND',
        `Nothing is served at ${url.pathname}; the API is at /graphql, its REST twin at /rest.`,
      );
  }
}

export default {
  fetch: (request, env, ctx) => serve(request, env, ctx, { recall, route }),
} satisfies ExportedHandler<Env>;
