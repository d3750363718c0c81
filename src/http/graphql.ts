import { cachedGet, executionTiming, uncachedControl } from './cache.ts';
import { type Exchange, rateLimited } from './edge.ts';
import { type Answer, bodyOf, type MediaType, runOperation } from './execute.ts';
import {
  documentOf,
  methodNotAllowed,
  type OperationParams,
  type Refusal,
  readGet,
  readPost,
} from './request.ts';

// /graphql: a POST runs every time and is never stored; a GET is a read, cached (cache.ts).

const offered: MediaType[] = ['application/graphql-response+json', 'application/json'];

/**
 * The media type to answer in, from the client's Accept, as GraphQL over HTTP servers read it:
 * the first type (in the header's order) that one of ours matches, application/json where
 * both do (`*\/*`); no Accept is `*\/*`. Null when it accepts neither.
 */
function negotiated(accept: string | null): MediaType | null {
  let chosen: MediaType | null = null;
  const asked = (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',').reverse();
  for (const entry of asked) {
    const [type = '', ...parameters] = entry.split(';');
    const charset = parameters.find((p) => p.startsWith('charset='));
    if (charset && charset !== 'charset=utf-8') continue;
    const [major, minor] = type.split('/');
    for (const media of offered) {
      const [ourMajor, ourMinor] = media.split('/');
      if ((major === '*' || major === ourMajor) && (minor === '*' || minor === ourMinor)) {
        chosen = media;
      }
    }
  }
  return chosen;
}

// Most clients send one of a few Accept headers: each is read once.
const negotiations = new Map<string | null, MediaType | null>();
function mediaTypeOf(request: Request): MediaType | null {
  const accept = request.headers.get('accept');
  let media = negotiations.get(accept);
  if (media === undefined) {
    media = negotiated(accept);
    if (negotiations.size >= 64) negotiations.clear();
    negotiations.set(accept, media);
  }
  return media;
}

const notAcceptable = () =>
  new Response(null, {
    status: 406,
    headers: { accept: offered.map((media) => `${media}; charset=utf-8`).join(', ') },
  });

/** An answer as a response that no cache keeps. */
function answered(answer: Answer, media: MediaType): Response {
  return new Response(bodyOf(answer), {
    status: answer.status,
    headers: {
      'content-type': `${media}; charset=utf-8`,
      'cache-control': uncachedControl,
      ...answer.headers,
    },
  });
}

/** Runs the operation a request names, with this request's store in its context. */
async function run(
  exchange: Exchange,
  input: OperationParams | Refusal,
  media: MediaType,
): Promise<Answer> {
  const { request, source } = exchange;
  const answer = await runOperation(
    input,
    { request, store: source.store() },
    media,
    request.method,
  );
  exchange.ran = answer.ran;
  return answer;
}

/** A POST (or any method but GET): executed every time, never stored. */
async function post(exchange: Exchange): Promise<Response> {
  const { request } = exchange;
  const limited = await rateLimited(request, exchange.env);
  if (limited) return limited;
  let input: OperationParams | Refusal | Response;
  if (request.method === 'POST') {
    input = await readPost(request);
    if (input instanceof Response) return input;
  } else {
    input = methodNotAllowed();
  }
  const media = mediaTypeOf(request);
  if (!media) return notAcceptable();
  const started = performance.now();
  const response = answered(await run(exchange, input, media), media);
  response.headers.set('server-timing', executionTiming(started));
  return response;
}

/** JSON with its object keys sorted, so that equal variables give equal names. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What names a GET in caches.default: the operation (a trusted documentId, an APQ hash, or
 * the query text), its name, its variables (keys sorted) and the media type asked for.
 */
export function sharedName(params: OperationParams, accept: string | null): string {
  return [
    documentOf(params),
    params.operationName ?? '',
    canonical(params.variables),
    (accept ?? '').trim().toLowerCase(),
  ].join('\n');
}

const encoder = new TextEncoder();

/** A GraphQL GET the isolate's memory did not answer: a read, cached when it succeeds. */
async function read(exchange: Exchange): Promise<Response> {
  const { request } = exchange;
  const params = readGet(exchange.url);
  if (params instanceof Response) return params;
  const media = mediaTypeOf(request);
  if (!media) return notAcceptable();
  if (documentOf(params) === null) {
    // No operation named: an error, never cached.
    return answered(await run(exchange, params, media), media);
  }
  const accept = request.headers.get('accept');
  return cachedGet(
    exchange,
    () => sharedName(params, accept),
    async (etag) => {
      const answer = await run(exchange, params, media);
      if (!answer.succeeded) return answered(answer, media);
      const body = encoder.encode(bodyOf(answer));
      const { version } = exchange.source;
      return { body, contentType: `${media}; charset=utf-8`, etag, version };
    },
  );
}

/** `/graphql`: GET reads, POST runs; any other method is refused, as GraphQL over HTTP does. */
export function graphql(exchange: Exchange): Promise<Response> {
  return exchange.request.method === 'GET' ? read(exchange) : post(exchange);
}
