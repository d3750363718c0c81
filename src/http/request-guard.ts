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

/**
 * Admits a POST to /graphql only as `application/json` within the size limit. Form and
 * multipart bodies never execute, so no "simple" cross-site request can run an operation.
 * Returns the request to pass on (its body read and bounded), or the response that refuses it.
 */
export async function guardPost(request: Request): Promise<Request | Response> {
  if (mediaType(request) !== 'application/json') {
    return errorResponse(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'POST a JSON body with Content-Type: application/json, or use GET.',
    );
  }
  const length = request.headers.get('content-length');
  if (length !== null) {
    // The runtime delivers no more bytes than Content-Length declares, so a declared size
    // within the limit needs no counting: the request passes as it came.
    return Number(length) > limits.bodyBytes ? tooLarge() : request;
  }
  if (!request.body) return request;
  // No Content-Length (a chunked upload): count what actually arrives.
  const body = await readAtMost(request.body, limits.bodyBytes);
  if (!body) return tooLarge();
  return new Request(request.url, {
    method: 'POST',
    headers: request.headers,
    body: body.buffer as ArrayBuffer,
  });
}

/** The JSON parameters of a GET, parsed once (null where absent). */
export interface GetParams {
  variables: Record<string, unknown> | null;
  extensions: Record<string, unknown> | null;
}

/**
 * Yoga parses the `variables` and `extensions` of a GET with a bare JSON.parse and answers a
 * malformed one with a 500: refuse those here with the 400 they deserve. What passes is
 * returned parsed, for the cache key.
 */
export function guardGet(url: URL): GetParams | Response {
  const parsed: GetParams = { variables: null, extensions: null };
  for (const name of ['variables', 'extensions'] as const) {
    const value = url.searchParams.get(name);
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
