import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { graphqlRaw, request } from './client.ts';

const browser = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

async function expectPlaygroundPage(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/html');
  expect(res.headers.get('content-security-policy')).toContain("connect-src 'self'");
  const html = await res.text();
  expect(html).toContain('<div id="root"></div>');
  return html;
}

describe('the playground', () => {
  it('is served at / with every script and stylesheet from this origin', async () => {
    const html = await expectPlaygroundPage(await request('/', { headers: browser }));
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(urls.length).toBeGreaterThan(1);
    for (const url of urls) expect(url).toMatch(/^\/playground\/assets\//);
  });

  it('is served at /graphql to a browser that sends no operation', async () => {
    const res = await request('/graphql', { headers: browser });
    await expectPlaygroundPage(res);
    expect(res.headers.get('vary')).toContain('accept');
  });

  it('names assets that the static assets hold', async () => {
    const html = await expectPlaygroundPage(await request('/'));
    const script = /src="(\/playground\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    // Asset paths never reach the Worker: the platform serves them from the binding's files.
    const res = await env.ASSETS.fetch(new URL(script ?? '', 'https://newsgraph.test'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
  });

  it('leaves a browser GET with a query to the GraphQL endpoint', async () => {
    const query = encodeURIComponent('{ actor(slug: "sergei-markov") { name } }');
    const res = await request(`/graphql?query=${query}`, { headers: browser });
    expect(res.headers.get('content-type')).not.toContain('text/html');
    expect(await res.json()).toMatchObject({ data: { actor: { name: 'Sergei Markov' } } });
  });

  it('leaves POST /graphql to the GraphQL endpoint', async () => {
    const { status, body } = await graphqlRaw('{ __typename }');
    expect(status).toBe(200);
    expect(body).toMatchObject({ data: { __typename: 'Query' } });
  });
});
