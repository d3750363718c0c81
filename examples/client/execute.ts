import type { TypedDocumentString } from './gql/graphql.ts';

/** A GraphQL error as the API sends it: a message and a stable `extensions.code`. */
export interface ApiError {
  message: string;
  extensions?: { code?: string };
}

export class ApiErrors extends Error {
  constructor(readonly errors: ApiError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

// Variables may be left out only when the operation needs none (all optional or defaulted).
type VariablesArg<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

/**
 * A typed `execute` bound to an endpoint: the result type and the variables come from the
 * document, so `data` needs no cast. `fetch` is a parameter for tests and server rendering.
 */
export function createClient(endpoint: string, fetchImpl: typeof fetch = fetch) {
  return async function execute<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    ...[variables]: VariablesArg<TVariables>
  ): Promise<TResult> {
    const response = await fetchImpl(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
    const body = (await response.json()) as { data?: TResult; errors?: ApiError[] };
    if (body.errors?.length) throw new ApiErrors(body.errors);
    if (body.data === undefined) throw new ApiErrors([{ message: `HTTP ${response.status}` }]);
    return body.data;
  };
}
