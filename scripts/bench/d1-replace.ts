import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { D1Database } from '@cloudflare/workers-types';
import { addArticleStatements, citedBy, readView } from '../d1/add-sql.ts';
import { articleAloneRoot } from '../d1/article-alone.ts';
import { corpusTables } from '../d1/corpus-sql.ts';
import { buildCorpus } from '../data/build.ts';
import { dirOf, ensureLoaded, openDatabase } from './scale-d1.ts';
import { secondsSince } from './stats.ts';

// What `npm run d1:add` costs as the archive grows: one article of the synthetic corpus of N
// (the bench's D1 databases, loaded as scripts/bench/scale-d1.ts loads them) replaced by
// itself, as d1:add replaces it: its folder and the registry entries it needs compiled, the
// database read by key, the statements built, and run as one batch (one transaction) by local
// D1.
//   npm run bench:d1-add -- [--sizes 100,1000]
// Every row but the data version is the same afterwards, and the run checks it: the row count
// of every table, the index's vocabulary and the tallies; then the version is put back, so
// that the database stays the one its stamp describes.

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100,1000' } } });
const sizes = values.sizes.split(',').map(Number);
const tables = corpusTables.filter((t) => t !== 'meta');

/** What must not change: every table's row count, the index's vocabulary, the tallies' sum. */
async function shape(db: D1Database): Promise<string> {
  const counts = await db.batch([
    ...tables.map((t) => db.prepare(`SELECT COUNT(*) AS n FROM ${t}`)),
    db.prepare('SELECT COUNT(*) AS terms, SUM(doc) AS docs, SUM(cnt) AS hits FROM search_vocab'),
    db.prepare('SELECT SUM(n) AS n FROM tally'),
  ]);
  return JSON.stringify(counts.map((c) => c.results));
}

const rows: string[] = [];
for (const n of sizes) {
  const loaded = ensureLoaded(n, false, 'd1');
  const roots = [join(dirOf(n), 'corpus')];
  const slug = `synthetic-${String(Math.ceil(n / 2)).padStart(5, '0')}`;
  const { db, dispose } = await openDatabase(n);
  const before = await shape(db);
  let queries = 0;
  let started = performance.now();
  const ask = async <T>(sql: string) => {
    queries++;
    return (await db.prepare(sql).all<T>()).results;
  };
  // As d1:add does: the article's folder and the registry entries it needs, alone.
  const alone = articleAloneRoot(
    join(roots[0] as string, 'articles', slug),
    roots,
    await citedBy(ask, slug),
  );
  const built = buildCorpus([alone], { partial: true });
  const compileSeconds = secondsSince(started);
  started = performance.now();
  const view = await readView(ask, slug, [alone], built);
  const readSeconds = secondsSince(started);
  started = performance.now();
  const { statements } = addArticleStatements([alone], slug, view, built);
  rmSync(alone, { recursive: true, force: true });
  const buildSeconds = secondsSince(started);
  const bytes = statements.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  started = performance.now();
  const results = await db.batch(statements.map((s) => db.prepare(s)));
  const runSeconds = secondsSince(started);
  const changes = results.reduce((sum, r) => sum + (r.meta.changes ?? 0), 0);
  const after = await shape(db);
  if (after !== before) throw new Error(`N = ${n}: replacing ${slug} by itself changed the rows`);
  await db.prepare("UPDATE meta SET value = ? WHERE key = 'version'").bind(loaded.version).run();
  await dispose();
  const row = `| ${n} | ${slug} | ${compileSeconds.toFixed(2)} s | ${queries} | ${readSeconds.toFixed(2)} s | ${buildSeconds.toFixed(2)} s | ${statements.length} | ${(bytes / 1024).toFixed(0)} KiB | ${runSeconds.toFixed(2)} s | ${changes} |`;
  console.log(row);
  rows.push(row);
}
const markdown = `\`npm run bench:d1-add -- --sizes ${values.sizes}\`: one article of N replaced by itself in the bench's local D1 (rows checked unchanged after).

| N | article | compiling the article and the registry entries it needs (and reading the database for which it cited) | reads (queries) | reading the database | building the statements | statements | SQL | running them as one batch | rows written (D1's changes) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
writeFileSync('.bench/results-d1-add.md', markdown);
console.log(markdown);
