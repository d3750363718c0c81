import { uncachedControl } from './cache.ts';
import type { DataSource } from './data-source.ts';
import { run, serverTiming, viaYoga } from './execute.ts';
import { rateLimited } from './rate-limit.ts';
import type { RequestRecord } from './request-context.ts';
import { readPost } from './request-guard.ts';

/** A POST (or any method but GET): executed every time, never stored. */
export async function post(
  request: Request,
  rateLimiter: RateLimit | undefined,
  record: RequestRecord,
  source: DataSource,
): Promise<Response> {
  const limited = await rateLimited(request, rateLimiter);
  if (limited) return limited;
  if (request.method !== 'POST') {
    record.store = source.store();
    return viaYoga(request, record);
  }
  const body = await readPost(request);
  if (body instanceof Response) return body;
  const started = performance.now();
  const answer = await run(
    request,
    body.params,
    record,
    source,
    () => new Request(request.url, { method: 'POST', headers: request.headers, body: body.text }),
  );
  // A POST is never stored at the edge; GET is the cacheable way to read.
  const response =
    answer instanceof Response
      ? answer
      : new Response(answer.body, { headers: { 'content-type': answer.contentType } });
  response.headers.set('cache-control', uncachedControl);
  response.headers.set('server-timing', serverTiming(started, answer));
  return response;
}
