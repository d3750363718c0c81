import { printSchema } from 'graphql';
import { schema } from '../schema/index.ts';

// What the Worker serves beside the API: the playground and the REST reference (static
// assets), the OpenAPI document, the schema's SDL and the health check.

// The page is static (built by `npm run playground` into Workers static assets); only these
// two entry points pass through the Worker, to reach it from the API's own URLs.
const page = '/playground/';

/**
 * Everything a page of the static assets loads (the playground, the REST reference) comes
 * from this origin (the playground's bundle inlines its fonts as data: URLs and runs
 * Monaco's workers from its own files); the policy makes that a promise the browser keeps.
 * Monaco and Swagger UI set element styles inline, hence 'unsafe-inline' for styles.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * `GET /`, and `GET /graphql` from a browser (asking for HTML, with no operation in the URL).
 * A GET with `?query=` is an operation whatever it accepts, so links to queries keep working.
 */
export function wantsPlayground(request: Request, url: URL): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (url.pathname === '/') return true;
  if (url.pathname !== '/graphql') return false;
  const accept = request.headers.get('accept') ?? '';
  return accept.includes('text/html') && !url.searchParams.has('query');
}

/**
 * An HTML entry point of the static assets (`page`, a directory of them), with its policy.
 * It names its hashed assets, so it must be revalidated to pick up a new build.
 */
async function staticPage(request: Request, assets: Fetcher, page: string) {
  const asset = await assets.fetch(new URL(page, request.url), { method: request.method });
  const response = new Response(asset.body, asset);
  response.headers.set('content-security-policy', contentSecurityPolicy);
  response.headers.set('cache-control', 'no-cache');
  return response;
}

/** The playground page, from the static assets, with headers for an HTML entry point. */
export async function playground(request: Request, assets: Fetcher): Promise<Response> {
  const response = await staticPage(request, assets, page);
  // /graphql answers JSON or this page depending on Accept.
  response.headers.set('vary', 'accept');
  return response;
}

// The REST twin's documents are built files of the static assets, not made by the Worker:
// `npm run schema` writes schema/openapi.json and the build copies it and Swagger UI there
// (scripts/build-reference.ts). The platform serves a file of the assets before the Worker
// runs; these routes answer a request that reaches the Worker all the same (the tests call
// its fetch handler directly).

/** `GET /openapi.json`: schema/openapi.json, as the build copied it. */
export async function openApi(request: Request, assets: Fetcher): Promise<Response> {
  const asset = await assets.fetch(new URL('/openapi.json', request.url), {
    method: request.method,
  });
  // A fetched response's headers are immutable, and the edge headers are still to be added.
  return new Response(asset.body, asset);
}

/** `GET /rest`: the REST reference page (Swagger UI over /openapi.json). */
export function reference(request: Request, assets: Fetcher): Promise<Response> {
  return staticPage(request, assets, '/rest-reference/');
}

let sdl: string | undefined;

/**
 * The schema as SDL. Printed on first request, not at isolate start, since most isolates
 * never serve it.
 */
export function schemaSdl(): Response {
  sdl ??= `${printSchema(schema)}\n`;
  return new Response(sdl, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** Liveness plus the data version, so a deploy or a load can be checked from outside. */
export function health(version: string): Response {
  return Response.json({ ok: true, dataVersion: version });
}
