import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { bundleSizes } from '../bundle.ts';
import { readCorpusModule } from '../data/build.ts';
import { type FloorAnswer, floorWorker } from './floor.ts';
import { ask, connections, isUnique, type Operation, probe, type Round, run } from './load.ts';
import { cached, helloWorld, restPairs, uncached } from './operations.ts';
import { startupCpuMs } from './startup.ts';
import { median, medianRatio } from './stats.ts';
import { buildWorker, deployedVars, type Served, serve } from './workerd.ts';

// npm run bench [-- --seconds 1 --rounds 9 --no-scale | --scale-only] [--only <regexp>]
//   [--d1 | --d1-only] [--d1-sizes 1,1000,10000] [--d1-reload] [--d1-loader d1|sqlite3]
// --d1 adds the D1 store's scale part (scripts/bench/scale-d1.ts) after the rest; it is
// opt-in, as its first load of 10,000 articles takes minutes. --d1-only runs it alone.
// The Worker as deployed (wrangler deploy --dry-run), served by one workerd on its own socket
// through Miniflare on loopback, beside a floor Worker (precomputed bodies) and a bare
// Yoga + Pothos Worker, loaded in interleaved rounds by autocannon. Absolute numbers drift
// with this shared machine; the ratios to the floors, measured in the same rounds, hold.
const { values } = parseArgs({
  options: {
    // Many short rounds: this shared machine's bursts spoil a round now and then, and a median
    // of nine shrugs off four.
    seconds: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '9' },
    'no-scale': { type: 'boolean', default: false },
    'scale-only': { type: 'boolean', default: false },
    // A regular expression: only the operations whose names match run (the floors always do).
    only: { type: 'string' },
    d1: { type: 'boolean', default: false },
    'd1-only': { type: 'boolean', default: false },
    'd1-sizes': { type: 'string', default: '1,1000,10000' },
    // Loads each N's database again even if the one kept was made from the same inputs.
    'd1-reload': { type: 'boolean', default: false },
    'd1-loader': { type: 'string', default: 'd1' },
  },
});
const only = values.only ? new RegExp(values.only) : null;
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const out = '.bench';
mkdirSync(out, { recursive: true });

/** The D1 store's scale part, written to .bench/results-d1.md as well. */
async function d1Part(): Promise<string> {
  const { d1ScaleRun } = await import('./scale-d1.ts');
  const loader = values['d1-loader'];
  if (loader !== 'd1' && loader !== 'sqlite3') throw new Error('--d1-loader is d1 or sqlite3');
  const markdown = await d1ScaleRun({
    sizes: values['d1-sizes'].split(',').map(Number),
    rounds,
    seconds,
    reload: values['d1-reload'],
    loader,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
  });
  writeFileSync(`${out}/results-d1.md`, markdown);
  console.log(markdown);
  console.log(`results written to ${out}/results-d1.md`);
  return markdown;
}

if (values['d1-only']) {
  await d1Part();
  process.exit(0);
}

if (values['scale-only']) {
  const { scaleRun } = await import('./scale-bundled.ts');
  writeFileSync(`${out}/scale.md`, await scaleRun(out, rounds, seconds));
  console.log(`results written to ${out}/scale.md`);
  if (values.d1) await d1Part();
  process.exit(0);
}

console.log('building the Worker as deployed, and the yardstick…');
buildWorker([], `${out}/api`, `${out}/api.bundle`);
buildWorker(['--config', 'scripts/bench/hello-world.toml'], `${out}/hello`);
const sizes = bundleSizes(`${out}/api`);
// The serialized search index on its own: what it adds to the bundle, raw and gzipped.
const { searchIndex } = readCorpusModule('generated/data.js');
const indexSizes = { raw: searchIndex.length, gzip: gzipSync(searchIndex, { level: 9 }).length };
const startupMs = startupCpuMs(`${out}/api.bundle`, `${out}/api-startup.cpuprofile`);

