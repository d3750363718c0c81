import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { D1Database } from '@cloudflare/workers-types';
import { Miniflare } from 'miniflare';
import type { searchPage } from '../../src/model/d1/search.ts';
import { dbOf } from './d1-db.ts';
import { dirOf, ensureLoaded } from './scale-d1.ts';
import { benchDatabase } from './workerd.ts';

// The D1 store's search statements at another commit beside this one's, on a bench database:
//   npm run bench:search-ab -- --base b62df34 [--size 1000] [--reps 30] [--rounds 5] word …
// Each side's searchPage is run once against the database to record its statements and bound
// values (the base's src/model/d1/search.ts is written beside this one's for the while, so its
// imports resolve); then a Worker in the same workerd as local D1 runs each side's statements
// `reps` times a round, the sides alternating for `rounds` rounds, and reports the median ms a
// search of wall time inside workerd: local D1's SQLite and its RPC, without GraphQL. (The
// scale run's CPU per request includes the rest; this isolates what the statements cost.)

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    base: { type: 'string' },
    size: { type: 'string', default: '1000' },
    reps: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '5' },
  },
});
if (!values.base || positionals.length === 0) {
  throw new Error('usage: npm run bench:search-ab -- --base <commit> [--size N] word …');
}
const n = Number(values.size);
const reps = Number(values.reps);
const rounds = Number(values.rounds);

type SearchPage = typeof searchPage;
const baseFile = resolve('src/model/d1/.search-base.ts');
writeFileSync(
  baseFile,
  execFileSync('git', ['show', `${values.base}:src/model/d1/search.ts`], { encoding: 'utf8' }),
);
try {
  const sides: [string, SearchPage][] = [
    [
      `${values.base}`,
      ((await import(pathToFileURL(baseFile).href)) as { searchPage: SearchPage }).searchPage,
    ],
    ['this tree', (await import('../../src/model/d1/search.ts')).searchPage],
  ];
  ensureLoaded(n, false, 'd1');
  const mf = new Miniflare({
    modules: true,
    script: `export default { async fetch(request, env) {
      const { calls, reps } = await request.json();
      const started = Date.now();
      for (let i = 0; i < reps; i++) {
        for (const [sql, params] of calls) await env.DB.prepare(sql).bind(...params).all();
      }
      return new Response(String((Date.now() - started) / reps));
    } }`,
    d1Databases: { DB: benchDatabase },
    d1Persist: join(dirOf(n), 'db'),
  });
  const d1 = (await mf.getD1Database('DB')) as unknown as D1Database;
  const rows: string[] = [];
  for (const word of positionals) {
    const recorded = await Promise.all(
      sides.map(async ([, search]) => {
        const calls: [string, unknown[]][] = [];
        const db = dbOf(d1, (sql, params) => calls.push([sql, [...params]]));
        const page = await search(db, word, null, 0, 20);
        return { calls, total: page.total };
      }),
    );
    const times: number[][] = sides.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (const [i, { calls }] of recorded.entries()) {
        const res = await mf.dispatchFetch('http://bench/', {
          method: 'POST',
          body: JSON.stringify({ calls, reps }),
        });
        times[i]?.push(Number(await res.text()));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    rows.push(
      `| "${word}" | ${recorded[0]?.total.toLocaleString('en')} | ${recorded
        .map(({ calls }, i) => `${median(times[i] ?? [])?.toFixed(2)} (${calls.length})`)
        .join(' | ')} |`,
    );
  }
  await mf.dispose();
  console.log(
    [
      '',
      `N = ${n}; ms a search (statements), median of ${rounds} rounds of ${reps}`,
      '',
      `| words | matches | ${sides.map(([name]) => name).join(' | ')} |`,
      `| --- | --- | ${sides.map(() => '---').join(' | ')} |`,
      ...rows,
    ].join('\n'),
  );
} finally {
  rmSync(baseFile, { force: true });
}
