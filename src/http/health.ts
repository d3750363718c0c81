import { dataVersion } from '../model/corpus.ts';

/** Liveness plus the data version, so a deploy can be checked from outside. */
export function health(): Response {
  return Response.json({ ok: true, dataVersion });
}
