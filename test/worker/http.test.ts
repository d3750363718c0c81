import { describe, expect, it } from 'vitest';
import { graphqlRaw, request } from './client.ts';

describe('the HTTP surface', () => {
  it('reports health with a content hash of the data', async () => {
    const res = await request('/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; dataVersion: string };
    expect(body.ok).toBe(true);
    expect(body.dataVersion).toMatch(/^[0-9a-f]{16}$/);
  });

  it('answers unknown paths with a 404 in the GraphQL error shape', async () => {
    const res = await request('/nope');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('executes a query sent as GET', async () => {
    const query = encodeURIComponent('{ actor(slug: "vladimir-putin") { name } }');
    const res = await request(`/graphql?query=${query}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/graphql-response+json');
    expect(await res.json()).toMatchObject({ data: { actor: { name: 'Vladimir Putin' } } });
  });

  it('answers a client that accepts only application/json in that media type', async () => {
    const res = await request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: '{ actor(slug: "sergei-lavrov") { name } }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ data: { actor: { name: 'Sergei Lavrov' } } });
  });

  it('answers POST with the GraphQL-over-HTTP media type', async () => {
    const { status, headers, body } = await graphqlRaw('{ __typename }');
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('application/graphql-response+json');
    expect(body).toMatchObject({ data: { __typename: 'Query' } });
  });
});
