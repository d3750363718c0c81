import { uncachedControl } from './cache.ts';
import type { DataSource } from './data-source.ts';
import { run, serverTiming } from './execute.ts';
import { sha256 } from './persisted.ts';
import { cachedGet, type ReadEnv } from './read.ts';
import type { RequestRecord } from './request-context.ts';
import type { OperationParams } from './request-guard.ts';
import { errorResponse } from './responses.ts';

// A URL that stands for one GraphQL operation (a REST route, an article's JSON-LD): run
// through the same path as a GraphQL GET (its prepared execution, cost limit, rate limit,
// error codes and caches), and answered with one value of the result instead of the
// GraphQL envelope.

/** One operation as a resource: what it runs, and which part of its data is the answer. */
export interface ResourceOperation {
  params: OperationParams;
  /** The answer within `data`: a root field, and a field inside it. */
  path: readonly string[];
  contentType: string;
  /** Said with a 404 when the answer is null: the URL names nothing. */
  notFound: string;
}

const encoder = new TextEncoder();
// Yoga answers an error with the status GraphQL over HTTP gives it for this media type.
const accept = 'application/graphql-response+json';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The GraphQL GET that Yoga runs for a resource: the first time, and for every error. */
function graphqlRequest(request: Request, params: OperationParams): Request {
  const url = new URL('/graphql', request.url);
  if (params.query) url.searchParams.set('query', params.query);
  if (params.operationName) url.searchParams.set('operationName', params.operationName);
  if (params.variables) url.searchParams.set('variables', JSON.stringify(params.variables));
  return new Request(url, { headers: { accept } });
}

/**
 * GraphQL's errors as a resource's: the same messages and codes, and Yoga's status, or a 400
 * where GraphQL answers 200 with errors (a resolver's, as the page cap is). A store fault is
 * Yoga's 503 already.
 */
function errorsResponse(
  status: number,
  errors: NonNullable<GraphQLBody['errors']>,
  retryAfter: string | null,
): Response {
  const response = Response.json(
    {
      errors: errors.map(({ message, extensions }) => ({
        message,
        extensions: { code: extensions?.code ?? 'BAD_REQUEST' },
      })),
    },
    { status: Math.max(status, 400) },
  );
  response.headers.set('cache-control', uncachedControl);
  if (retryAfter) response.headers.set('retry-after', retryAfter);
  return response;
}

function pick(data: GraphQLBody['data'], path: readonly string[]): unknown {
  let value: unknown = data;
  for (const name of path) value = (value as Record<string, unknown> | null)?.[name] ?? null;
  return value;
}

/** A resource's GET the isolate's memory did not answer. */
export function readResource(
  request: Request,
  env: ReadEnv,
  ctx: ExecutionContext,
  record: RequestRecord,
  source: DataSource,
  operation: ResourceOperation,
): Promise<Response> {
  const { version } = source;
  const url = new URL(request.url);
  return cachedGet(
    request,
    env,
    ctx,
    record,
    version,
    async () =>
      `https://cache.newsgraph.internal/${version}/resource/${await sha256(
        `${url.pathname}${url.search}\n${operation.contentType}`,
      )}`,
    async (etag) => {
      const executed = performance.now();
      const answer = await run(
        request,
        operation.params,
        record,
        source,
        () => graphqlRequest(request, operation.params),
        false,
      );
      const status = answer instanceof Response ? answer.status : 200;
      let body: GraphQLBody;
      if (answer instanceof Response) {
        try {
          body = JSON.parse(await answer.text());
        } catch {
          return errorResponse(Math.max(status, 400), 'BAD_REQUEST', 'The request failed.');
        }
      } else {
        // A prepared success: its data as it is, never serialized and parsed again.
        body = { data: answer.data };
      }
      if (body.errors?.length) {
        const retryAfter = answer instanceof Response ? answer.headers.get('retry-after') : null;
        return errorsResponse(status, body.errors, retryAfter);
      }
      const value = pick(body.data, operation.path);
      if (value === null) {
        const response = errorResponse(404, 'NOT_FOUND', operation.notFound);
        response.headers.set('cache-control', uncachedControl);
        return response;
      }
      return {
        stored: {
          body: encoder.encode(JSON.stringify(value)),
          contentType: operation.contentType,
          etag,
          version,
        },
        timing: serverTiming(executed, answer),
      };
    },
  );
}
