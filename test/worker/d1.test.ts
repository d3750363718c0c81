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
    const broken = { ...env, DB: spare } as typeof env;
    const ctx = {
      waitUntil() {},
      passThroughOnException() {},
      props: {},
    } as unknown as ExecutionContext;
    const res = await worker.fetch(
      new Request(`${origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ actor(slug: "sergei-lavrov") { name } }' }),
      }) as never,
      broken,
      ctx,
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]?.extensions.code).toBe('STORE_UNAVAILABLE');
    expect(JSON.stringify(body)).not.toMatch(/SELECT|no such table/i);
  });
});
