import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { D1Database } from '@cloudflare/workers-types';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addArticleStatements, citedBy, readView } from '../../scripts/d1/add-sql.ts';
import { articleAloneRoot } from '../../scripts/d1/article-alone.ts';
import { corpusSql, corpusTables } from '../../scripts/d1/corpus-sql.ts';
import { migrationStatements } from '../../scripts/d1/migrations.ts';
import { buildCorpus } from '../../scripts/data/build.ts';
import { copySlug, writeArchiveCopy } from '../archive-copy.ts';
import { toWordsOnly } from './words-only.ts';

const fixture = 'test/fixtures/corpus';
const harbour = 'harbour-accord-2031';
// The index's own pages depend on how it was written; its vocabulary (term, documents, hits) does not.
const tables = [...corpusTables.filter((t) => t !== 'meta'), 'search_vocab'];

let mf: Miniflare;
const scratch: string[] = [];

beforeAll(() => {
  mf = new Miniflare({
    modules: true,
    script: "export default { fetch() { return new Response('') } }",
    d1Databases: [
      'SHARED',
      'SHARED_FRESH',
      'SHARED_EDITED',
      'SHARED_EDITED_FRESH',
      'BOTH',
      'ADDED',
      'REFUSED',
      'DROPPED',
      'BOTH_AGAIN',
      'WORDS',
      'RENAMED',
      'RENAMED_FRESH',
      'SMALL',
      'LARGE',
      'LARGE_FRESH',
      'ALONE',
      'ALONE_FRESH',
    ],
  });
});
afterAll(async () => {
  await mf.dispose();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A database with the migrations applied and the corpus of `roots` loaded, as d1:load loads it. */
async function loaded(name: string, roots: readonly string[]): Promise<D1Database> {
  const db = (await mf.getD1Database(name)) as unknown as D1Database;
  for (const migration of migrationStatements()) {
    await db.batch(migration.map((s) => db.prepare(s)));
  }
  await db.batch(corpusSql(roots).statements.map((s) => db.prepare(s)));
  return db;
}

const query =
  (db: D1Database) =>
  async <T>(sql: string) =>
    (await db.prepare(sql).all<T>()).results;

/** Every row of every table but meta, in a fixed order. */
async function contents(db: D1Database): Promise<string[]> {
  const dumps = await db.batch(
    // A list emptied by a replacement keeps its tally at 0; a whole load writes none.
    tables.map((t) => db.prepare(`SELECT * FROM ${t}${t === 'tally' ? ' WHERE n > 0' : ''}`)),
  );
  return dumps.map((d, i) => `${tables[i]} ${d.results.map((r) => JSON.stringify(r)).sort()}`);
}

/** What d1:add runs to add `slug`, compiled with `roots`, to `db` as it is now. */
async function statementsFor(db: D1Database, roots: string[], slug: string) {
  return addArticleStatements(roots, slug, await readView(query(db), slug, roots));
}

/**
 * A copy of an article folder and its root's registry under a fresh root, edited by `edit`
 * (file name → JSON): the article's `actors.json` and `statements.json`, and
 * `registry/actors.json`.
 */
function copyOf(
  from: string,
  slug: string,
  edit: (file: string, json: unknown) => unknown,
): string {
  const root = mkdtempSync(join(tmpdir(), 'd1-add-'));
  scratch.push(root);
  const dir = join(root, 'articles', slug);
  cpSync(join(from, 'articles', slug), dir, { recursive: true });
  cpSync(join(from, 'registry'), join(root, 'registry'), { recursive: true });
  for (const file of ['actors.json', 'statements.json', 'registry/actors.json']) {
    const path = file.startsWith('registry/') ? join(root, file) : join(dir, file);
    writeFileSync(path, JSON.stringify(edit(file, JSON.parse(readFileSync(path, 'utf8')))));
  }
  return root;
}

type Row = Record<string, unknown> & { slug: string };

describe('adding an article to D1', () => {
  it('leaves the same rows as loading both articles at once, and a new version', async () => {
    const both = await loaded('BOTH', ['test/fixtures/shipped', fixture]);
    const db = await loaded('ADDED', ['test/fixtures/shipped']);
    const before = await db.prepare("SELECT value FROM meta WHERE key = 'version'").first();
    const { statements, version } = await statementsFor(
      db,
      ['test/fixtures/shipped', fixture],
      harbour,
    );
    await db.batch(statements.map((s) => db.prepare(s)));

    expect(await contents(db)).toEqual(await contents(both));
    const after = await db.prepare("SELECT value FROM meta WHERE key = 'version'").first();
    expect(after).toEqual({ value: version });
    expect(after).not.toEqual(before);
    expect(
      await db.prepare("SELECT n FROM tally WHERE list = 'Article' AND owner = ''").first(),
    ).toEqual({ n: 2 });

    // Adding it again replaces it with itself: the rows stay, only the version moves on.
    const again = await statementsFor(db, ['test/fixtures/shipped', fixture], harbour);
    await db.batch(again.statements.map((s) => db.prepare(s)));
    expect(await contents(db)).toEqual(await contents(both));
    expect(again.version).not.toBe(version);
  });

  it('adds an article whose excerpts are given by their words alone, as if it had offsets', async () => {
    const both = await loaded('BOTH_AGAIN', ['test/fixtures/shipped', fixture]);
    const db = await loaded('WORDS', ['test/fixtures/shipped']);
    const words = copyOf(fixture, harbour, (_file, json) => json);
    toWordsOnly(words);
    expect(readFileSync(join(words, 'articles', harbour, 'actors.json'), 'utf8')).not.toContain(
      '"start"',
    );
    const { statements } = await statementsFor(db, ['test/fixtures/shipped', words], harbour);
    await db.batch(statements.map((s) => db.prepare(s)));
    expect(await contents(db)).toEqual(await contents(both));
  });

  it('refuses an article whose speaker resolves to nothing, naming file, record and problem', async () => {
    const db = await loaded('REFUSED', ['test/fixtures/shipped']);
    const held = await contents(db);
    const broken = copyOf(fixture, harbour, (file, json) =>
      file === 'statements.json'
        ? (json as Row[]).map((s, i) => (i === 0 ? { ...s, speaker: 'ilsa-marow' } : s))
        : json,
    );
    await expect(statementsFor(db, ['test/fixtures/shipped', broken], harbour)).rejects.toThrow(
      /harbour-accord-2031[/\\]statements\.json › statements\[0\] \(marrow-accord-opens-harbour\): speaker "ilsa-marow" does not resolve to any Actor/,
    );
    expect(await contents(db)).toEqual(held);
  });

  it('keeps a registry entity that a replacement drops and another article in the database names', async () => {
    const db = await loaded('DROPPED', ['test/fixtures/shipped']);
    // The database's harbour article names an actor of the first one, which the first one's
    // new version no longer cites (the local harbour article does not name it).
    const naming = copyOf(fixture, harbour, (file, json) =>
      file === 'statements.json'
        ? (json as Row[]).map((s, i) => (i === 0 ? { ...s, reportedBy: 'other-stakeholders' } : s))
        : json,
    );
    const add = await statementsFor(db, ['test/fixtures/shipped', naming], harbour);
    await db.batch(add.statements.map((s) => db.prepare(s)));

    const first = 'istanbul-talks-2025';
    // Dropped from its citations and its registry: only the database's harbour article names it.
    const dropping = copyOf('test/fixtures/shipped', first, (file, json) =>
      file.endsWith('actors.json')
        ? (json as Row[]).filter((a) => a.slug !== 'other-stakeholders')
        : json,
    );
    const replace = await statementsFor(db, [dropping], first);
    await db.batch(replace.statements.map((s) => db.prepare(s)));
    const reportedBy = await db
      .prepare(
        "SELECT a.slug, (SELECT COUNT(*) FROM excerpt e WHERE e.type = 'Actor' AND e.id = a.id) AS spans FROM statement s JOIN actor a ON a.id = s.reported_by WHERE s.slug = 'marrow-accord-opens-harbour'",
      )
      .first();
    // Its row stays, named by the harbour statement; its spans in the first article are gone.
    expect(reportedBy).toEqual({ slug: 'other-stakeholders', spans: 0 });
  });

  it('renames an actor other articles quote: their statements are found by its new words', async () => {
    const first = 'istanbul-talks-2025';
    // The harbour article quotes an actor of the first one, which a replacement then renames.
    const quoting = copyOf(fixture, harbour, (file, json) =>
      file === 'statements.json'
        ? (json as Row[]).map((s, i) => (i === 1 ? { ...s, speaker: 'volodymyr-zelenskyy' } : s))
        : json,
    );
    const renaming = copyOf('test/fixtures/shipped', first, (file, json) =>
      file === 'actors.json'
        ? (json as Row[]).map((a) =>
            a.slug === 'volodymyr-zelenskyy'
              ? { ...a, aliases: [...(a.aliases as string[]), 'President Zelensky'] }
              : a,
          )
        : json,
    );
    const db = await loaded('RENAMED', ['test/fixtures/shipped', quoting]);
    const { statements } = await statementsFor(db, [renaming, quoting], first);
    await db.batch(statements.map((s) => db.prepare(s)));
    expect(await contents(db)).toEqual(
      await contents(await loaded('RENAMED_FRESH', [renaming, quoting])),
    );
    const quoted = await db
      .prepare(
        "SELECT COUNT(*) AS n FROM search s JOIN search_doc d ON d.doc = s.rowid WHERE search MATCH 'speaker : zelensky' AND d.type = 'Statement' AND d.item IN (SELECT id FROM statement WHERE article = (SELECT id FROM article WHERE slug = ?))",
      )
      .bind(harbour)
      .first();
    expect(quoted).toEqual({ n: 1 });
  });

  it('replaces an article in a database holding others it was not given, in a batch that does not grow with them', async () => {
    const first = 'istanbul-talks-2025';
    const small = await loaded('SMALL', ['test/fixtures/shipped']);
    const large = await loaded('LARGE', ['test/fixtures/shipped', fixture]);
    const replace = async (db: D1Database) => {
      // Only the shipped fixture is given: the harbour article is the database's alone.
      const { statements } = await statementsFor(db, ['test/fixtures/shipped'], first);
      await db.batch(statements.map((s) => db.prepare(s)));
      return statements;
    };
    const inSmall = await replace(small);
    const inLarge = await replace(large);
    expect(inLarge.length).toBe(inSmall.length);
    expect(inLarge.join(';\n').replaceAll(/'[0-9a-f]{16}'/g, '')).toBe(
      inSmall.join(';\n').replaceAll(/'[0-9a-f]{16}'/g, ''),
    );
    expect(await contents(large)).toEqual(
      await contents(await loaded('LARGE_FRESH', ['test/fixtures/shipped', fixture])),
    );
  });

  it('adds an article by its folder and the registry entries it needs alone, as a whole load leaves it', async () => {
    const shipped = 'test/fixtures/shipped';
    const later = writeArchiveCopy(mkdtempSync(join(tmpdir(), 'd1-add-alone-')));
    scratch.push(later);
    const db = await loaded('ALONE', [shipped]);
    const ask = query(db);
    const alone = articleAloneRoot(
      join(later, 'articles', copySlug),
      [shipped, later],
      await citedBy(ask, copySlug),
    );
    scratch.push(alone);
    // No other article's folder: only this one and the registry entries it names.
    expect(readdirSync(join(alone, 'articles'))).toEqual([copySlug]);
    const built = buildCorpus([alone], { partial: true });
    const view = await readView(ask, copySlug, [alone], built);
    const { statements } = addArticleStatements([alone], copySlug, view, built);
    await db.batch(statements.map((s) => db.prepare(s)));
    expect(await contents(db)).toEqual(
      await contents(await loaded('ALONE_FRESH', [shipped, later])),
    );
  });

  it('rewrites the registry entities a later article cites: their spans, place and search documents', async () => {
    const shipped = 'test/fixtures/shipped';
    const later = writeArchiveCopy(mkdtempSync(join(tmpdir(), 'd1-add-copy-')));
    scratch.push(later);
    const db = await loaded('SHARED', [shipped]);
    const { statements } = await statementsFor(db, [shipped, later], copySlug);
    await db.batch(statements.map((s) => db.prepare(s)));
    expect(await contents(db)).toEqual(
      await contents(await loaded('SHARED_FRESH', [shipped, later])),
    );
    const markov = await db
      .prepare(
        "SELECT COUNT(*) AS n FROM excerpt e JOIN article_text w ON w.article = e.article WHERE e.type = 'Actor' AND substr(w.text, e.start + 1, e.\"end\" - e.start) LIKE '%Markov%' AND e.id = (SELECT id FROM actor WHERE slug = 'sergei-markov') AND e.article = (SELECT id FROM article WHERE slug = ?)",
      )
      .bind(copySlug)
      .first<{ n: number }>();
    expect(markov?.n).toBeGreaterThan(0);

    // A replacement that gives a registry actor a new alias and stops citing a topic: the
    // alias reaches the actor's row and its search document, the topic loses its spans there.
    const dir = join(later, 'articles', copySlug);
    const edit = (file: string, fn: (records: Row[]) => Row[]) =>
      writeFileSync(
        join(dir, file),
        JSON.stringify(fn(JSON.parse(readFileSync(join(dir, file), 'utf8')))),
      );
    edit('actors.json', (actors) =>
      actors.map((a) =>
        a.slug === 'turkiye'
          ? { ...a, aliases: [...((a.aliases as string[]) ?? []), 'Turkey'] }
          : a,
      ),
    );
    edit('topics.json', (topics) => topics.filter((t) => t.slug !== 'demilitarisation'));
    const again = await statementsFor(db, [shipped, later], copySlug);
    await db.batch(again.statements.map((s) => db.prepare(s)));
    const fresh = await loaded('SHARED_EDITED_FRESH', [shipped, later]);
    expect(await contents(db)).toEqual(await contents(fresh));
    const turkiye = await db
      .prepare("SELECT aliases FROM actor WHERE slug = 'turkiye'")
      .first<{ aliases: string }>();
    expect(JSON.parse(turkiye?.aliases ?? '[]')).toContain('Turkey');
    expect(
      await db.prepare("SELECT COUNT(*) AS n FROM search WHERE search MATCH 'turkey'").first(),
    ).toEqual({ n: 1 });
  });
});
