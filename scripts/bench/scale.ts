import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { unpack } from '../../src/model/packed.ts';
import type { Corpus } from '../../src/model/types.ts';
import { bundleSizes } from '../bundle.ts';
import { readCorpusModule } from '../data/build.ts';
import { heapInUse, type Inspector, inspect, inspectorPortFor, liveHeap } from './inspector.ts';
import { type Operation, probe, run, uniqueMarker } from './load.ts';
import { post } from './operations.ts';
import { startupCpuMs } from './startup.ts';
import { writeSyntheticCorpus } from './synthetic-corpus.ts';
import { deployedVars, type Served, serve } from './workerd.ts';

const sizes = [1, 100, 1000];
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
    // A new query each request (an extra word that matches nothing), so that every one is
    // ranked afresh rather than remembered: ranking is what grows with N.
    post(
      'search',
      'query($q: String!) { search(query: $q, first: 10) { totalCount edges { score node { __typename } } } }',
      { q: `ceasefire talks zq${uniqueMarker}` },
    ),
  ];
}

interface Built {
  n: number;
  dir: string;
  corpus: Corpus;
  buildSeconds: number;
  bundle: { raw: number; gzip: number };
  startupMs: number;
}

/** Generates, builds and bundles the corpus of N articles, and measures its startup. */
async function build(out: string, n: number): Promise<Built> {
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
  const corpus = unpack(JSON.parse(readCorpusModule(`${dir}/data.js`).corpus));
  return {
    n,
    dir,
    corpus,
    buildSeconds,
    bundle: bundleSizes(`${dir}/dist`),
    startupMs: startupCpuMs(`${dir}/worker.bundle`, `${dir}/startup.cpuprofile`),
  };
}

interface Heap {
  inUse: number;
  live: number;
}
const heapOf = async (inspector: Inspector): Promise<Heap> => ({
  inUse: await heapInUse(inspector),
  live: await liveHeap(inspector),
});

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * The same Worker over synthetic corpora of N articles: how data build time, bundle size,
 * startup and request latency grow with N, and where bundling the data stops fitting. All
 * sizes are served at once and each operation is run on them in interleaved rounds, so that
 * the machine's drift falls on every N alike and the growth ratios compare like with like.
 */
export async function scaleRun(out: string, rounds = 9, seconds = 1): Promise<string> {
  const built: Built[] = [];
  for (const n of sizes) built.push(await build(out, n));
  const servers: Served[] = [];
  const inspectors: Inspector[] = [];
  for (const b of built) {
    const inspectorPort = inspectorPortFor();
    servers.push(
      await serve(`scale-${b.n}`, {
        scriptPath: `${b.dir}/dist/index.js`,
        bindings: deployedVars(),
        inspectorPort,
      }),
    );
    inspectors.push(await inspect(inspectorPort));
  }
  // The isolate's heap with the data loaded, and again after its first search has loaded the
  // index (before any load, whose garbage would swamp it): the Workers limit is 128 MB an
  // isolate, and this is what the data costs of it. Each time in use (with the garbage that
  // loading made, an upper bound), then live (after a full collection).
  const heap: { loaded: Heap; searched: Heap }[] = [];
  for (const [i, b] of built.entries()) {
    const inspector = inspectors[i] as Inspector;
    const loaded = await heapOf(inspector);
    const search = operations(b.corpus).find((op) => op.name === 'search') as Operation;
    await probe(servers[i] as Served, search);
    heap.push({ loaded, searched: await heapOf(inspector) });
  }
  // Per operation, per N: the rounds' p50 latencies and CPU per request.
  const names = operations(built[0]?.corpus as Corpus).map((op) => op.name);
  const p50 = names.map(() => built.map((): number[] => []));
  const cpu = names.map(() => built.map((): number[] => []));
  for (const [o, name] of names.entries()) {
    const targets = built.map((b, i) => {
      const op = operations(b.corpus)[o] as Operation;
      return { server: servers[i] as Served, op, body: '' };
    });
    for (const t of targets) {
      t.body = await probe(t.server, t.op);
      await run(t.server, t.op, t.body, 1);
    }
    for (let r = 0; r < rounds; r++) {
      for (const [i, t] of targets.entries()) {
        const round = await run(t.server, t.op, t.body, seconds);
        if (round.errors > 0)
          throw new Error(`${name} at N=${built[i]?.n}: ${round.errors} errors`);
        p50[o]?.[i]?.push(round.p50);
        cpu[o]?.[i]?.push(round.cpuNs / round.requests / 1000);
      }
    }
    process.stdout.write('.');
  }
  for (const inspector of inspectors) inspector.close();
  for (const server of servers) await server.mf.dispose();
  const rows = built.map((b, i) => {
    const cells = names.map(
      (_, o) => `${median(p50[o]?.[i] ?? [])} ms / ${Math.round(median(cpu[o]?.[i] ?? []))} µs`,
    );
    const heapCells = [heap[i]?.loaded, heap[i]?.searched].map(
      (h) => `${mib(h?.live ?? 0)} / ${mib(h?.inUse ?? 0)} MiB`,
    );
    return `| ${b.n} | ${b.corpus.statements.length} | ${b.buildSeconds.toFixed(1)} s | ${mib(b.bundle.raw)} MiB / ${mib(b.bundle.gzip)} MiB | ${b.startupMs.toFixed(0)} ms | ${heapCells.join(' | ')} | ${cells.join(' | ')} |`;
  });
  const cpuAt = (o: number, i: number) => median(cpu[o]?.[i] ?? []);
  const last = built.length - 1;
  const growth = names
    .map((name, o) => `${name} ${(cpuAt(o, last) / cpuAt(o, 0)).toFixed(2)}×`)
    .join(', ');
  // At N = 1 there are fewer than 500 statements, so the deep page there is an empty one.
  const deep = names.findIndex((name) => name.startsWith('deep page'));
  const deepFromSecond = `${(cpuAt(deep, last) / cpuAt(deep, 1)).toFixed(2)}×`;
  return `## Scale: synthetic corpora of N articles

\`npm run bench -- --scale-only\` (scripts/bench/synthetic-corpus.ts, seed 1; each N built, bundled and served like the real corpus, all N served at once and loaded in ${rounds} interleaved rounds of ${seconds} s per operation). Latency cells, medians of the rounds: p50 with autocannon's connections / the workerd CPU per request.

| N articles | statements | data build | bundle raw / gzip | startup CPU | V8 heap, loaded: live / in use | after the first search: live / in use | ${names.join(' | ')} |
| --- | --- | --- | --- | --- | --- | --- | ${names.map(() => '---').join(' | ')} |
${rows.join('\n')}

CPU per request, N = 1,000 ÷ N = 1: ${growth} (target ≤ 1.2× for lookups and pages). N = 1 has ${built[0]?.corpus.statements.length} statements, so its deep page is an empty one, a different request; from N = ${built[1]?.n}, the first with a 500th statement, to N = 1,000 the deep page grows ${deepFromSecond}.
`;
}
