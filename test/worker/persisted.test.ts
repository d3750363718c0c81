import { describe, expect, it } from 'vitest';
import { exampleOperations } from '../../examples/operations/index.ts';
import { sha256 } from '../../src/http/persisted.ts';
import { request } from './client.ts';

interface Body {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function get(params: Record<string, string>) {
  const res = await request(`/graphql?${new URLSearchParams(params)}`, {
    headers: { accept: 'application/graphql-response+json' },
  });
  return { res, body: (await res.json()) as Body };
}

const apq = (hash: string) => JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });

describe('trusted documents', () => {
  it('runs an example operation by the sha256 of its document', async () => {
    const document = exampleOperations.DraftAgreementClauses as string;
    const hash = await sha256(document);
    for (const documentId of [hash, `sha256:${hash}`]) {
      const { res, body } = await get({ documentId });
      expect(res.status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(JSON.stringify(body.data)).toContain('ukrainian-neutrality');
    }
  });

  it('refuses a request that sends both a query and a documentId, by GET or POST', async () => {
    const hash = await sha256(exampleOperations.DraftAgreementClauses as string);
    const { res, body } = await get({ documentId: hash, query: '{ __typename }' });
    expect(res.status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    const posted = await request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ documentId: hash, query: '{ __typename }' }),
    });
    expect(posted.status).toBe(400);
    expect(((await posted.json()) as Body).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    const { res, body } = await get({ documentId: 'f'.repeat(64) });
    expect(res.status).toBe(404);
    expect(body.errors?.[0]).toMatchObject({
      message: 'PersistedQueryNotFound',
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    });
  });

  it('still runs arbitrary queries: a public API', async () => {
    const { res } = await get({ query: '{ __typename }' });
    expect(res.status).toBe(200);
  });
});

describe('automatic persisted queries (Apollo Client, urql)', () => {
  it('asks for the query, registers it on POST, then runs it by hash alone', async () => {
    const query = `# ${crypto.randomUUID()}\n{ actor(slug: "sergei-lavrov") { name } }`;
    const hash = await sha256(query);

    const unknown = await get({ extensions: apq(hash) });
    expect(unknown.res.status).toBe(404);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: JSON.parse(apq(hash)) }),
    });
    expect(registered.status).toBe(200);
    expect(((await registered.json()) as Body).data).toEqual({ actor: { name: 'Sergei Lavrov' } });

    const byHash = await get({ extensions: apq(hash) });
    expect(byHash.res.status).toBe(200);
    expect(byHash.body.data).toEqual({ actor: { name: 'Sergei Lavrov' } });
  });

  it('refuses a hash that does not match its query', async () => {
    const res = await request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ __typename }',
        extensions: JSON.parse(apq('0'.repeat(64))),
      }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Body;
    expect(body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });
});
