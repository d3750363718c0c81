import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sharedCache, sharedKey } from '../../src/http/cache.ts';
import { sharedName } from '../../src/http/graphql.ts';
import { type OperationParams, readGet } from '../../src/http/request.ts';
import worker from '../../src/index.ts';
import { origin, request } from './client.ts';

// Each test asks its own query (a nonce in a comment changes the document's hash), so that no
// test meets another's cache entries.
const nonce = () => `# ${crypto.randomUUID()}\n`;

function get(query: string, variables?: Record<string, unknown>, headers: HeadersInit = {}) {
  const params = new URLSearchParams({ query });
  if (variables) params.set('variables', JSON.stringify(variables));
  return request(`/graphql?${params}`, {
    headers: { accept: 'application/graphql-response+json', ...headers },
  });
}

const lavrov = 'query Who($slug: String!) { actor(slug: $slug) { name roles } }';

/**
 * A GET straight into the Worker's fetch handler with its vars changed: how a deployment
 * without Workers Cache (`CACHE_API = "on"`) answers. Waits for what it stores afterwards.
 */
async function getWith(
  vars: Partial<typeof env>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<Response> {
  const params = new URLSearchParams({ query });
  if (variables) params.set('variables', JSON.stringify(variables));
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`${origin}/graphql?${params}`, {
      headers: { accept: 'application/graphql-response+json' },
    }) as Parameters<typeof worker.fetch>[0],
    { ...env, ...vars },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe('HTTP caching of reads', () => {
  it('serves a second identical GET from the cache, byte for byte', async () => {
    const query = nonce() + lavrov;
    const first = await get(query, { slug: 'sergei-lavrov' });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(first.headers.get('server-timing')).toMatch(/^exec;dur=/);
    const firstBody = await first.text();
    expect(JSON.parse(firstBody).data.actor.name).toBe('Sergei Lavrov');

    const second = await get(query, { slug: 'sergei-lavrov' });
    expect(second.headers.get('x-cache')).toBe('HIT');
    // From the isolate's memory, no timing worth a header; from the Cache API, the lookup's.
    expect([null, expect.stringMatching(/^cache;desc="hit"/)]).toContainEqual(
      second.headers.get('server-timing'),
    );
    expect(await second.text()).toBe(firstBody);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  it('treats other variables as another entry', async () => {
    const query =
      nonce() +
      'query($first: Int, $kind: [ActorKind!]) { actors(first: $first, filter: { kind: $kind }) { totalCount } }';
    expect((await get(query, { first: 2, kind: ['PERSON'] })).headers.get('x-cache')).toBe('MISS');
    expect((await get(query, { first: 3, kind: ['PERSON'] })).headers.get('x-cache')).toBe('MISS');
    expect((await get(query, { first: 2, kind: ['PERSON'] })).headers.get('x-cache')).toBe('HIT');
  });

  it('with CACHE_API on, finds equal variables in any key order in caches.default', async () => {
    const query =
      nonce() +
      'query($first: Int, $kind: [ActorKind!]) { actors(first: $first, filter: { kind: $kind }) { totalCount } }';
    const on = { CACHE_API: 'on' };
    const first = await getWith(on, query, { first: 2, kind: ['PERSON'] });
    expect(first.headers.get('x-cache')).toBe('MISS');
    const reordered = await getWith(on, query, { kind: ['PERSON'], first: 2 });
    expect(reordered.headers.get('x-cache')).toBe('HIT');
    expect(reordered.headers.get('server-timing')).toMatch(/^cache;desc="hit";dur=/);
    expect(await reordered.text()).toBe(await first.text());
  });

  it('marks a success cacheable at the edge, with a strong ETag, Vary and the data version’s tag', async () => {
    const res = await get(nonce() + lavrov, { slug: 'sergei-lavrov' });
    const version = res.headers.get('x-data-version');
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    expect(res.headers.get('cache-control')).toBe(
      'public, max-age=60, s-maxage=86400, stale-while-revalidate=604800',
    );
    expect(res.headers.get('etag')).toMatch(new RegExp(`^"${version}-[0-9a-z]+"$`));
    expect(res.headers.get('vary')).toBe('Accept');
    expect(res.headers.get('cache-tag')).toBe(`newsgraph,newsgraph-data-${version}`);
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const query = nonce() + lavrov;
    const first = await get(query, { slug: 'sergei-lavrov' });
    const etag = first.headers.get('etag') as string;
    const again = await get(
      query,
      { slug: 'sergei-lavrov' },
      { 'if-none-match': `W/${etag}, "other"` },
    );
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const other = await get(query, { slug: 'sergei-markov' }, { 'if-none-match': etag });
    expect(other.status).toBe(200);
  });

  it('never caches errors', async () => {
    const query = `${nonce()}{ statements(first: 500) { totalCount } }`;
    for (let i = 0; i < 2; i++) {
      const res = await get(query);
      expect(res.status).toBe(400);
      expect(res.headers.get('x-cache')).toBe('MISS');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('etag')).toBeNull();
    }
    const invalid = await get(`${nonce()}{ nope }`);
    expect(invalid.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps POST out of the edge cache', async () => {
    const res = await request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-cache')).toBe('BYPASS');
  });

  it('states the data version on every response', async () => {
    const health = (await (await request('/healthz')).json()) as { dataVersion: string };
    for (const path of [
      '/healthz',
      '/schema.graphql',
      '/nope',
      '/graphql?query=%7B__typename%7D',
    ]) {
      expect((await request(path)).headers.get('x-data-version'), path).toBe(health.dataVersion);
    }
  });

  it('does not count cache hits against the rate limit', async () => {
    const query = nonce() + lavrov;
    const from = { 'cf-connecting-ip': '192.0.2.77' };
    expect((await get(query, { slug: 'sergei-lavrov' }, from)).status).toBe(200);
    // The test configuration allows 20 requests a minute per address.
    for (let i = 0; i < 30; i++) {
      const res = await get(query, { slug: 'sergei-lavrov' }, from);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-cache')).toBe('HIT');
    }
  });

  it('stores a miss in caches.default only with CACHE_API on: off as deployed, behind Workers Cache', async () => {
    expect(env.CACHE_API).toBe('off');
    for (const [setting, stored] of [
      [undefined, false],
      ['off', false],
      ['on', true],
    ] as const) {
      const variables = { slug: 'sergei-lavrov' };
      const query = nonce() + lavrov;
      const res = await getWith({ CACHE_API: setting }, query, variables);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-cache')).toBe('MISS');
      const url = new URL(`${origin}/graphql?${new URLSearchParams({ query })}`);
      const params = { ...(readGet(url) as OperationParams), variables };
      const version = res.headers.get('x-data-version') ?? '';
      const key = await sharedKey(sharedName(params, 'application/graphql-response+json'), version);
      const cached = await sharedCache().match(key);
      expect(cached !== undefined, `CACHE_API=${setting}`).toBe(stored);
    }
  });
});
