import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exampleOperations } from '../../examples/operations/index.ts';
import { costLimit } from '../../src/http/cost.ts';
import { sha256 } from '../../src/http/persisted.ts';
import worker from '../../src/index.ts';
import { codes, graphqlRaw, request } from './client.ts';

const post = (contentType: string, body: string) =>
  request('/graphql', { method: 'POST', headers: { 'content-type': contentType }, body });

describe('what executes', () => {
  it('executes only application/json POST bodies; everything else is 415', async () => {
    const json = JSON.stringify({ query: '{ __typename }' });
    expect((await post('application/json', json)).status).toBe(200);
    expect((await post('application/json; charset=utf-8', json)).status).toBe(200);
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/graphql',
      '',
    ]) {
      const res = await post(type, type.includes('form') ? 'query=%7B__typename%7D' : json);
      expect(res.status, type).toBe(415);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('never executes a GET that is not a query', async () => {
    const res = await request(`/graphql?query=${encodeURIComponent('mutation { x }')}`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe('CORS for a public, cookieless API', () => {
  it('answers any origin with a literal * and never allows credentials', async () => {
    const res = await request('/graphql?query=%7B__typename%7D', {
      headers: { origin: 'https://news.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary') ?? '').not.toContain('Origin');
  });

  it('answers a preflight', async () => {
    const res = await request('/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://news.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toContain('content-type');
    expect(res.headers.get('access-control-max-age')).toBe('86400');
  });
});

describe('errors a client sees', () => {
  it('gives no field suggestions and no internals', async () => {
    const { status, body } = await graphqlRaw('{ actr(slug: "x") { name } }');
    expect(status).toBe(400);
    const text = JSON.stringify(body);
    expect(text).not.toContain('Did you mean');
    expect(text).not.toContain('stack');
    expect(text).not.toContain('originalError');
  });
});

describe('query cost', () => {
  it('reports the cost of every response', async () => {
    const { body } = await graphqlRaw('{ actors(first: 10) { nodes { name } } }');
    // actors (1) + 10 × (nodes (1) + name (1))
    expect(body.extensions?.cost).toEqual({ requested: 21, limit: costLimit });
    const refused = await graphqlRaw('{ actr }');
    expect(refused.body.extensions?.cost).toEqual({ requested: 0, limit: costLimit });
  });

  it('sets the limit at about three times the costliest example operation', async () => {
    const costs: number[] = [];
    for (const [name, query] of Object.entries(exampleOperations)) {
      const { body } = await graphqlRaw(query, {
        id: btoa('Actor:sergei-markov'),
        slug: 'sergei-markov',
      });
      expect(body.errors, name).toBeUndefined();
      costs.push(
        (body.extensions?.cost as { requested: number } | undefined)?.requested ?? Number.NaN,
      );
    }
    const costliest = Math.max(...costs);
    expect(costLimit / costliest).toBeGreaterThanOrEqual(2.5);
    expect(costLimit / costliest).toBeLessThanOrEqual(3.5);
  });

  it('refuses an operation over the limit before executing it, naming both numbers', async () => {
    const query =
      '{ statements(first: 100) { nodes { mentions { statements(first: 10) { nodes { text } } } } } }';
    const { status, body } = await graphqlRaw(query);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(body.data).toBeUndefined();
    const requested = (body.extensions?.cost as { requested: number } | undefined)?.requested ?? 0;
    expect(requested).toBeGreaterThan(costLimit);
    expect(body.errors?.[0]?.message).toContain(String(requested));
    expect(body.errors?.[0]?.message).toContain(String(costLimit));
  });

  it('measures the operation a request selects by name', async () => {
    const document =
      'query Cheap { __typename } query Dear { statements(first: 100) { nodes { mentions { statements(first: 10) { nodes { text } } } } } }';
    const res = await request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document, operationName: 'Cheap' }),
    });
    expect(res.status).toBe(200);
  });
});

describe('rate limiting per client IP', () => {
  it('answers 429 with Retry-After once an address has used its allowance', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    // POST: reads answered from the cache would not count.
    const ask = (from: string) =>
      request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': from },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    let refused: Response | undefined;
    // The test configuration allows 20 a minute; a minute boundary may reset the count once.
    for (let i = 0; i < 100 && !refused; i++) {
      const res = await ask(ip);
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(200);
    }
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get('retry-after')).toBe('60');
    const body = (await refused?.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('RATE_LIMITED');
    expect((await ask('203.0.113.7')).status).toBe(200);
  });
});

describe('the request log', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes one JSON line per request with operation, cost, status, duration and cache outcome', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => {
      lines.push(line);
    });
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request('https://newsgraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query Who { actor(slug: "sergei-lavrov") { name } }' }),
      }) as Request<unknown, IncomingRequestCfProperties>,
      { ...env, REQUEST_LOG: 'on' },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      method: 'POST',
      path: '/graphql',
      operation: 'Who',
      cost: 2,
      status: 200,
      durationMs: expect.any(Number),
      cache: expect.stringMatching(/^(HIT|MISS|BYPASS)$/),
    });
  });

  it('names the trusted document a request ran by its hash', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => {
      lines.push(line);
    });
    const hash = await sha256(exampleOperations.NodeById as string);
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      // Variables of its own, so that no other test's cached answer stands in for execution.
      new Request(
        `https://newsgraph.test/graphql?${new URLSearchParams({ documentId: hash, variables: JSON.stringify({ id: btoa(`Actor:${crypto.randomUUID()}`) }) })}`,
        {
          headers: { accept: 'application/graphql-response+json' },
        },
      ) as Request<unknown, IncomingRequestCfProperties>,
      { ...env, REQUEST_LOG: 'on' },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      documentId: hash,
      operation: 'NodeById',
    });
  });
});
