import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Miniflare } from 'miniflare';
import { corpusSql } from '../d1/corpus-sql.ts';
import { type Operation, probe, run } from './load.ts';
import { post } from './operations.ts';
import { writeSyntheticCorpus } from './synthetic-corpus.ts';
import { benchDatabase, deployedVars, type Served, serve } from './workerd.ts';

// npm run bench:d1 [-- --sizes 1,1000 --rounds 3 --seconds 1]
// The D1 store over synthetic corpora of N articles, each loaded into a local D1 (Miniflare's
// SQLite, persisted under .bench/d1/<N>) and served by one workerd on its own socket: CPU per
// request of the workerd process (SQLite's work included), the queries each operation makes,
// and the database's bytes per article.
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,1000' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '1' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const out = '.bench/d1';

const statementsOf = (sql: string) =>
  sql
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** Generates N articles, loads them into a fresh persisted D1, and says how long it took. */
async function load(n: number): Promise<{ dir: string; loadSeconds: number; statements: number }> {
  const dir = resolve(out, String(n));
  rmSync(dir, { recursive: true, force: true });
  writeSyntheticCorpus(join(dir, 'corpus'), n);
  const started = performance.now();
  const { statements } = corpusSql([join(dir, 'corpus')]);
  const mf = new Miniflare({
    modules: true,
    script: 'export default { fetch() { return new Response("") } }',
    d1Databases: { DB: benchDatabase },
    d1Persist: join(dir, 'db'),
  });
  const db = await mf.getD1Database('DB');
  for (const file of readdirSync('migrations').sort()) {
    for (const sql of statementsOf(readFileSync(join('migrations', file), 'utf8'))) {
      await db.prepare(sql).run();
    }
  }
  for (let i = 0; i < statements.length; i += 200) {
    await db.batch(statements.slice(i, i + 200).map((sql) => db.prepare(sql)));
  }
  await mf.dispose();
  return { dir, loadSeconds: (performance.now() - started) / 1000, statements: statements.length };
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(path) : statSync(path).size;
  }
  return total;
}

const after = btoa('OffsetConnection:499');
const operations = (actor: string, statement: string): Operation[] => [
  post('slug lookup', `{ actor(slug: "${actor}") { name kind roles } }`),
  post(
    'first page',
    '{ statements(first: 20) { totalCount nodes { slug text speaker { name } } } }',
  ),
  post(
    'deep page (after the 500th)',
    `{ statements(first: 20, after: "${after}") { nodes { slug text } } }`,
  ),
  post('node lookup', `{ node(id: "${statement}") { id ... on Statement { text } } }`),
  post(
    'search "ceasefire"',
    '{ search(query: "ceasefire", first: 10) { totalCount edges { score node { __typename } } } }',
  ),
  post(
    'search "istanbul talks"',
    '{ search(query: "istanbul talks", first: 10) { totalCount edges { score node { __typename } } } }',
  ),
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const lines: string[] = [
  `\`npm run bench:d1 -- --sizes ${values.sizes} --rounds ${rounds} --seconds ${seconds}\``,
  '',
  '| N | load s | DB MiB | bytes / article | operation | matches | D1 queries | CPU µs / request (median) | req/s |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
];
execFileSync(
  'npx',
  ['wrangler', 'deploy', '--dry-run', '--env', 'd1', '--outdir', resolve(out, 'dist')],
  {
    stdio: 'pipe',
  },
);
for (const n of sizes) {
  const loaded =
    existsSync(resolve(out, String(n), 'db')) && process.env.BENCH_D1_REUSE
      ? { dir: resolve(out, String(n)), loadSeconds: 0, statements: 0 }
      : await load(n);
  const bytes = bytesUnder(join(loaded.dir, 'db'));
  const served: Served = await serve(`d1-${n}`, {
    scriptPath: resolve(out, 'dist/index.js'),
    bindings: { ...deployedVars(), DATA_VERSION_TTL: '3600' },
    d1Persist: join(loaded.dir, 'db'),
  });
  const sample = JSON.parse(
    await (
      await fetch(new URL('/graphql', served.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            '{ actors(first: 1, after: "T2Zmc2V0Q29ubmVjdGlvbjoy") { nodes { slug } } statements(first: 1, after: "T2Zmc2V0Q29ubmVjdGlvbjoy") { nodes { id } } }',
        }),
      })
    ).text(),
  ) as { data: { actors: { nodes: { slug: string }[] }; statements: { nodes: { id: string }[] } } };
  const actor = sample.data.actors.nodes[0]?.slug ?? '';
  const statement = sample.data.statements.nodes[0]?.id ?? '';
  for (const op of operations(actor, statement)) {
    const body = await probe(served, op);
    const parsed = JSON.parse(body) as {
      data: Record<string, { totalCount?: number } | null>;
      extensions: { d1?: { queries: number } };
    };
    const matches = Object.values(parsed.data)[0]?.totalCount ?? '–';
    const cpu: number[] = [];
    const rates: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const round = await run(served, op, body, seconds);
      if (round.errors > 0) throw new Error(`${op.name} at N = ${n}: ${round.errors} errors`);
      cpu.push(round.cpuNs / round.requests / 1000);
      rates.push(round.reqPerSec);
    }
    lines.push(
      `| ${n} | ${loaded.loadSeconds.toFixed(1)} | ${(bytes / 1024 / 1024).toFixed(1)} | ${Math.round(bytes / n)} | ${op.name} | ${matches} | ${parsed.extensions.d1?.queries ?? '–'} | ${median(cpu).toFixed(0)} (${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)}) | ${median(rates).toFixed(0)} |`,
    );
    console.log(lines[lines.length - 1]);
  }
  await served.mf.dispose();
}
writeFileSync('.bench/results-d1.md', `${lines.join('\n')}\n`);
console.log(lines.join('\n'));