const deployed = deployedVars();
const api = await serve('api', { scriptPath: `${out}/api/index.js`, bindings: deployed });
const hello = await serve('hello', { scriptPath: `${out}/hello/hello-world.js` });
// The cache-miss rows each on a workerd process of their own: a miss stores a new entry, and
// a process that has stored thousands must not slow the hits measured beside it. As
// deployed, behind Workers Cache, a miss is kept in the isolate's memory only.
const apiMiss = await serve('api-cache-miss', {
  scriptPath: `${out}/api/index.js`,
  bindings: deployed,
});
// A deployment without Workers Cache (CACHE_API=on) also looks the miss up in caches.default
// and stores it there. Miniflare runs that storage inside the measured workerd process, which
// production does not, so that miss is shown twice: as Miniflare runs it, and where
// caches.default stores nothing (Miniflare's switch).
const apiCacheApi = await serve('api-cache-api-on', {
  scriptPath: `${out}/api/index.js`,
  bindings: { ...deployed, CACHE_API: 'on' },
});
const apiCacheApiNoStore = await serve('api-cache-api-on-no-storage', {
  scriptPath: `${out}/api/index.js`,
  bindings: { ...deployed, CACHE_API: 'on' },
  cache: false,
});

const operations = [...cached, ...uncached].filter((op) => !only || only.test(op.name));
const serverOf = (op: Operation): Served => (isUnique(op) && op.method === 'GET' ? apiMiss : api);
/** What the API answers each operation: the body every later answer must equal. */
const answers = new Map<Operation, { body: string; headers: [string, string][] }>();
for (const op of operations) {
  const server = serverOf(op);
  const body = await probe(server, op);
  // Asked again: a GET's first answer is the miss that stores it, the second its hit. Its
  // headers without those the runtime adds to every response.
  const { headers } = await ask(server, op);
  answers.set(op, {
    body,
    headers: headers.filter(([name]) => !['content-length', 'date'].includes(name)),
  });
}
const contentTypeOf = (op: Operation) =>
  answers.get(op)?.headers.find(([name]) => name === 'content-type')?.[1] ?? 'application/json';

const detailPost = uncached.find((op) => op.name === 'entity detail (POST)') as Operation;
const detailHit = cached[0] as Operation;
const detailMiss = uncached.find((op) => isUnique(op) && op.method === 'GET') as Operation;
// The floor Worker (scripts/bench/floor.ts): the cheapest answer this runtime can give to
// each operation's own request (its URL, headers and body, unread), with the bytes the API
// answers it with and only a content type. Measured beside every operation, so that what the
// Worker adds is told apart from what any answer of that size to that request costs.
const letterOf = new Map(operations.map((op, i) => [op, String.fromCharCode(65 + i)]));
const plain = (op: Operation): FloorAnswer => ({
  body: answers.get(op)?.body ?? '',
  headers: [['content-type', contentTypeOf(op)]],
});
const { script, request } = floorWorker(
  {
    ...Object.fromEntries(operations.map((op) => [letterOf.get(op), plain(op)])),
    // The detail hit's request and body with every header a hit carries: what those headers
    // cost the runtime, apart from the Worker's lookup.
    h: { ...plain(detailHit), headers: answers.get(detailHit)?.headers ?? [] },
    // The detail POST's request with its body read and parsed: the part of a POST's cost
    // that a GET, whose operation is in its URL, never pays.
    r: { ...plain(detailPost), read: true },
  },
  // At "/", the detail's body: the floor every "÷ floor" is taken against.
  plain(detailHit),
);
const floor = await serve('floor', { script });
// The same floor Worker reached through Miniflare's entry Worker, as a Worker is served without
// a socket of its own: what that second Worker's copy of each request costs.
const floorEntry = await serve('floor-entry', { script, direct: false });

const bareFloor: Operation = { name: 'floor: static JSON', method: 'GET', path: '/', headers: {} };
const entryFloor: Operation = {
  ...bareFloor,
  name: 'floor through Miniflare’s entry Worker (not measured elsewhere)',
};
const hitHeadersFloor = request(
  detailHit,
  'h',
  'floor: the detail hit’s request and body, with all of a hit’s headers',
);
const bodyReadFloor = request(
  detailPost,
  'r',
  'floor: the detail POST’s request, its body read and parsed',
);
/** The floor answering an operation's own request with its bytes. */
const ownFloorOf = new Map(
  operations.map((op) => [op, request(op, letterOf.get(op) ?? '', `its floor: ${op.name}`)]),
);
const missCacheApi: Operation = {
  ...detailMiss,
  name: 'entity detail (GET, cache miss, CACHE_API=on)',
};
const missCacheApiNoStore: Operation = {
  ...detailMiss,
  name: 'entity detail (GET, cache miss, CACHE_API=on, no Cache API storage)',
};

