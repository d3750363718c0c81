import type { RequestRecord } from './request-context.ts';

/**
 * One JSON line per request, for Workers Logs / Logpush: enough to see abuse (who asks for
 * what, at what cost, how often refused) without logging variables or bodies.
 */
export function logRequest(
  request: Request,
  response: Response,
  record: RequestRecord,
  started: number,
): void {
  const { pathname } = new URL(request.url);
  console.log(
    JSON.stringify({
      method: request.method,
      path: pathname,
      operation: record.operation ?? null,
      documentId: record.documentId ?? null,
      cost: record.cost ?? null,
      status: response.status,
      durationMs: Date.now() - started,
      cache: record.cache,
      ip: request.headers.get('cf-connecting-ip'),
    }),
  );
}
