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

/** The CORS headers every answer carries. */
export const corsHeaders: [string, string][] = [
  ['access-control-allow-origin', '*'],
  ['access-control-expose-headers', exposed.join(', ')],
];
