import { errorResponse } from './responses.ts';

/** The window of the Rate Limiting binding in wrangler.toml, in seconds. */
export const rateLimitPeriod = 60;

/**
 * Counts a request against its client's allowance, keyed by the connecting IP that
 * Cloudflare's edge sets. A request without one did not come through the edge (local
 * development, tests, a service binding), so there is no client to key it by.
 */
export async function rateLimited(
  request: Request,
  limiter: RateLimit | undefined,
): Promise<Response | null> {
  const ip = request.headers.get('cf-connecting-ip');
  if (!ip || !limiter) return null;
  const { success } = await limiter.limit({ key: ip });
  if (success) return null;
  const response = errorResponse(
    429,
    'RATE_LIMITED',
    `Too many requests from this address; try again in ${rateLimitPeriod} seconds.`,
  );
  response.headers.set('retry-after', String(rateLimitPeriod));
  return response;
}
