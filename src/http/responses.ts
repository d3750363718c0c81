/** A JSON body with the GraphQL error shape, for answers that never reach GraphQL. */
export function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status });
}
