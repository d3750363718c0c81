/** Liveness plus the data version, so a deploy or a load can be checked from outside. */
export function health(version: string): Response {
  return Response.json({ ok: true, dataVersion: version });
}