interface Target {
  server: Served;
  op: Operation;
  body: string;
  /** The floor answering this target's own request, when it has one. */
  floorOf?: Operation;
  rounds: Round[];
}
const targets: Target[] = [];
const add = async (server: Served, op: Operation, floorFor?: Operation) =>
  targets.push({ server, op, body: await probe(server, op), floorOf: floorFor, rounds: [] });
const ownFloors = new Set(ownFloorOf.values());
// In each round a target runs close in time to what it is compared with (each operation
// beside its own floor, the API beside the bare Worker): this machine drifts within minutes.
await add(floor, bareFloor);
await add(floorEntry, entryFloor);
for (const op of operations) {
  const own = ownFloorOf.get(op) as Operation;
  await add(floor, own);
  await add(serverOf(op), op, own);
  if (op === detailHit) await add(floor, hitHeadersFloor);
  if (op === detailPost) {
    await add(hello, helloWorld);
    await add(floor, bodyReadFloor);
  }
  if (op === detailMiss) {
    await add(apiCacheApi, missCacheApi, own);
    await add(apiCacheApiNoStore, missCacheApiNoStore, own);
  }
}

console.log(`warming up, then ${rounds} interleaved rounds of ${seconds} s per target…`);
for (const t of targets) await run(t.server, t.op, t.body, 1);
for (let r = 0; r < rounds; r++) {
  // Every other round in reverse, so that neither of two neighbours always runs first.
  for (const t of r % 2 ? [...targets].reverse() : targets) {
    const round = await run(t.server, t.op, t.body, seconds);
    if (round.errors > 0) throw new Error(`${t.op.name}: ${round.errors} errors or wrong bodies`);
    t.rounds.push(round);
    process.stdout.write('.');
  }
}
console.log();

const byName = new Map(targets.map((t) => [t.op.name, t]));
const cpuOf = (name: string) => {
  const t = byName.get(name);
  if (!t) return Number.NaN;
  const requests = t.rounds.reduce((s, r) => s + r.requests, 0);
  return t.rounds.reduce((s, r) => s + r.cpuNs, 0) / requests / 1000;
};
/** One target's req/s over another's, round by round. */
const ratio = (name: string, over: string) => {
  const a = byName.get(name)?.rounds;
  const b = byName.get(over)?.rounds;
  if (!a || !b) return Number.NaN;
  return medianRatio(
    a.map((r) => r.reqPerSec),
    b.map((r) => r.reqPerSec),
  );
};
const fixed = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : '–');
const whole = (x: number) => (Number.isFinite(x) ? String(Math.round(x)) : '–');

const rows = targets
  .filter((t) => !ownFloors.has(t.op))
  .map((t) => {
    const name = t.op.name;
    const bytes = Buffer.byteLength(t.body);
    const cpu = cpuOf(name);
    const own = t.floorOf?.name;
    const ownCpu = own ? cpuOf(own) : Number.NaN;
    return `| ${name} | ${(bytes / 1024).toFixed(1)} | ${whole(median(t.rounds.map((r) => r.reqPerSec)))} | ${fixed(ratio(name, bareFloor.name))} | ${own ? fixed(ratio(name, own)) : '–'} | ${median(t.rounds.map((r) => r.p50))} | ${median(t.rounds.map((r) => r.p99))} | ${whole(cpu)} | ${whole(ownCpu)} | ${whole(cpu - ownCpu)} | ${bytes > 2048 ? whole(cpu / (bytes / 1024)) : '–'} |`;
  });

const list20 = 'list page of 20 (POST)';
const largest = 'largest page, 100 (POST)';
const bytesOf = (name: string) => Buffer.byteLength(byName.get(name)?.body ?? '');
const marginalPerKb =
  (cpuOf(largest) - cpuOf(list20)) / ((bytesOf(largest) - bytesOf(list20)) / 1024);
