import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { D1Database } from '@cloudflare/workers-types';
import { Miniflare } from 'miniflare';
import { afterAll, describe, expect, it } from 'vitest';
import { backedUpTables, exportArchive, restoreArchive } from '../../scripts/d1/backup.ts';
import { corpusSql } from '../../scripts/d1/corpus-sql.ts';
import { d1 } from '../../scripts/d1/wrangler.ts';

// The archive's backup through wrangler itself, on local D1 (a state folder of its own): the
// corpus loaded as d1:load loads it, exported with npm run d1:export's function, restored
// into a fresh database with npm run d1:restore's, and both read back through Miniflare.

const scratch = mkdtempSync(join(tmpdir(), 'd1-backup-'));
const databaseId = '00000000-0000-0000-0000-000000000000';
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Runs `fn` with wrangler's local state in `folder`: a configuration there that binds the
 * same database as wrangler.toml's d1 environment, with this repository's migrations.
 */
function inState<T>(folder: string, fn: () => T): T {
  mkdirSync(folder, { recursive: true });
  const config = join(folder, 'wrangler.toml');
  writeFileSync(
    config,
    [
      'name = "newsgraph-backup-test"',
      'compatibility_date = "2025-05-01"',
      '[env.d1]',
      '[[env.d1.d1_databases]]',
      'binding = "DB"',
      'database_name = "newsgraph"',
      `database_id = "${databaseId}"`,
      `migrations_dir = ${JSON.stringify(resolve('migrations'))}`,
      '',
    ].join('\n'),
  );
  const before = process.env.D1_CONFIG;
  process.env.D1_CONFIG = config;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.D1_CONFIG;
    else process.env.D1_CONFIG = before;
  }
}

/** What a database answers: every derived and backed-up table's rows, and some searches. */
async function answers(folder: string): Promise<string[]> {
  const mf = new Miniflare({
    modules: true,
    script: "export default { fetch() { return new Response('') } }",
    d1Databases: { DB: databaseId },
    d1Persist: join(folder, '.wrangler', 'state', 'v3', 'd1'),
  });
  try {
    const db = (await mf.getD1Database('DB')) as unknown as D1Database;
    const tables = [...backedUpTables, 'tally', 'search_doc', 'search_delete', 'search_vocab'];
    const out: string[] = [];
    for (const table of tables) {
      const { results } = await db.prepare(`SELECT * FROM ${table}`).all();
      out.push(`${table} ${results.map((r) => JSON.stringify(r)).sort()}`);
    }
    for (const words of ['ceasefire', 'erdogan OR harbour', 'turk*']) {
      const { results } = await db
        .prepare('SELECT rowid FROM search WHERE search MATCH ? ORDER BY rowid')
        .bind(words)
        .all();
      expect(results.length, words).toBeGreaterThan(0);
      out.push(`${words} ${JSON.stringify(results)}`);
    }
    return out;
  } finally {
    await mf.dispose();
  }
}

describe('the archive backup (npm run d1:export, npm run d1:restore)', () => {
  it('exports a database that has an FTS5 index, and restores it with the same answers', async () => {
    const original = join(scratch, 'original');
    const restored = join(scratch, 'restored');
    const loadFile = join(scratch, 'load.sql');
    writeFileSync(
      loadFile,
      `${corpusSql(['test/fixtures/shipped', 'test/fixtures/corpus']).statements.join(';\n')};\n`,
    );
    const backup = join(scratch, 'backup.sql');
    inState(original, () => {
      d1('--local', 'migrations', 'apply');
      d1('--local', 'execute', '--yes', '--file', loadFile);
      exportArchive('--local', backup);
    });
    const text = readFileSync(backup, 'utf8');
    expect(text).toContain('INSERT INTO "statement"');
    // Derived rows are not in it: the restore makes them.
    expect(text).not.toMatch(/INSERT INTO "(search|tally)/);

    inState(restored, () => restoreArchive('--local', backup, scratch));
    expect(await answers(restored)).toEqual(await answers(original));

    // A restore never writes over an archive.
    expect(() => inState(restored, () => restoreArchive('--local', backup, scratch))).toThrow(
      /already holds an archive/,
    );
  }, 300_000);
});
