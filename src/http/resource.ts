import { schema } from '../schema/index.ts';
import { cachedGet } from './cache.ts';
import { type Exchange, errorResponse } from './edge.ts';
import { runOperation } from './execute.ts';
import type { OperationParams } from './request.ts';
import { articleJsonLdOperation } from './rest/json-ld.ts';
import { type RestTable, restOperation, restTable } from './rest/request.ts';
import { restRoutes } from './rest/routes.ts';

// A URL that stands for one GraphQL operation (a REST route, an article's JSON-LD): run like
// a GraphQL GET (the same operation pipeline, cost limit, rate limit, error codes and caches)
// and answered with one value of the result instead of the GraphQL envelope.

/** One operation as a resource: what it runs, and which part of its data is the answer. */
export interface ResourceOperation {
  params: OperationParams;
  /** The answer within `data`: a root field, and a field inside it. */
  path: readonly string[];
  contentType: string;
  /** Said with a 404 when the answer is null: the URL names nothing. */
  notFound: string;
}

// Built on the first REST request, not at startup: an isolate that only serves GraphQL
// never pays for it.
let table: RestTable | undefined;
const restRouteTable = () => {
  table ??= restTable(restRoutes(schema));
  return table;
};

/** Whether a path is a resource's: a REST route's, or an article's JSON-LD. */
export function isResourcePath(pathname: string): boolean {
  return (
    pathname.startsWith('/rest/') ||
    (pathname.startsWith('/articles/') && pathname.endsWith('.jsonld'))
  );
}

/** The operation a resource's URL names, or the response that refuses it. */
function operationOf(url: URL): ResourceOperation | Response {
  const { pathname } = url;
  if (pathname.startsWith('/rest/')) return restOperation(url, restRouteTable());
  const slug = pathname.slice('/articles/'.length, -'.jsonld'.length);
  return articleJsonLdOperation(slug, pathname);
}

function pick(data: Record<string, unknown> | null | undefined, path: readonly string[]): unknown {
  let value: unknown = data;
  for (const name of path) value = (value as Record<string, unknown> | null)?.[name] ?? null;
  return value;
}

const encoder = new TextEncoder();

/**
 * `GET /rest/<resource>[/<slug>]`, the REST twin of a root field, and `GET
 * /articles/<slug>.jsonld`, an article as schema.org JSON-LD: refused for another method,
 * or for a URL that names nothing.
 */
export function resource(exchange: Exchange): Response | Promise<Response> {
  const { request, url } = exchange;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const response = errorResponse(405, 'METHOD_NOT_ALLOWED', 'The REST routes answer GET only.');
    response.headers.set('allow', 'GET, HEAD');
    return response;
  }
  const operation = operationOf(url);
  if (operation instanceof Response) return operation;
  return cachedGet(
    exchange,
    () => `${url.pathname}${url.search}\n${operation.contentType}`,
    async (etag) => {
      const context = { request, store: exchange.source.store() };
      // The strict media type: an error's status is its own, never a 200 with errors.
      const answer = await runOperation(
        operation.params,
        context,
        'application/graphql-response+json',
        'GET',
      );
      exchange.ran = answer.ran;
      if (answer.errors) {
        // GraphQL's errors as a resource's: the same messages and codes, and their status, or
        // a 400 where GraphQL answers 200 with errors (a resolver's, as the page cap is).
        const errors = answer.errors.map(({ message, extensions }) => ({
          message,
          extensions: { code: extensions?.code ?? 'BAD_REQUEST' },
        }));
        return Response.json({ errors }, { status: Math.max(answer.status, 400) });
      }
      const value = pick(answer.data, operation.path);
      if (value === null) return errorResponse(404, 'NOT_FOUND', operation.notFound);
      const body = encoder.encode(JSON.stringify(value));
      const { version } = exchange.source;
      return { body, contentType: operation.contentType, etag, version };
    },
  );
}
