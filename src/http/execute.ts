import type { DataSource } from './data-source.ts';
import { yoga } from './graphql.ts';
import { type Answer, prepare, preparedKey, runPrepared } from './prepared.ts';
import { type RequestRecord, track } from './request-context.ts';
import type { OperationParams } from './request-guard.ts';

/** How long an operation ran, and on which path: its prepared form, or Yoga's pipeline. */
export const serverTiming = (started: number, answer: Answer | Response) =>
  `exec;desc="${answer instanceof Response ? 'yoga' : 'prepared'}";dur=${(performance.now() - started).toFixed(1)}`;

/** Runs an operation through Yoga: the first time a document is seen, and for every error. */
export async function viaYoga(request: Request, record: RequestRecord): Promise<Response> {
  track(request, record);
  // handleRequest, not fetch: no context objects to merge, no abort-signal plumbing.
  return yoga.handleRequest(request, {});
}

/**
 * Answers an operation: from its prepared form when Yoga has run the same document to a
 * success before, else through Yoga, preparing it if it succeeds there. `yogaRequest` gives
 * Yoga the request to run (a POST's body has been read already). Each path gets a store of
 * its own: a D1 store's loaders remember what one execution read, and a failed prepared run
 * is repeated by Yoga from the start. Without `envelope` a prepared answer carries its data
 * only, no body.
 */
export async function run(
  request: Request,
  params: OperationParams | null,
  record: RequestRecord,
  source: DataSource,
  yogaRequest: () => Request,
  envelope = true,
): Promise<Answer | Response> {
  const key = params && preparedKey(params, request.headers.get('accept'));
  if (key && params) {
    record.store = source.store();
    const answer = await runPrepared(key, params, request, record, envelope);
    if (answer) return answer;
  }
  record.store = source.store();
  const response = await viaYoga(yogaRequest(), record);
  if (key && params) prepare(key, params, record, response);
  return response;
}
