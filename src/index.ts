import { yoga } from './http/graphql.ts';
import { health } from './http/health.ts';
import { errorResponse } from './http/responses.ts';
import { schemaSdl } from './http/sdl.ts';

// No bindings yet; the Worker is self-contained.
export type Env = Record<string, never>;

export default {
  async fetch(request, _env, _ctx) {
    const { pathname } = new URL(request.url);
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
