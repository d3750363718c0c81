import { GraphQLError } from 'graphql';

/**
 * A client error: a stable `extensions.code` for programs, a message for people, and an HTTP
 * status that Yoga applies to the response (and strips from the body).
 */
export function clientError(code: string, message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

export function badUserInput(message: string): GraphQLError {
  return clientError('BAD_USER_INPUT', message);
}
