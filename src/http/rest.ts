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

/** A GET for a resource: refused for another method, or for a URL that names none. */
function answer(
  request: Request,
  env: ReadEnv,
  ctx: ExecutionContext,
  record: RequestRecord,
  source: DataSource,
  operationOf: () => ResourceOperation | Response,
): Response | Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const response = errorResponse(405, 'METHOD_NOT_ALLOWED', 'The REST routes answer GET only.');
    response.headers.set('allow', 'GET, HEAD');
    return response;
  }
  const operation = operationOf();
  if (operation instanceof Response) return operation;
  return readResource(request, env, ctx, record, source, operation);
}

/** `GET /rest/<resource>[/<slug>]`: the REST twin of a root field. */
export function rest(
  request: Request,
  url: URL,
  env: ReadEnv,
  ctx: ExecutionContext,
  record: RequestRecord,
  source: DataSource,
): Response | Promise<Response> {
  return answer(request, env, ctx, record, source, () => restOperation(url, restRouteTable()));
}

/** `GET /articles/<slug>.jsonld`: an article as schema.org JSON-LD. */
export function jsonLd(
  request: Request,
  url: URL,
  env: ReadEnv,
  ctx: ExecutionContext,
  record: RequestRecord,
  source: DataSource,
): Response | Promise<Response> {
  const slug = url.pathname.slice('/articles/'.length, -'.jsonld'.length);
  return answer(request, env, ctx, record, source, () =>
    articleJsonLdOperation(slug, url.pathname),
  );
}
