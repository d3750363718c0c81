import { describe, expect, it } from 'vitest';
import { exampleOperations } from '../../examples/operations/index.ts';
import { codes, type GraphQLBody, request } from './client.ts';

// A document asked again is parsed, validated and priced from what the isolate remembers of
// it: these hold that what it remembers never changes an answer. Each test sends documents
// of its own (a nonce in a comment makes the text new), so that every first request meets a
// document no other test has sent.
const nonce = () => `# ${crypto.randomUUID()}\n`;

function post(query: string, variables?: Record<string, unknown>, accept?: string) {
  return request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
    body: JSON.stringify({ query, variables }),
  });
}

function get(query: string, variables?: Record<string, unknown>) {
  const params = new URLSearchParams({ query });
  if (variables) params.set('variables', JSON.stringify(variables));
  return request(`/graphql?${params}`, {
    headers: { accept: 'application/graphql-response+json' },
  });
}

/** A response's headers without the two that differ between any two responses. */
const stableHeaders = (res: Response) =>
  [...res.headers].filter(([name]) => name !== 'server-timing' && name !== 'date');

const paged = 'query Paged($n: Int) { statements(first: $n) { totalCount nodes { slug } } }';

describe('a document asked again', () => {
  it('is answered byte for byte as it was the first time, for every example and media type', async () => {
    for (const [name, document] of Object.entries(exampleOperations)) {
      for (const accept of ['application/graphql-response+json', 'application/json', undefined]) {
        const query = nonce() + document;
        const first = await post(query, undefined, accept);
        const second = await post(query, undefined, accept);
        expect(second.status, name).toBe(first.status);
        expect(stableHeaders(second), name).toEqual(stableHeaders(first));
        const body = await first.text();
        expect(JSON.parse(body).errors, name).toBeUndefined();
        expect(await second.text(), name).toBe(body);
      }
    }
  });

  it('runs with each request’s variables, by POST and by GET alike', async () => {
    const query = nonce() + paged;
    expect((await post(query, { n: 2 }, 'application/graphql-response+json')).status).toBe(200);
    const byGet = await get(query, { n: 3 });
    expect(byGet.headers.get('x-cache')).toBe('MISS');
    const { data } = (await byGet.json()) as GraphQLBody<{
      statements: { nodes: { slug: string }[] };
    }>;
    expect(data?.statements.nodes).toHaveLength(3);
  });

  it('reports an error as it does for a new document, however often it is sent', async () => {
    const query = nonce() + paged;
    expect((await post(query, { n: 2 })).status).toBe(200);
    const cases: [Record<string, unknown>, string][] = [
      [{ n: 500 }, 'BAD_USER_INPUT'],
      [{ n: 'many' }, 'BAD_USER_INPUT'],
    ];
    for (const [variables, code] of cases) {
      const bodies: string[] = [];
      for (let i = 0; i < 2; i++) {
        const res = await post(query, variables);
        expect(res.status).toBe(400);
        const body = await res.text();
        expect(codes(JSON.parse(body) as GraphQLBody)).toEqual([code]);
        bodies.push(body);
      }
      expect(bodies[1], JSON.stringify(variables)).toBe(bodies[0]);
    }
    for (let i = 0; i < 2; i++) {
      const invalid = await post(`${nonce()}{ nothing }`);
      expect(invalid.status).toBe(200);
      expect(codes((await invalid.json()) as GraphQLBody)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
  });

  it('refuses a body with a parameter GraphQL over HTTP does not define, even for a known document', async () => {
    const query = nonce() + paged;
    expect((await post(query, { n: 1 })).status).toBe(200);
    const res = await request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { n: 1 }, page: 2 }),
    });
    expect(res.status).toBe(400);
    expect(codes((await res.json()) as GraphQLBody)).toEqual(['BAD_REQUEST']);
  });

  it('is refused when its variables price it over the cost limit', async () => {
    const query =
      nonce() +
      'query Costly($n: Int) { statements(first: $n) { nodes { mentions { statements(first: 10) { nodes { text } } } } } }';
    const cheap = await post(query, { n: 1 });
    expect(cheap.status).toBe(200);
    const costly = await post(query, { n: 100 });
    expect(costly.status).toBe(400);
    expect(codes((await costly.json()) as GraphQLBody)).toEqual(['COST_LIMIT_EXCEEDED']);
  });

  it('reports the cost of the variables it runs with', async () => {
    const query = nonce() + paged;
    const costs: unknown[] = [];
    for (const n of [1, 10, 1, 10]) {
      const body = (await (await post(query, { n })).json()) as GraphQLBody;
      costs.push((body.extensions?.cost as { requested?: number } | undefined)?.requested);
    }
    expect(costs[0]).toBeLessThan(costs[1] as number);
    expect(costs.slice(2)).toEqual(costs.slice(0, 2));
  });
});
