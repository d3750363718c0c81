import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';

// Requests into the Worker under test: through its real fetch handler, in workerd.

export const origin = 'https://newsgraph.test';

export function request(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${origin}${path}`, init));
}

export interface GraphQLBody<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export interface RawResult<T> {
  status: number;
  headers: Headers;
  body: GraphQLBody<T>;
}

/** POSTs an operation and returns status, headers and body as they came, errors included. */
export async function graphqlRaw<T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
): Promise<RawResult<T>> {
  const res = await request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLBody<T> };
}

/** POSTs an operation and returns its data; fails the test loudly if there are any errors. */
export async function graphql<T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const { status, body } = await graphqlRaw<T>(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(status).toBe(200);
  return body.data as T;
}

/** The stable codes of a response's errors, in order. */
export function codes(body: GraphQLBody<unknown>): unknown[] {
  return (body.errors ?? []).map((e) => e.extensions?.code);
}
