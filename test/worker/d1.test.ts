import { env } from 'cloudflare:workers';
import { type ASTNode, parse, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import { exampleOperations } from '../../examples/operations/index.ts';
import worker from '../../src/index.ts';
import { graphqlRaw, origin } from './client.ts';

/** How deep an operation's fields nest: a field at the root is one level. */
function levels(document: ASTNode): number {
  let depth = 0;
  let deepest = 0;
  visit(document, {
    Field: {
      enter: () => {
        depth++;
        deepest = Math.max(deepest, depth);
      },
      leave: () => {
        depth--;
      },
    },
  });
  return deepest;
}

const d1 = describe.skipIf(!env.DB);

d1('the D1 store', () => {
  it('makes at most one query per level of the selection for every example operation', async () => {
    for (const [name, text] of Object.entries(exampleOperations)) {
      const { body } = await graphqlRaw(text);
      expect(body.errors, name).toBeUndefined();
      const queries = (body.extensions?.d1 as { queries: number } | undefined)?.queries ?? 0;
      expect(queries, name).toBeGreaterThan(0);
      expect(queries, name).toBeLessThanOrEqual(levels(parse(text)));
    }
  });

  it('loads an actor with 25 statements and their speakers in a handful of queries, not 27', async () => {
    const { body } = await graphqlRaw<{
      actor: { statements: { totalCount: number; nodes: { speaker: { name: string } }[] } };
    }>(
      `{ actor(slug: "sergei-markov") { name statements(first: 25) { totalCount nodes { text speaker { name } topics { name } } } } }`,
    );
    expect(body.data?.actor.statements.nodes).toHaveLength(25);
    expect(body.data?.actor.statements.nodes[0]?.speaker.name).toBe('Sergei Markov');
    // The actor, the page of statements and their topics: the speaker is the actor, loaded
    // already, and every statement's topics come in one query.
    expect(body.extensions?.d1).toEqual({ queries: 3 });
  });

  it('ranks a search and reads its hits in one query', async () => {
    const { body } = await graphqlRaw<{ search: { edges: { node: { text?: string } }[] } }>(
      '{ search(query: "ceasefire", first: 5, kinds: [STATEMENT]) { totalCount edges { score node { ... on Statement { text } } } } }',
    );
    expect(body.data?.search.edges).toHaveLength(5);
    expect(body.data?.search.edges[0]?.node.text).toBeTruthy();
    // The words' expansions, the scored page and each hit's record, in one statement.
    expect(body.extensions?.d1).toEqual({ queries: 1 });
  });

  it('batches one list for many owners: each actor of a page with its statements', async () => {
    const { body } = await graphqlRaw<{
      actors: { nodes: { statements: { totalCount: number } }[] };
    }>(
      '{ actors(first: 30) { nodes { name statements(first: 2) { totalCount nodes { slug } } } } }',
    );
    expect(body.data?.actors.nodes.length).toBe(30);
    expect(body.extensions?.d1).toEqual({ queries: 2 });
  });
});

/** A POST into the Worker with `db` bound as DB, or with none (the bundle serves). */
function post(db: D1Database | undefined, query: string, variables?: object): Promise<Response> {
  const ctx = {
    waitUntil() {},
    passThroughOnException() {},
    props: {},
  } as unknown as ExecutionContext;
  const request = new Request(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return worker.fetch(request as never, { ...env, DB: db } as typeof env, ctx);
}

/**
 * A database that records each statement run against it (its `first`, `all`, `run` or `raw`,
 * and each statement of a batch), whatever the statement's answer.
 */
function counted(database: D1Database): { db: D1Database; calls: () => string[] } {
  const log: string[] = [];
  const statement = (prepared: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(prepared, {
      get(target, name) {
        const value = Reflect.get(target, name, target) as unknown;
        if (typeof value !== 'function') return value;
        if (name === 'bind') {
          return (...params: unknown[]) => statement(target.bind(...params));
        }
        if (['first', 'all', 'run', 'raw'].includes(String(name))) log.push(String(name));
        return value.bind(target);
      },
    });
  const db = new Proxy(database, {
    get(target, name) {
      if (name === 'prepare') return (sql: string) => statement(target.prepare(sql));
      if (name === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          for (const _ of statements) log.push('batch');
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, name, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, calls: () => [...log] };
}

/** An operation's data and status, from D1 or from the bundle. */
async function answer(db: D1Database | undefined, query: string, variables?: object) {
  const res = await post(db, query, variables);
  const body = (await res.json()) as { data?: unknown; errors?: unknown };
  return { status: res.status, data: body.data, errors: body.errors };
}

/**
 * What both stores must agree on. Search ranks by each store's own scores (MiniSearch's, FTS5's
 * bm25): a relevance search agrees on which records match and how many, not on their order or
 * scores, so its hits are compared as a set; every other list, a NEWEST search's included, in
 * order.
 */
function comparable(answer: unknown, query: string): unknown {
  const relevance = /search\(/.test(query) && !/NEWEST/.test(query);
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      const items = value.map(strip);
      return relevance
        ? items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
        : items;
    }
    if (value && typeof value === 'object') {
      const { totalCount } = value as { totalCount?: number };
      // A relevance page short of every hit holds each store's best: only its count compares.
      const partial = (v: unknown) =>
        relevance && Array.isArray(v) && totalCount !== undefined && v.length < totalCount;
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k, v]) => k !== 'score' && !(relevance && k === 'cursor') && !partial(v))
          .map(([k, v]) => [k, strip(v)]),
      );
    }
    return value;
  };
  return strip(answer);
}

d1('the two stores', () => {
  it('give the same answers: pages, cursors, orders, totals, offsets and search hits', async () => {
    const cases: [string, object?][] = [
      ...Object.values(exampleOperations).map((text): [string] => [text]),
      [
        '{ statements(last: 7) { totalCount edges { cursor node { slug excerpt { paragraph start end text } } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }',
      ],
      [
        '{ statements(last: 5, before: "T2Zmc2V0Q29ubmVjdGlvbjo5OTk=") { totalCount nodes { slug } pageInfo { startCursor endCursor hasPreviousPage } } }',
      ],
      [
        '{ statements(first: 3, after: "T2Zmc2V0Q29ubmVjdGlvbjo0OQ==") { totalCount nodes { slug } pageInfo { hasNextPage endCursor } } }',
      ],
      [
        '{ actors(first: 20, after: "T2Zmc2V0Q29ubmVjdGlvbjoy") { totalCount nodes { slug affiliation { slug } meetings { slug } positions { slug } mentionedIn(first: 3) { totalCount nodes { slug } } } } }',
      ],
      [
        '{ search(query: "ceasefire talks istanbul", first: 60) { totalCount edges { cursor score node { __typename ... on Statement { slug } ... on Actor { slug } ... on Meeting { slug } } highlights { start end text } } } }',
      ],
      [
        '{ search(query: "negotiatoins", kinds: [STATEMENT, MEETING], first: 100) { totalCount edges { score node { __typename ... on Statement { slug } ... on Meeting { slug } } } } }',
      ],
      [
        '{ search(query: "ceasefire", orderBy: NEWEST, first: 7, after: "T2Zmc2V0Q29ubmVjdGlvbjoy") { totalCount edges { cursor node { __typename ... on Statement { slug } ... on Actor { slug } ... on Meeting { slug } } } } }',
      ],
      [
        '{ search(query: "harbour", orderBy: NEWEST, publishedAfter: "2031-01-01", first: 100) { totalCount nodes { __typename ... on Statement { slug } ... on Actor { slug } ... on Meeting { slug } ... on Position { slug } } } }',
      ],
      [
        '{ statements(filter: { kind: [DIRECT_QUOTE, PARAPHRASE], speaker: ["sergei-markov", "vladimir-putin"], search: "ukraine" }) { totalCount nodes { slug } } }',
      ],
      [
        '{ draftClauses(filter: { opposedBy: ["ukraine"], status: [PROPOSED] }) { totalCount nodes { slug } } }',
      ],
      [
        '{ articles(first: 2) { nodes { slug paragraphs { index kind start end text } topics(first: 10) { totalCount nodes { slug draftClauses { slug } positions { slug } } } } } }',
      ],
    ];
    for (const [query, variables] of cases) {
      const bundled = await answer(undefined, query, variables);
      const fromD1 = await answer(env.DB, query, variables);
      expect(bundled.errors, query).toBeUndefined();
      expect(comparable(fromD1, query), query).toEqual(comparable(bundled, query));
    }
  });
});

d1('spans as offsets into the article', () => {
  it('hold no words, and read back with the words of the article, highlights included', async () => {
    const db = env.DB as D1Database;
    const columns = await db.prepare("SELECT name FROM pragma_table_info('excerpt')").all();
    expect(columns.results.map((c) => c.name)).toEqual([
      'type',
      'id',
      'article',
      'n',
      'paragraph',
      'start',
      'end',
    ]);
    for (const query of [
      '{ actors(first: 60) { nodes { slug excerpts { paragraph start end text } } } }',
      '{ topics(first: 60) { nodes { slug excerpts { start end text } } } }',
      '{ statements(first: 60) { nodes { slug excerpt { start end text } } } }',
      '{ search(query: "zelensky ceasefire", first: 100) { totalCount edges { score highlights { start end text } } } }',
    ]) {
      const bundled = await answer(undefined, query);
      expect(bundled.errors, query).toBeUndefined();
      expect(comparable(await answer(db, query), query), query).toEqual(comparable(bundled, query));
    }
  });
});

d1('a D1 fault', () => {
  it('answers 503 STORE_UNAVAILABLE with Retry-After, never a 500, a stack or SQL', async () => {
    // A real database with no tables: every query fails as a lost or broken store would.
    const broken = { ...env, DB: env.EMPTY_DB } as typeof env;
    const ctx = {
      waitUntil() {},
      passThroughOnException() {},
      props: {},
    } as unknown as ExecutionContext;
    for (const init of [
      { method: 'GET', url: `${origin}/healthz` },
      {
        method: 'GET',
        url: `${origin}/graphql?query=${encodeURIComponent('{ actors { totalCount } }')}`,
      },
    ]) {
      const res = await worker.fetch(
        new Request(init.url, { method: init.method }) as never,
        broken,
        ctx,
      );
      expect(res.status, init.url).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const text = await res.text();
      expect(text).toContain('STORE_UNAVAILABLE');
      expect(text).not.toMatch(/SELECT|no such table|at \w+ \(/i);
    }
  });

  it('met in the middle of an operation answers 503 too', async () => {
    const spare = env.SPARE_DB as D1Database;
    // The version answers, the records do not.
    await spare.batch([
      spare.prepare('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)'),
      spare.prepare("INSERT OR REPLACE INTO meta VALUES ('version', 'broken')"),
    ]);
    const res = await post(spare, '{ actor(slug: "sergei-lavrov") { name } }');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]?.extensions.code).toBe('STORE_UNAVAILABLE');
    expect(JSON.stringify(body)).not.toMatch(/SELECT|no such table/i);
  });

  it('is met once: a failing operation sends one query after the version, and answers one 503', async () => {
    const spare = env.SPARE_DB as D1Database;
    await spare.batch([
      spare.prepare('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)'),
      spare.prepare("INSERT OR REPLACE INTO meta VALUES ('version', 'broken')"),
    ]);
    // Three levels, each a query on a working database; asked there first, so that the
    // document is one the isolate knows.
    const query =
      '{ actor(slug: "sergei-markov") { name statements(first: 3) { nodes { text topics { name } } } } }';
    expect((await answer(env.DB, query)).status).toBe(200);
    const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as never;
    for (const init of [
      { method: 'POST', body: JSON.stringify({ query }) },
      { method: 'GET', path: `?query=${encodeURIComponent(query)}` },
    ]) {
      const { db, calls } = counted(spare);
      const res = await worker.fetch(
        new Request(`${origin}/graphql${init.path ?? ''}`, {
          method: init.method,
          headers: { 'content-type': 'application/json' },
          body: init.body,
        }) as never,
        { ...env, DB: db } as typeof env,
        ctx,
      );
      expect(res.status, init.method).toBe(503);
      const body = (await res.json()) as {
        data?: unknown;
        errors: { extensions: { code: string } }[];
      };
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['STORE_UNAVAILABLE']);
      expect(body.data).toBeUndefined();
      // The version (read on every request here: DATA_VERSION_TTL is 0), then the actor's
      // query, which fails: nothing is asked again, and no later level is asked at all.
      expect(calls(), init.method).toEqual(['first', 'all']);
    }
  });

  it('met by a REST route or the JSON-LD answers 503 too', async () => {
    const spare = env.SPARE_DB as D1Database;
    await spare.batch([
      spare.prepare('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)'),
      spare.prepare("INSERT OR REPLACE INTO meta VALUES ('version', 'broken')"),
    ]);
    const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as never;
    for (const path of ['/rest/actor/sergei-lavrov', '/articles/istanbul-talks-2025.jsonld']) {
      const res = await worker.fetch(
        new Request(`${origin}${path}`) as never,
        { ...env, DB: spare } as typeof env,
        ctx,
      );
      expect(res.status, path).toBe(503);
      expect(res.headers.get('retry-after'), path).toBe('5');
      const text = await res.text();
      expect(text, path).toContain('STORE_UNAVAILABLE');
      expect(text, path).not.toMatch(/SELECT|no such table/i);
    }
  });
});
