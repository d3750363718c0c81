import type { GraphQLError } from 'graphql';
import { clientError } from '../schema/errors.ts';
import { errorResponse } from './edge.ts';
import { limits } from './limits.ts';

// What a request to /graphql asks for, read as GraphQL over HTTP defines it: a JSON body for
// POST, the URL's parameters for GET.

/** The parameters of a request as they came: checked by `checkParams` before anything runs. */
export interface OperationParams {
  query?: unknown;
  /** A trusted document's hash (`documentId`), with or without its `sha256:` prefix. */
  documentId?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

/** Parameters fit to run: a document's text, and what it runs with. */
export interface CheckedParams {
  query: string;
  operationName: string | null;
  variables: Record<string, unknown> | null;
  /** The persisted document's hash, when the request named one instead of sending its text. */
  documentId?: string;
}

/**
 * A request refused before any document is looked at. `beforeGraphQL` marks what GraphQL
 * over HTTP answers 200 under application/json, as it answers a document that does not parse
 * (a body that is not JSON).
 */
export class Refusal {
  constructor(
    readonly error: GraphQLError,
    readonly beforeGraphQL = false,
  ) {}
}

function mediaType(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Reads a body stream, giving up as soon as it passes `max` bytes. */
async function readAtMost(
  body: ReadableStream<Uint8Array>,
  max: number,
): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const tooLarge = () =>
  errorResponse(
    413,
    'PAYLOAD_TOO_LARGE',
    `A request body may be at most ${limits.bodyBytes} bytes.`,
  );

const badRequest = (message: string) => clientError('BAD_REQUEST', message);

/**
 * Admits a POST to /graphql only as `application/json` within the size limit, and reads its
 * parameters. Form and multipart bodies never execute, so no "simple" cross-site request can
 * run an operation. Returns the parameters, the error that refuses them, or the response that
 * refuses the request before GraphQL sees it.
 */
export async function readPost(request: Request): Promise<OperationParams | Refusal | Response> {
  if (mediaType(request) !== 'application/json') {
    return errorResponse(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'POST a JSON body with Content-Type: application/json, or use GET.',
    );
  }
  const length = request.headers.get('content-length');
  let text: string;
  if (length !== null) {
    // The runtime delivers no more bytes than Content-Length declares, so a declared size
    // within the limit needs no counting.
    if (Number(length) > limits.bodyBytes) return tooLarge();
    text = await request.text();
  } else {
    // No Content-Length (a chunked upload): count what actually arrives.
    const body = request.body ? await readAtMost(request.body, limits.bodyBytes) : new Uint8Array();
    if (!body) return tooLarge();
    text = new TextDecoder().decode(body);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The parser's own message stays here.
    return new Refusal(badRequest('POST body sent invalid JSON.'), true);
  }
  if (json === null || typeof json !== 'object') {
    const received = json === null ? 'null' : typeof json;
    return new Refusal(badRequest(`POST body is expected to be object but received ${received}`));
  }
  if (Array.isArray(json)) return new Refusal(badRequest('Batching is not supported.'));
  return json as OperationParams;
}

/**
 * The parameters of a GET, from one pass over its URL. `variables` and `extensions` that are
 * not a JSON object are refused here with a 400, before any cache or GraphQL sees them.
 */
export function readGet(url: URL): OperationParams | Response {
  const search = url.searchParams;
  // An empty parameter is an absent one.
  const params: OperationParams = {
    query: search.get('query') || undefined,
    documentId: search.get('documentId') || undefined,
    operationName: search.get('operationName') || undefined,
  };
  for (const name of ['variables', 'extensions'] as const) {
    const value = search.get(name);
    if (!value) continue;
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      json = undefined;
    }
    if (json !== null && (typeof json !== 'object' || Array.isArray(json))) {
      return errorResponse(400, 'BAD_REQUEST', `\`${name}\` must be a JSON object.`);
    }
    params[name] = json;
  }
  return params;
}

/** The hash Apollo's automatic persisted queries send (`extensions.persistedQuery`), if any. */
export function apqHash(params: OperationParams): string | undefined {
  const extensions = params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | null;
  const hash = extensions?.persistedQuery?.sha256Hash;
  return typeof hash === 'string' ? hash : undefined;
}

/** A persisted document's hash, given bare or in the persisted-documents proposal's `sha256:…`. */
export function bareHash(id: string): string {
  return id.startsWith('sha256:') ? id.slice(7) : id;
}

/**
 * The document a request names: `q:` and its query text, or `h:` and the hash of a persisted
 * one (a trusted `documentId`, else an APQ hash). The kind prefix keeps a query text from
 * ever standing for a hash. Null when it names none.
 */
export function documentOf(params: OperationParams): string | null {
  if (typeof params.query === 'string' && params.query) return `q:${params.query}`;
  const id = typeof params.documentId === 'string' ? params.documentId : apqHash(params);
  return id === undefined ? null : `h:${bareHash(id)}`;
}

// What a body may hold: GraphQL over HTTP's four, and the persisted-documents `documentId`.
const knownParams = new Set(['query', 'documentId', 'operationName', 'variables', 'extensions']);

const kindOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
const objectOrNothing = (value: unknown) => value == null || kindOf(value) === 'object';

/** The parameters of a request, fit to run, or the error that refuses them. */
export function checkParams(params: OperationParams, query: unknown): CheckedParams | GraphQLError {
  for (const key in params) {
    const value = params[key as keyof OperationParams];
    if (value != null && !knownParams.has(key)) {
      return badRequest(`Unexpected parameter "${key}" in the request body.`);
    }
  }
  if (typeof query !== 'string') {
    return badRequest(`Expected "query" param to be a string, but given ${kindOf(query)}.`);
  }
  for (const name of ['variables', 'extensions'] as const) {
    if (!objectOrNothing(params[name])) {
      return badRequest(
        `Expected "${name}" param to be empty or an object, but given ${kindOf(params[name])}.`,
      );
    }
  }
  const { operationName } = params;
  return {
    query,
    // A name that is not a string names no operation: GraphQL finds none to run.
    operationName: operationName == null ? null : String(operationName),
    variables: (params.variables ?? null) as Record<string, unknown> | null,
  };
}

/** `/graphql` asked with a method other than GET or POST. */
export const methodNotAllowed = () =>
  new Refusal(
    clientError('BAD_REQUEST', 'GraphQL only supports GET and POST requests.', 405, {
      allow: 'GET, POST',
    }),
  );
