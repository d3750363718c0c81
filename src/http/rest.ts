import { schema } from '../schema/index.ts';
import type { DataSource } from './data-source.ts';
import type { ReadEnv } from './read.ts';
import type { RequestRecord } from './request-context.ts';
import { type ResourceOperation, readResource } from './resource.ts';
import { errorResponse } from './responses.ts';
import { articleJsonLdOperation } from './rest/json-ld.ts';
import { type RestTable, restOperation, restTable } from './rest/request.ts';
import { restRoutes } from './rest/routes.ts';

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

/**
 * `GET /rest/<resource>[/<slug>]`, the REST twin of a root field, and `GET
 * /articles/<slug>.jsonld`, an article as schema.org JSON-LD: refused for another method,
 * or for a URL that names nothing.
 */
export function resource(
  request: Request,
  url: URL,
  env: ReadEnv,
  ctx: ExecutionContext,
  record: RequestRecord,
  source: DataSource,
): Response | Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const response = errorResponse(405, 'METHOD_NOT_ALLOWED', 'The REST routes answer GET only.');
    response.headers.set('allow', 'GET, HEAD');
    return response;
  }
  const operation = operationOf(url);
  if (operation instanceof Response) return operation;
  return readResource(request, env, ctx, record, source, operation);
}
