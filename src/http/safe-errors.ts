import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

function withoutInternals(error: GraphQLError): GraphQLError {
  const { originalError, ...extensions } = error.extensions;
  if (originalError === undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions,
  });
}

/**
 * Yoga attaches the parser's own error (`extensions.originalError`, with its internal
 * message) to a malformed-JSON response even outside development; a client needs only the
 * stable code and our message.
 */
export function useSafeErrors(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !('errors' in result) || !result.errors) return;
      setResult({
        ...result,
        errors: result.errors.map((e) => withoutInternals(e as GraphQLError)),
      });
    },
  };
}

/**
 * Variables that do not coerce to their declared types fail the request before anything runs
 * (graphql-js reports them without a data key and without a code): they are bad input, and
 * say so with the stable code every other bad input carries.
 */
export function useVariableErrorCodes(): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors || 'data' in result) return;
          setResult({
            ...result,
            errors: result.errors.map((error) =>
              error.extensions?.code
                ? error
                : new GraphQLError(error.message, {
                    nodes: error.nodes,
                    extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
                  }),
            ),
          });
        },
      };
    },
  };
}
