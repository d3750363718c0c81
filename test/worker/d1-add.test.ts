import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/index.ts';
import { origin } from './client.ts';

const ctx = {
  waitUntil() {},
  passThroughOnException() {},
  props: {},
} as unknown as ExecutionContext;

/** The Worker answering from the database an article is added to. */
function get(path: string, headers?: HeadersInit): Promise<Response> {
  const added = { ...env, DB: env.ADD_DB } as typeof env;
  return worker.fetch(new Request(`${origin}${path}`, { headers }) as never, added, ctx);
}

/** Every row of every table, in a fixed order: what "the database as it was" means. */
async function contents(db: D1Database): Promise<string> {
  const tables = (
    await db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT IN ('meta', 'd1_migrations', 'search', 'search_data', 'search_idx', 'search_docsize', 'search_config') ORDER BY name",
      )
      .all<{ name: string }>()
  ).results.map((t) => t.name);
  expect(tables).toContain('excerpt');
  // The index's own pages depend on how it was written; its vocabulary does not.
  expect(tables).toContain('search_vocab');
  const dumps = await db.batch(
    // A list emptied by a replacement keeps its tally at 0; a whole load writes none.
    tables.map((t) => db.prepare(`SELECT * FROM ${t}${t === 'tally' ? ' WHERE n > 0' : ''}`)),
  );
  return JSON.stringify(
    dumps.map((d, i) => [tables[i], d.results.map((row) => JSON.stringify(row)).sort()]),
  );
}

const articles = `/graphql?query=${encodeURIComponent('{ articles { totalCount nodes { slug } } }')}`;
const statement = `/graphql?query=${encodeURIComponent('{ statement(slug: "quill-keeps-ceasefire-holding") { speaker { name } excerpt { text } } }')}`;

describe.skipIf(!env.DB)('adding an article to D1', () => {
  it('is all or nothing, is seen at once, and retires the old ETags', async () => {
    const db = env.ADD_DB as D1Database;
    const { base, add } = env.TEST_ADDITION as { base: string[]; add: string[] };
    await applyD1Migrations(db, env.TEST_MIGRATIONS ?? []);
    await db.batch(base.map((sql) => db.prepare(sql)));

    const before = await get(articles);
    const etag = before.headers.get('etag') as string;
    const version = before.headers.get('x-data-version');
    expect(
      ((await before.json()) as { data: { articles: { totalCount: number } } }).data.articles
        .totalCount,
    ).toBe(1);
    expect((await get(articles, { 'if-none-match': etag })).status).toBe(304);
    expect(await (await get(statement)).json()).toMatchObject({ data: { statement: null } });

    // A batch that fails at its last statement leaves nothing of the others behind.
    const held = await contents(db);
    await expect(
      db.batch([...add, 'INSERT INTO no_such_table VALUES (1)'].map((sql) => db.prepare(sql))),
    ).rejects.toThrow();
    expect(await contents(db)).toBe(held);

    await db.batch(add.map((sql) => db.prepare(sql)));
    const after = await get(articles, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(after.headers.get('x-data-version')).not.toBe(version);
    const body = (await after.json()) as { data: { articles: { nodes: { slug: string }[] } } };
    // Newest first, though it was added last.
    expect(body.data.articles.nodes.map((a) => a.slug)).toEqual([
      'harbour-accord-2031',
      'istanbul-talks-2025',
    ]);
    expect(await (await get(statement)).json()).toMatchObject({
      data: { statement: { speaker: { name: 'Teodor Quill' } } },
    });
    const health = (await (await get('/healthz')).json()) as { dataVersion: string };
    expect(health.dataVersion).toBe(after.headers.get('x-data-version'));
  });

  it('leaves the same rows as loading both articles at once', async () => {
    const db = env.ADD_DB as D1Database;
    const { base, add } = env.TEST_ADDITION as { base: string[]; add: string[] };
    await applyD1Migrations(db, env.TEST_MIGRATIONS ?? []);
    if (!(await db.prepare("SELECT 1 FROM article WHERE slug = 'harbour-accord-2031'").first())) {
      await db.batch([...base, ...add].map((sql) => db.prepare(sql)));
    }
    expect(await contents(db)).toBe(await contents(env.DB as D1Database));
  });
});
