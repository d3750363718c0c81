import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { D1Database } from '@cloudflare/workers-types';
import { Miniflare } from 'miniflare';
import { searchPage } from '../../src/model/d1/search.ts';
import { querySearchOptions, searchFields } from '../../src/model/search-options.ts';
import { docKey } from '../d1/search-sql.ts';
import { inserts } from '../d1/sql.ts';
import { buildCorpus } from '../data/build.ts';
import { searchDocuments } from '../data/search-index.ts';
import { dbOf } from './d1-db.ts';
import { dirOf, ensureLoaded, matchWords } from './scale-d1.ts';
import { benchDatabase } from './workerd.ts';

// What FTS5 would cost beside the search D1 serves, on the bench's own databases, to inform
// the choice the README describes (FTS5's tokenizer and bm25() rank differently from the
// bundled MiniSearch, so D1 reproduces MiniSearch's ranking in its own tables instead):
//   npm run bench:fts5 -- [--size 1000] [--reps 15]
// A copy of the loaded database (scripts/bench/scale-d1.ts) gains a contentless FTS5 table of
// the same documents and fields (unicode61 remove_diacritics 2, a 3-letter prefix index);
// then each of the scale run's words is searched both ways for a page of 20 with its records
// and the total: D1's statement (src/model/d1/search.ts) and an FTS5 MATCH of the words as
// quoted prefixes ORed, ranked by bm25() with the field boosts as column weights. Times are
// the median wall time of a call from Node through Miniflare into local D1, beside a query
// that finds no row (the call's own cost); the top 20 of each are compared.

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1000' },
    reps: { type: 'string', default: '15' },
  },
});
const n = Number(values.size);
const reps = Number(values.reps);

const log = (message: string) => console.log(`[fts5 probe] ${message}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let result = await run();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  return { ms: median(times), result };
}

const boosts = querySearchOptions.boost as Record<string, number | undefined>;
const weights = searchFields.map((field) => boosts[field] ?? 1).join(', ');
const ftsPageSql = `
WITH m AS MATERIALIZED (
  SELECT rowid AS doc, bm25(probe_fts, ${weights}) AS score FROM probe_fts WHERE probe_fts MATCH ?1
)
SELECT * FROM (
  SELECT p.doc AS doc, p.score AS score,
    (SELECT body FROM record r WHERE r.type = d.type AND r.id = d.item) AS body
  FROM (SELECT doc, score FROM m ORDER BY score LIMIT 20) p JOIN search_doc d ON d.doc = p.doc
  ORDER BY p.score
)
UNION ALL SELECT NULL, COUNT(*), NULL FROM m`;

/** The words as FTS5 strings (quotes doubled, so nothing in them is syntax), prefixes, ORed. */
const matchOf = (query: string) =>
  query
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `"${word.replaceAll('"', '""')}"*`)
    .join(' OR ');

const loaded = ensureLoaded(n, false, 'd1');
const copy = mkdtempSync(join(tmpdir(), 'fts5-probe-'));
try {
  cpSync(join(dirOf(n), 'db'), copy, { recursive: true });
  const mf = new Miniflare({
    modules: true,
    script: 'export default { fetch() { return new Response("") } }',
    d1Databases: { DB: benchDatabase },
    d1Persist: copy,
  });
  const d1 = (await mf.getD1Database('DB')) as unknown as D1Database;
  const sizeBefore = (await d1.prepare('SELECT 1').run()).meta.size_after;
  let started = performance.now();
  const built = buildCorpus([join(dirOf(n), 'corpus')]);
  const { documents, targets } = searchDocuments(built.corpus);
  log(
    `N = ${n}: ${documents.length} documents compiled in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  started = performance.now();
  await d1
    .prepare(
      `CREATE VIRTUAL TABLE probe_fts USING fts5(${searchFields.join(', ')}, content = '', tokenize = 'unicode61 remove_diacritics 2', prefix = '3')`,
    )
    .run();
  // Multi-row literal INSERTs, as d1:load writes (a statement binds at most 100 values).
  const statements = inserts(
    `probe_fts (rowid, ${searchFields.join(', ')})`,
    documents.map((doc) => {
      const [type, index] = targets[doc.id] as [never, number, number];
      return [docKey(type, index), ...searchFields.map((field) => doc[field] ?? null)];
    }),
  );
  for (let i = 0; i < statements.length; i += 50) {
    await d1.batch(statements.slice(i, i + 50).map((statement) => d1.prepare(statement)));
  }
  const sizeAfter = (await d1.prepare('SELECT 1').run()).meta.size_after;
  log(
    `FTS5 table: ${((performance.now() - started) / 1000).toFixed(1)} s, ${((sizeAfter - sizeBefore) / 2 ** 20).toFixed(1)} MiB (the database was ${(sizeBefore / 2 ** 20).toFixed(1)} MiB)`,
  );

  const db = dbOf(d1);
  const floor = await timed(() =>
    d1.prepare("SELECT body FROM record WHERE type = 'Actor' AND id = -1").all(),
  );
  const words = [{ target: 0, word: 'ceasefire talks', documents: 0 }, ...(await matchWords(d1))];
  const rows: string[] = [];
  for (const { word } of words) {
    const ours = await timed(() => searchPage(db, word, null, 0, 20));
    const fts = await timed(
      async () =>
        (
          await d1
            .prepare(ftsPageSql)
            .bind(matchOf(word))
            .all<{ doc: number | null; score: number; body: string | null }>()
        ).results,
    );
    const ftsHits = fts.result.filter((row) => row.doc !== null).map((row) => row.doc);
    const ftsTotal = fts.result.find((row) => row.doc === null)?.score ?? 0;
    const ourHits = new Set(ours.result.hits.map((hit) => docKey(hit.type, hit.id)));
    const common = ftsHits.filter((doc) => ourHits.has(doc as number)).length;
    rows.push(
      `| "${word}" | ${ours.result.total.toLocaleString('en')} | ${ours.ms.toFixed(2)} | ${ftsTotal.toLocaleString('en')} | ${fts.ms.toFixed(2)} | ${common} of ${ftsHits.length} |`,
    );
  }
  console.log(
    [
      '',
      `N = ${n} (${loaded.statements.toLocaleString('en')} statements loaded), ${documents.length.toLocaleString('en')} search documents; median of ${reps} calls, ms of wall time; a call that finds no row: ${floor.ms.toFixed(2)} ms`,
      '',
      "| words | matches (D1 store) | D1 store, ms | matches (FTS5, prefix only) | FTS5 + bm25(), ms | FTS5 top 20 in the D1 store's top 20 |",
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
  );
  await mf.dispose();
} finally {
  rmSync(copy, { recursive: true, force: true });
}
