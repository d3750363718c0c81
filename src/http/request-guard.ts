import { limits } from './limits.ts';
import { errorResponse } from './responses.ts';

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

/** The GraphQL-over-HTTP parameters of a request, parsed once. */
export interface OperationParams {
  query: string | null;
  /** A trusted document's hash (`documentId`), with or without its `sha256:` prefix. */
  documentId: string | null;
  operationName: string | null;
  variables: Record<string, unknown> | null;
  extensions: Record<string, unknown> | null;
}

/** The hash Apollo's automatic persisted queries send (`extensions.persistedQuery`), if any. */
export function apqHash(params: {
  extensions?: Record<string, unknown> | null | undefined;
}): string | undefined {
  const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)
    ?.sha256Hash;
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
  if (params.query != null) return `q:${params.query}`;
  const id = params.documentId ?? apqHash(params);
  return id === undefined || id === null ? null : `h:${bareHash(id)}`;
}

/** A POST body read whole: its text (for Yoga) and, when it has their shape, its parameters. */
export interface PostBody {
  text: string;
  params: OperationParams | null;
}

const optionalString = (value: unknown): string | null | undefined =>
  value == null ? null : typeof value === 'string' ? value : undefined;
const optionalObject = (value: unknown): Record<string, unknown> | null | undefined =>
  value == null
    ? null
    : typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;

// What a body may hold: GraphQL over HTTP's four, and the persisted-documents `documentId`.
const knownParams = new Set(['query', 'documentId', 'operationName', 'variables', 'extensions']);

/**
 * The parameters of a JSON body, or null for anything not shaped like them (Yoga refuses
 * that, a parameter it does not know included, with its own error).
 */
function paramsOf(json: unknown): OperationParams | null {
  const body = optionalObject(json);
  if (!body) return null;
  for (const key in body) if (body[key] != null && !knownParams.has(key)) return null;
  const params = {
    query: optionalString(body.query),
    documentId: optionalString(body.documentId),
    operationName: optionalString(body.operationName),
    variables: optionalObject(body.variables),
    extensions: optionalObject(body.extensions),
  };
  return Object.values(params).includes(undefined) ? null : (params as OperationParams);
}

/**
 * Admits a POST to /graphql only as `application/json` within the size limit, and reads it.
 * Form and multipart bodies never execute, so no "simple" cross-site request can run an
 * operation. Returns the body, or the response that refuses the request.
 */
export async function readPost(request: Request): Promise<PostBody | Response> {
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
    // Malformed JSON: Yoga answers it with its own error.
  }
  return { text, params: paramsOf(json) };
}

/**
 * The parameters of a GET, from one pass over its URL. Yoga parses the `variables` and
 * `extensions` of a GET with a bare JSON.parse and answers a malformed one with a 500: those
 * are refused here with the 400 they deserve.
 */
export function guardGet(url: URL): OperationParams | Response {
  const search = url.searchParams;
  const parsed: OperationParams = {
    query: search.get('query'),
    documentId: search.get('documentId'),
    operationName: search.get('operationName'),
    variables: null,
    extensions: null,
  };
  for (const name of ['variables', 'extensions'] as const) {
    const value = search.get(name);
    if (value === null || value === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      json = undefined;
    }
    if (json !== null && (typeof json !== 'object' || Array.isArray(json))) {
      return errorResponse(400, 'BAD_REQUEST', `\`${name}\` must be a JSON object.`);
    }
    parsed[name] = json as Record<string, unknown> | null;
  }
  return parsed;
}
