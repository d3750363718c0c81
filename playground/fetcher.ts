import type { GraphiQLProps } from 'graphiql';
import type { ExecutionResult } from 'graphql';

export interface GraphQLParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** POSTs to this origin's endpoint: the playground talks only to the API that serves it. */
export async function postGraphQL(
  params: GraphQLParams,
  headers?: Record<string, string>,
): Promise<ExecutionResult> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
    },
    body: JSON.stringify(params),
  });
  return response.json();
}

// GraphQL-over-HTTP answers errors with a 4xx and a GraphQL body: show the body, as any
// client would, rather than a failed fetch.
export const fetcher: GraphiQLProps['fetcher'] = (params, options) =>
  postGraphQL(params, options?.headers);
