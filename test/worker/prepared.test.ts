import { describe, expect, it } from 'vitest';
import { exampleOperations } from '../../examples/operations/index.ts';
import { codes, type GraphQLBody, request } from './client.ts';

// Each test sends documents of its own (a nonce in a comment makes the text new), so that
// every first request meets a document no other test has prepared.
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

/** Which path ran the operation, as Server-Timing says. */
const path = (res: Response) => res.headers.get('server-timing')?.match(/desc="(\w+)"/)?.[1];

/** A response's headers without the two that differ between any two responses. */
const stableHeaders = (res: Response) =>
  [...res.headers].filter(([name]) => name !== 'server-timing' && name !== 'date');

const paged = 'query Paged($n: Int) { statements(first: $n) { totalCount nodes { slug } } }';

describe('prepared operations', () => {
  it('answer a document Yoga has run before byte for byte as Yoga did, for every example and media type', async () => {
    for (const [name, document] of Object.entries(exampleOperations)) {
      for (const accept of ['application/graphql-response+json', 'application/json', undefined]) {
        const query = nonce() + document;
        const first = await post(query, undefined, accept);
        const second = await post(query, undefined, accept);
        expect([path(first), path(second)], name).toEqual(['yoga', 'prepared']);
        expect(second.status, name).toBe(first.status);
        expect(stableHeaders(second), name).toEqual(stableHeaders(first));
        const body = await first.text();
        expect(JSON.parse(body).errors, name).toBeUndefined();
        expect(await second.text(), name).toBe(body);
      }
    }
  });

  it('run a document prepared by a POST for a GET with other variables, and the other way round', async () => {
    const query = nonce() + paged;
    const byPost = await post(query, { n: 2 }, 'application/graphql-response+json');
    expect(path(byPost)).toBe('yoga');
    const byGet = await get(query, { n: 3 });
    expect(path(byGet)).toBe('prepared');
    expect(byGet.headers.get('x-cache')).toBe('MISS');
    const { data } = (await byGet.json()) as GraphQLBody<{
      statements: { nodes: { slug: string }[] };
    }>;
    expect(data?.statements.nodes).toHaveLength(3);
    expect(path(await post(query, { n: 4 }, 'application/graphql-response+json'))).toBe('prepared');
  });

  it('leave every error to Yoga, reported as it reports it for a new document', async () => {
    const query = nonce() + paged;
    expect(path(await post(query, { n: 2 }))).toBe('yoga');
    const cases: [Record<string, unknown>, string][] = [
      [{ n: 500 }, 'BAD_USER_INPUT'],
      [{ n: 'many' }, 'BAD_USER_INPUT'],
    ];
    for (const [variables, code] of cases) {
      const res = await post(query, variables);
      expect(path(res), JSON.stringify(variables)).toBe('yoga');
      expect(res.status).toBe(400);
      expect(codes((await res.json()) as GraphQLBody)).toEqual([code]);
    }
  });

  it('leave a body with a parameter GraphQL over HTTP does not define to Yoga, which refuses it', async () => {
    const query = nonce() + paged;
    expect((await post(query, { n: 1 })).status).toBe(200);
    const res = await request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { n: 1 }, page: 2 }),
    });
    expect(path(res)).toBe('yoga');
    expect(res.status).toBe(400);
    expect(codes((await res.json()) as GraphQLBody)).toEqual(['BAD_REQUEST']);
  });

  it('refuse a prepared document whose variables price it over the cost limit', async () => {
    const query =
      nonce() +
      'query Costly($n: Int) { statements(first: $n) { nodes { mentions { statements(first: 10) { nodes { text } } } } } }';
    const cheap = await post(query, { n: 1 });
    expect(cheap.status).toBe(200);
    const costly = await post(query, { n: 100 });
    expect(path(costly)).toBe('yoga');
    expect(costly.status).toBe(400);
    expect(codes((await costly.json()) as GraphQLBody)).toEqual(['COST_LIMIT_EXCEEDED']);
  });

  it('report the cost of the variables they run with', async () => {
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
