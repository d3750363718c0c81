// A public, cookieless API: any origin may read it, and no credentials are ever involved, so
// the literal "*" is both correct and cacheable (an echoed Origin would need Vary: Origin).

const exposed = ['etag', 'x-cache', 'server-timing', 'x-data-version', 'retry-after'];

/** The answer to a CORS preflight, for any path. */
export function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'content-type, accept, if-none-match',
      'access-control-max-age': '86400',
    },
  });
}

/** The response with the CORS headers every answer carries. */
export function withCors(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set('access-control-allow-origin', '*');
  headers.set('access-control-expose-headers', exposed.join(', '));
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
