import { staticPage } from './playground.ts';

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
