import { yoga } from './http/graphql.ts';
import { health } from './http/health.ts';
import { playground, wantsPlayground } from './http/playground.ts';
import { errorResponse } from './http/responses.ts';
import { schemaSdl } from './http/sdl.ts';

export interface Env {
  /** The built playground (wrangler.toml `[assets]`). */
  ASSETS: Fetcher;
}

export default {
  async fetch(request, env, _ctx) {
    const { pathname } = new URL(request.url);
    if (wantsPlayground(request, pathname)) return playground(request, env.ASSETS);
    switch (pathname) {
      case '/graphql':
        return yoga.fetch(request);
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
  },
} satisfies ExportedHandler<Env>;
