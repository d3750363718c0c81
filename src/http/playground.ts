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
export function wantsPlayground(request: Request, pathname: string): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (pathname === '/') return true;
  if (pathname !== '/graphql') return false;
  const accept = request.headers.get('accept') ?? '';
  return accept.includes('text/html') && !new URL(request.url).searchParams.has('query');
}

/**
 * An HTML entry point of the static assets (`page`, a directory of them), with its policy.
 * It names its hashed assets, so it must be revalidated to pick up a new build.
 */
export async function staticPage(request: Request, assets: Fetcher, page: string) {
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
