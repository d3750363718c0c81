import { rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { unpack } from '../../src/model/packed.ts';
import type { Corpus } from '../../src/model/types.ts';
import { bundleSizes } from '../bundle.ts';
import { readCorpusModule } from '../data/build.ts';
import { type Operation, uniqueMarker } from './load.ts';
import { post } from './operations.ts';
import { cursor, measureSizes, searchQuery, slugLookup } from './scale.ts';
import { startupCpuMs } from './startup.ts';
import { median, secondsSince } from './stats.ts';
import { writeSyntheticCorpus } from './synthetic-corpus.ts';
import { buildWorker, deployedVars, tsx } from './workerd.ts';

// The bundled store over synthetic corpora of N articles: how data build time, bundle size,
// startup and request latency grow with N, and where bundling the data stops fitting.

const defaultSizes = [1, 100, 1000];

function operations(corpus: Corpus): Operation[] {
  return [
    slugLookup(corpus.actors[Math.floor(corpus.actors.length / 2)]?.slug),
    post('first page', '{ statements(first: 20) { totalCount nodes { slug text } } }'),
    post(
      'deep page (after the 500th)',
      `{ statements(first: 20, after: "${cursor(499)}") { nodes { slug text } } }`,
    ),
    // A new query each request (an extra word that matches nothing), so that every one is
    // ranked afresh rather than remembered: ranking is what grows with N.
    post('search', searchQuery, { q: `ceasefire talks zq${uniqueMarker}` }),
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
function build(out: string, n: number): Built {
  const dir = `${out}/scale-${n}`;
  rmSync(dir, { recursive: true, force: true });
  writeSyntheticCorpus(dir, n);
  const started = performance.now();
  tsx(['scripts/build-data.ts', '--root', dir, '--out', `${dir}/data.js`]);
  const buildSeconds = secondsSince(started);
  writeFileSync(
    `${dir}/wrangler.toml`,
    `name = "bench-scale-${n}"\nmain = "${relative(dir, 'src/index.ts')}"\ncompatibility_date = "2025-11-01"\nkeep_names = false\n\n[alias]\n"#data" = "./data.js"\n`,
  );
  buildWorker(['--config', `${dir}/wrangler.toml`], `${dir}/dist`, `${dir}/worker.bundle`);
  return {
    n,
    dir,
    corpus: unpack(JSON.parse(readCorpusModule(`${dir}/data.js`).corpus)),
    buildSeconds,
    bundle: bundleSizes(`${dir}/dist`),
    startupMs: startupCpuMs(`${dir}/worker.bundle`, `${dir}/startup.cpuprofile`),
  };
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(2);

/** Builds and serves each N (scripts/bench/scale.ts), measures, and returns the markdown. */
export async function scaleRun(
  out: string,
  rounds = 9,
  seconds = 1,
  sizes = defaultSizes,
): Promise<string> {
  const built = sizes.map((n) => build(out, n));
  // The isolate's heap counts against the Workers limit of 128 MB an isolate: with the data
  // loaded, and after the first search has loaded the index.
  const measured = await measureSizes(
    built.map((b) => ({
      n: b.n,
      name: `scale-${b.n}`,
      serve: { scriptPath: `${b.dir}/dist/index.js`, bindings: deployedVars() },
    })),
    async (_, i) => operations((built[i] as Built).corpus),
    { rounds, seconds },
  );
  const names = operations((built[0] as Built).corpus).map((op) => op.name);
  const cpuAt = (o: number, i: number) => median(measured[i]?.cells[o]?.cpu ?? []);
  const rows = built.map((b, i) => {
    const cells = measured[i]?.cells ?? [];
    const latency = cells.map((c) => `${median(c.p50)} ms / ${Math.round(median(c.cpu))} µs`);
    const heap = measured[i]?.heap;
    const heapCells = [heap?.before, heap?.searched].map(
      (h) => `${mib(h?.live ?? 0)} / ${mib(h?.inUse ?? 0)} MiB`,
    );
    return `| ${b.n} | ${b.corpus.statements.length} | ${b.buildSeconds.toFixed(1)} s | ${mib(b.bundle.raw)} MiB / ${mib(b.bundle.gzip)} MiB | ${b.startupMs.toFixed(0)} ms | ${heapCells.join(' | ')} | ${latency.join(' | ')} |`;
  });
  const last = built.length - 1;
  const largest = built[last]?.n.toLocaleString('en');
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

CPU per request, N = ${largest} ÷ N = ${built[0]?.n}: ${growth} (target ≤ 1.2× for lookups and pages). N = ${built[0]?.n} has ${built[0]?.corpus.statements.length} statements, so its deep page is an empty one, a different request; from N = ${built[1]?.n}, the first with a 500th statement, to N = ${largest} the deep page grows ${deepFromSecond}.
`;
}
