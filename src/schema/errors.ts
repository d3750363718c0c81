import { GraphQLError } from 'graphql';

/**
 * A client error: a stable `extensions.code` for programs, a message for people, and an HTTP
 * status (with any headers it needs) that the edge applies to the response and strips from
 * the body (src/http/execute.ts).
 */
export function clientError(
  code: string,
  message: string,
  status = 400,
  headers?: Record<string, string>,
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status, headers } } });
}

export function badUserInput(message: string): GraphQLError {
  return clientError('BAD_USER_INPUT', message);
}