// A GET that did exactly the POST's work after its body is read: the POST's CPU less its
// body-read floor, on top of the GET's own floor. req/s follows CPU here (the workerd
// process is the bottleneck), so this is the most a GET miss can gain over a POST that runs
// the same operation, if it adds nothing of its own (no ETag, no memory entry).
const postWork = cpuOf(detailPost.name) - cpuOf(bodyReadFloor.name);
const getFloor = ownFloorOf.get(detailMiss)?.name ?? '';
const getCeiling = (cpuOf(bodyReadFloor.name) + postWork) / (cpuOf(getFloor) + postWork);
const hits = cached.filter((op) => byName.has(op.name));
const checks: [string, number][] = [
  [
    'entity detail POST ÷ bare Yoga + Pothos `{ __typename }` (req/s, target ≥ 1.0)',
    ratio(detailPost.name, helloWorld.name),
  ],
  ['detail GET cache miss ÷ detail POST (target ≥ 1.2)', ratio(detailMiss.name, detailPost.name)],
  [
    'the most a GET miss can reach over the POST, running the same operation (its floor + the POST’s work after the body, ÷ the POST)',
    getCeiling,
  ],
  [
    'the floors alone: the GET miss’s request ÷ the POST’s, its body read',
    ratio(getFloor, bodyReadFloor.name),
  ],
  [
    'detail GET cache miss with CACHE_API=on ÷ detail POST',
    ratio(missCacheApi.name, detailPost.name),
  ],
  [
    'detail GET cache miss with CACHE_API=on, no Cache API storage ÷ detail POST',
    ratio(missCacheApiNoStore.name, detailPost.name),
  ],
  ['detail GET cache hit ÷ detail POST', ratio(detailHit.name, detailPost.name)],
  [
    'worst cache hit ÷ the floor answering its own request with its bytes (target ≥ 0.8)',
    Math.min(...hits.map((op) => ratio(op.name, ownFloorOf.get(op)?.name ?? ''))),
  ],
  [
    'worst cache hit ÷ the floor at / (0.3 KiB; the largest hit moves 26.5 KiB)',
    Math.min(...hits.map((op) => ratio(op.name, bareFloor.name))),
  ],
  [
    'detail hit ÷ the floor given its request, body and all its headers',
    ratio(detailHit.name, hitHeadersFloor.name),
  ],
  [
    '`{ __typename }` on the API ÷ on the bare Yoga + Pothos Worker',
    ratio('{ __typename } on the API (POST)', helloWorld.name),
  ],
  [
    'floor through Miniflare’s entry Worker: CPU µs a request more than on its own socket',
    cpuOf(entryFloor.name) - cpuOf(bareFloor.name),
  ],
  [
    'most CPU of any operation, µs (target ≤ 2,500)',
    Math.max(...operations.map((op) => cpuOf(op.name))),
  ],
  ['marginal CPU per KB, list page → largest page, µs (target ≤ ~135)', marginalPerKb],
  ...restPairs.map(([restName, graphqlName]): [string, number] => [
    `${restName}: CPU ÷ ${graphqlName} (target ≤ 1.25)`,
    cpuOf(restName) / cpuOf(graphqlName),
  ]),
];

let markdown = `## Throughput and CPU (${new Date().toISOString().slice(0, 10)})

\`npm run bench\` (${rounds} interleaved rounds × ${seconds} s a target, autocannon with ${connections} connections, each Worker on its own workerd process and socket via Miniflare on loopback, the cache misses each on one of their own; every body checked; 0 errors). ÷ floor and the checks' ratios are medians of round-by-round ratios. CPU is the workerd process's CPU time (/proc schedstat) divided by requests. "Its floor" answers the row's own request (URL, headers, body unread) with the same bytes, precomputed; the Worker's own CPU is the row's less its floor's.

| target | response KiB | req/s | ÷ floor | ÷ its floor | p50 ms | p99 ms | CPU µs/req | its floor's CPU µs | the Worker's own CPU µs | CPU µs/KiB |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

| check | value |
| --- | --- |
${checks.map(([name, value]) => `| ${name} | ${fixed(value)} |`).join('\n')}

Bundle: ${(sizes.raw / 1024).toFixed(1)} KiB raw, ${(sizes.gzip / 1024).toFixed(1)} KiB gzip (target ≤ 320 KiB gzip), of which the serialized search index is ${(indexSizes.raw / 1024).toFixed(1)} KiB raw, ${(indexSizes.gzip / 1024).toFixed(1)} KiB gzipped on its own. Startup CPU (\`wrangler check startup\`, non-idle samples of its profile): ${startupMs.toFixed(1)} ms (target ≤ 100 ms).
`;
console.log(markdown);
for (const s of [api, apiMiss, apiCacheApi, apiCacheApiNoStore, hello, floor, floorEntry]) {
  await s.mf.dispose();
}

if (!values['no-scale']) {
  const { scaleRun } = await import('./scale-bundled.ts');
  markdown += `\n${await scaleRun(out, rounds, seconds)}`;
}
if (values.d1) markdown += `\n${await d1Part()}`;
writeFileSync(`${out}/results.md`, markdown);
console.log(`results written to ${out}/results.md`);
