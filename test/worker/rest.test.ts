import { Validator } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import committed from '../../schema/openapi.json?raw';
import { openApiDocument } from '../../scripts/openapi.ts';
import { restRoutes } from '../../src/http/rest/routes.ts';
import { schema } from '../../src/schema/index.ts';
import { codes, type GraphQLBody, graphql, graphqlRaw, request } from './client.ts';

// The REST twin, through the Worker in workerd: the same records, pages, filters, limits,
// codes and caching as GraphQL, on either store.

async function rest<T = Record<string, unknown>>(path: string, init?: RequestInit) {
  const res = await request(path, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text || 'null') as T };
}

interface Link {
  id: string;
  slug: string;
}
interface Page<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}
interface Statement {
  slug: string;
  kind: string;
  text: string;
  speaker: Link;
  excerpt: { start: number; end: number; text: string };
}

describe('the REST twin', () => {
  it('gives an actor by slug, with related records as links to their own routes', async () => {
    const { status, headers, body } = await rest<Record<string, unknown>>(
      '/rest/actor/sergei-markov',
    );
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^application\/json/);
    const data = await graphql<{ actor: Record<string, unknown> }>(
      `{ actor(slug: "sergei-markov") { id slug name kind roles aliases excerpts { start end text } } }`,
    );
    expect(body).toMatchObject(data.actor);
    expect(body.name).toBe('Sergei Markov');
    // A paged relation is the list route's, filtered: not repeated in the record.
    expect(body).not.toHaveProperty('statements');
  });

  it('answers 404 NOT_FOUND for a slug that names nothing, and for a route that does not exist', async () => {
    for (const path of ['/rest/actor/no-such-actor', '/rest/actor', '/rest/nothing', '/rest/']) {
      const { status, body } = await rest<GraphQLBody>(path);
      expect(status, path).toBe(404);
      expect(codes(body), path).toEqual(['NOT_FOUND']);
    }
  });

  it('documents the 404 of a lookup route, where its GraphQL field answers null', () => {
    const document = JSON.parse(committed) as {
      paths: Record<string, { get: { summary: string; description: string; responses: object } }>;
    };
    const lookups = Object.entries(document.paths).filter(([path]) => path.includes('{slug}'));
    expect(lookups.length).toBeGreaterThanOrEqual(8);
    for (const [path, { get }] of lookups) {
      expect(`${get.summary}\n${get.description}`, path).not.toMatch(/\bnull\b/);
      expect(get.responses, path).toHaveProperty('404');
    }
  });

  it('pages a filtered list exactly as GraphQL does, cursors included', async () => {
    const query = `query ($after: String) {
      statements(first: 3, after: $after, filter: { speaker: ["sergei-markov"] }) {
        totalCount edges { cursor node { slug text } } pageInfo { endCursor hasNextPage }
      }
    }`;
    const first = await rest<Page<Statement>>('/rest/statements?speaker=sergei-markov&first=3');
    expect(first.status).toBe(200);
    const { statements } = await graphql<{ statements: Page<Statement> }>(query);
    expect(first.body.totalCount).toBe(statements.totalCount);
    expect(first.body.edges.map((e) => [e.cursor, e.node.slug, e.node.text])).toEqual(
      statements.edges.map((e) => [e.cursor, e.node.slug, e.node.text]),
    );
    for (const edge of first.body.edges) expect(edge.node.speaker.slug).toBe('sergei-markov');

    const after = first.body.pageInfo.endCursor ?? '';
    const second = await rest<Page<Statement>>(
      `/rest/statements?speaker=sergei-markov&first=3&after=${encodeURIComponent(after)}`,
    );
    const next = await graphql<{ statements: Page<Statement> }>(query, { after });
    expect(second.body.edges.map((e) => e.node.slug)).toEqual(
      next.statements.edges.map((e) => e.node.slug),
    );
  });

  it('answers a page with nothing in it with null cursors, as GraphQL does', async () => {
    const { status, body } = await rest('/rest/statements?speaker=no-such-actor&first=3');
    expect(status).toBe(200);
    expect(body).toEqual({
      totalCount: 0,
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it('takes a list filter repeated or comma-separated', async () => {
    const repeated = await rest<Page<Statement>>(
      '/rest/statements?kind=DIRECT_QUOTE&kind=PARAPHRASE&first=30',
    );
    const joined = await rest<Page<Statement>>(
      '/rest/statements?kind=DIRECT_QUOTE,PARAPHRASE&first=30',
    );
    expect(repeated.status).toBe(200);
    expect(joined.body).toEqual(repeated.body);
    const kinds = new Set(repeated.body.edges.map((e) => e.node.kind));
    expect([...kinds].sort()).toEqual(['DIRECT_QUOTE', 'PARAPHRASE']);
  });

  it('refuses what GraphQL refuses, with the same code and a 4xx', async () => {
    const graphqlCap = await graphqlRaw('{ statements(first: 500) { totalCount } }');
    const restCap = await rest<GraphQLBody>('/rest/statements?first=500');
    expect(restCap.status).toBeGreaterThanOrEqual(400);
    expect(restCap.status).toBeLessThan(500);
    expect(codes(restCap.body)).toEqual(codes(graphqlCap.body));

    for (const path of [
      '/rest/statements?first=abc',
      '/rest/statements?kind=SHOUTED',
      '/rest/statements?after=not-a-cursor',
      '/rest/search?query=ceasefire&first=-1',
    ]) {
      const { status, body } = await rest<GraphQLBody>(path);
      expect(status, path).toBe(400);
      expect(body.errors?.[0]?.extensions?.code, path).toMatch(/^[A-Z_]+$/);
      expect(JSON.stringify(body), path).not.toMatch(/at \w+ \(|\.ts:\d+/);
    }
  });

  it('refuses a parameter the route does not have, and a missing one it needs', async () => {
    const unknown = await rest<GraphQLBody>('/rest/statements?speakr=sergei-markov');
    expect(unknown.status).toBe(400);
    expect(codes(unknown.body)).toEqual(['BAD_REQUEST']);
    expect(unknown.body.errors?.[0]?.message).toContain('speakr');
    const missing = await rest<GraphQLBody>('/rest/search');
    expect(missing.status).toBe(400);
    expect(missing.body.errors?.[0]?.message).toContain('query');
  });

  it('answers GET only', async () => {
    const res = await request('/rest/actors', { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('searches with scores, highlights and the type of each hit', async () => {
    const { status, body } = await rest<{
      edges: { score: number; highlights: { text: string }[]; node: { __typename: string } }[];
    }>('/rest/search?query=ceasefire&first=5');
    expect(status).toBe(200);
    const { search } = await graphql<{
      search: { edges: { score: number; node: { __typename: string } }[] };
    }>('{ search(query: "ceasefire", first: 5) { edges { score node { __typename } } } }');
    expect(body.edges.map((e) => [e.node.__typename, e.score])).toEqual(
      search.edges.map((e) => [e.node.__typename, e.score]),
    );
    expect(body.edges[0]?.highlights[0]?.text.toLowerCase()).toContain('ceasefire');
  });

  it('is cached like a GraphQL GET: ETag, 304, the memory hit, the data version', async () => {
    const path = '/rest/meetings?first=2';
    const miss = await request(path);
    expect(miss.status).toBe(200);
    const etag = miss.headers.get('etag');
    expect(etag).toMatch(/^"/);
    expect(miss.headers.get('cache-control')).toContain('s-maxage');
    expect(miss.headers.get('x-data-version')).toBeTruthy();
    const body = await miss.text();

    const hit = await request(path);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(await hit.text()).toBe(body);
    expect(hit.headers.get('etag')).toBe(etag);

    const revalidated = await request(path, { headers: { 'if-none-match': etag ?? '' } });
    expect(revalidated.status).toBe(304);

    const refused = await request('/rest/actor/no-such-actor');
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });

  it('counts against the same per-client rate limit', async () => {
    const from = '203.0.113.77';
    const statuses: number[] = [];
    // The test configuration allows 20 a minute; a minute boundary may reset the count once.
    for (let i = 0; i < 100; i++) {
      // A new key each time: a cached answer would not count.
      const res = await request(`/rest/statements?first=${(i % 20) + 1}&speaker=s${i}`, {
        headers: { 'cf-connecting-ip': from },
      });
      statuses.push(res.status);
      if (res.status === 429) {
        const body = (await res.json()) as GraphQLBody;
        expect(codes(body)).toEqual(['RATE_LIMITED']);
        expect(res.headers.get('retry-after')).toBeTruthy();
        break;
      }
      await res.arrayBuffer();
    }
    expect(statuses).toContain(429);
  });
});

describe('the OpenAPI document', () => {
  it('is served at /openapi.json exactly as committed (run `npm run schema` after a change)', async () => {
    const res = await request('/openapi.json');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(committed);
  });

  it('is what the code generates from the routes the Worker serves (run `npm run schema` after a change)', () => {
    const generated = `${JSON.stringify(openApiDocument(schema, restRoutes(schema)), null, 2)}\n`;
    expect(generated).toBe(committed);
  });

  it('describes every operation and parameter, and lists every route the Worker serves', async () => {
    const document = JSON.parse(committed) as {
      openapi: string;
      paths: Record<
        string,
        { get: { summary: string; description: string; parameters: { description: string }[] } }
      >;
    };
    expect(document.openapi).toBe('3.1.0');
    const paths = Object.keys(document.paths);
    expect(paths).toContain('/rest/actor/{slug}');
    expect(paths).toContain('/rest/statements');
    expect(paths).toContain('/articles/{slug}.jsonld');
    for (const [path, { get }] of Object.entries(document.paths)) {
      expect(get.summary, path).toBeTruthy();
      expect(get.description, path).toBeTruthy();
      for (const parameter of get.parameters) expect(parameter.description, path).toBeTruthy();
      if (!path.startsWith('/rest/')) continue;
      const concrete = path.replace('{slug}', 'sergei-markov').replace('search', 'search?query=x');
      const res = await request(concrete);
      expect(res.status, concrete).not.toBe(500);
      await res.arrayBuffer();
    }
  });

  it('gives each list route the largest page it takes, and that page is taken', async () => {
    const document = JSON.parse(committed) as {
      paths: Record<
        string,
        { get: { parameters: { name: string; schema: { maximum?: number } }[] } }
      >;
    };
    for (const [path, { get }] of Object.entries(document.paths)) {
      const largest = get.parameters.find((p) => p.name === 'first')?.schema.maximum;
      if (largest === undefined) continue;
      expect(largest, path).toBeGreaterThanOrEqual(20);
      const base = path === '/rest/search' ? `${path}?query=ceasefire&` : `${path}?`;
      const taken = await request(`${base}first=${largest}`);
      expect(taken.status, path).toBe(200);
      await taken.arrayBuffer();
      if (largest === 100) continue;
      const over = await rest<GraphQLBody>(`${base}first=${largest + 1}`);
      expect(over.status, path).toBe(400);
      expect(codes(over.body), path).toEqual(['COST_LIMIT_EXCEEDED']);
    }
  });

  it('describes what each route answers: the answers validate against their response schemas', async () => {
    const document = JSON.parse(committed) as {
      paths: Record<string, { get: { responses: Record<string, Described> } }>;
      components: { schemas: Record<string, object> };
    };
    interface Described {
      content?: Record<string, { schema: Record<string, unknown> }>;
    }
    const examples: Record<string, string> = {
      '/rest/actor/{slug}': '/rest/actor/sergei-markov',
      '/rest/article/{slug}': '/rest/article/istanbul-talks-2025',
      '/rest/statement/{slug}': '/rest/statement/lavrov-intrigue',
      '/rest/search': '/rest/search?query=istanbul&first=30',
      '/rest/statements': '/rest/statements?first=34',
      '/rest/actors': '/rest/actors?first=76',
      '/rest/meetings': '/rest/meetings?first=41',
      '/rest/draft-clauses': '/rest/draft-clauses?first=31',
      '/rest/topics': '/rest/topics?first=91',
      '/rest/articles': '/rest/articles',
      '/rest/draft-agreements': '/rest/draft-agreements',
    };
    let validated = 0;
    for (const [path, concrete] of Object.entries(examples)) {
      const schema =
        document.paths[path]?.get.responses['200']?.content?.['application/json']?.schema;
      expect(schema, path).toBeDefined();
      // The response schema with the document's components beside it, for its $refs.
      const validator = new Validator(
        { ...schema, components: document.components } as never,
        '2020-12',
        false,
      );
      const { status, body } = await rest(concrete);
      expect(status, concrete).toBe(200);
      const result = validator.validate(body);
      expect(result.errors.slice(0, 3), concrete).toEqual([]);
      // And the schema is no formality: an answer missing its fields, or with one more, fails.
      expect(validator.validate({ ...(body as object), unexpected: 1 }).valid, concrete).toBe(
        false,
      );
      expect(validator.validate({}).valid, concrete).toBe(false);
      validated += 1;
    }
    expect(validated).toBe(Object.keys(examples).length);
  });
});
