import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Corpus } from '../../src/model/types.ts';
import { type Operation, probe, run } from './load.ts';
import { startupCpuMs } from './startup.ts';
import { writeSyntheticCorpus } from './synthetic-corpus.ts';
import { serve } from './workerd.ts';

const sizes = [1, 100, 1000];
const accept = 'application/graphql-response+json';

function post(name: string, query: string): Operation {
  return {
    name,
    method: 'POST',
    path: '/graphql',
    body: JSON.stringify({ query }),
    headers: { 'content-type': 'application/json', accept },
  };
}

function operations(corpus: Corpus): Operation[] {
  const actor = corpus.actors[Math.floor(corpus.actors.length / 2)]?.slug;
  const after = btoa('OffsetConnection:499');
  return [
    post('slug lookup', `{ actor(slug: "${actor}") { name kind roles } }`),
    post('first page', '{ statements(first: 20) { totalCount nodes { slug text } } }'),
    post(
      'deep page (after the 500th)',
      `{ statements(first: 20, after: "${after}") { nodes { slug text } } }`,
    ),
    post(
      'search',
      '{ search(query: "ceasefire talks", first: 10) { totalCount edges { score node { __typename } } } }',
    ),
  ];
}

/**
 * The same Worker over synthetic corpora of N articles: how data build time, bundle size,
 * startup and request latency grow with N, and where bundling the data stops fitting.
 */
export async function scaleRun(out: string): Promise<string> {
  const rows: string[] = [];
  const latency: Record<string, number[]> = {};
  for (const n of sizes) {
    const dir = `${out}/scale-${n}`;
    rmSync(dir, { recursive: true, force: true });
    writeSyntheticCorpus(dir, n);
    const started = performance.now();
    execFileSync(
      'node_modules/.bin/tsx',
      ['scripts/build-data.ts', '--root', dir, '--out', `${dir}/data.js`],
      { stdio: 'pipe' },
    );
    const buildSeconds = (performance.now() - started) / 1000;
    writeFileSync(
      `${dir}/wrangler.toml`,
      `name = "bench-scale-${n}"\nmain = "../../src/index.ts"\ncompatibility_date = "2025-11-01"\nkeep_names = false\n\n[alias]\n"#data" = "./data.js"\n`,
    );
    const wrangler = (...args: string[]) =>
      execFileSync(
        'npx',
        ['wrangler', 'deploy', '--dry-run', '--config', `${dir}/wrangler.toml`, ...args],
        { stdio: 'pipe' },
      );
    wrangler('--outdir', resolve(dir, 'dist'));
    wrangler('--outfile', resolve(dir, 'worker.bundle'));
    const bundle = readFileSync(`${dir}/dist/index.js`);
    const startup = startupCpuMs(`${dir}/worker.bundle`, `${dir}/startup.cpuprofile`);
    const corpus = JSON.parse(
      JSON.parse(
        readFileSync(`${dir}/data.js`, 'utf8').match(
          /^export default JSON\.parse\((.*)\);$/m,
        )?.[1] ?? '""',
      ),
    ) as Corpus;

    const server = await serve(`scale-${n}`, {
      scriptPath: `${dir}/dist/index.js`,
      bindings: { REQUEST_LOG: 'off' },
    });
    const cells: string[] = [];
    for (const op of operations(corpus)) {
      const body = await probe(server, op);
      await run(server, op, body, 1);
      const round = await run(server, op, body, 2);
      if (round.errors > 0) throw new Error(`${op.name} at N=${n}: ${round.errors} errors`);
      const cpuUs = round.cpuNs / round.requests / 1000;
      latency[op.name] = [...(latency[op.name] ?? []), cpuUs];
      cells.push(`${round.p50} ms / ${Math.round(cpuUs)} µs`);
    }
    await server.mf.dispose();
    rows.push(
      `| ${n} | ${corpus.statements.length} | ${buildSeconds.toFixed(1)} s | ${(bundle.length / 1024 / 1024).toFixed(2)} MiB / ${(gzipSync(bundle).length / 1024 / 1024).toFixed(2)} MiB | ${startup.toFixed(0)} ms | ${cells.join(' | ')} |`,
    );
    console.log(rows[rows.length - 1]);
  }
  const growth = Object.entries(latency)
    .map(([name, [first, , last]]) => `${name} ${((last ?? 0) / (first ?? 1)).toFixed(2)}×`)
    .join(', ');
  return `## Scale: synthetic corpora of N articles

\`npm run bench\` (scripts/bench/synthetic-corpus.ts, seed 1; each N built, bundled and served like the real corpus). Latency cells: p50 with autocannon's connections / the workerd CPU per request.

| N articles | statements | data build | bundle raw / gzip | startup CPU | slug lookup | first page | deep page (after the 500th) | search |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

CPU per request, N = 1,000 ÷ N = 1: ${growth} (target ≤ 1.2× for lookups and pages).
`;
}
