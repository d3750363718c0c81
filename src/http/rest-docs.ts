import { schema } from '../schema/index.ts';
import { openApiDocument } from './rest/openapi.ts';
import { restRouteTable } from './rest.ts';

let document: string | undefined;

/** `GET /openapi.json`: generated from the routes the Worker serves (schema/openapi.json). */
export function openApi(): Response {
  document ??= `${JSON.stringify(openApiDocument(schema, [...restRouteTable().byResource.values()]), null, 2)}\n`;
  return new Response(document, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      // It changes only with a deploy, like the SDL.
      'cache-control': 'public, max-age=300',
    },
  });
}

const page = '/rest-reference/';

// The reference page (Swagger UI from npm, built into the static assets by
// scripts/build-reference.ts) loads nothing from another origin; the policy makes that a
// promise the browser keeps. Swagger UI sets element styles inline.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** `GET /rest`: the REST reference page, from the static assets. */
export async function reference(request: Request, assets: Fetcher): Promise<Response> {
  const asset = await assets.fetch(new URL(page, request.url), { method: request.method });
  const response = new Response(asset.body, asset);
  response.headers.set('content-security-policy', contentSecurityPolicy);
  response.headers.set('cache-control', 'no-cache');
  return response;
}
