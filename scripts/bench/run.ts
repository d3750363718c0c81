import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { bundleSizes } from '../bundle.ts';
import { readCorpusModule } from '../data/build.ts';
import { connections, isUnique, type Operation, probe, type Round, run } from './load.ts';
import { cached, helloWorld, uncached } from './operations.ts';
import { startupCpuMs } from './startup.ts';
import { deployedVars, type Served, serve } from './workerd.ts';

// npm run bench [-- --seconds 2 --rounds 5 --no-scale | --scale-only] [--only <regexp>]
// The Worker as deployed (wrangler deploy --dry-run), served by one workerd through
// Miniflare on loopback, beside a floor Worker (a precomputed JSON body) and a bare
// Yoga + Pothos Worker, loaded in interleaved rounds by autocannon. Absolute numbers drift
// with this shared machine; the ratios to the floor, measured in the same run, hold.
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '5' },
    'no-scale': { type: 'boolean', default: false },
    'scale-only': { type: 'boolean', default: false },
    // A regular expression: only the targets whose names match run (the floor always does).
    only: { type: 'string' },
  },
});
const only = values.only ? new RegExp(values.only) : null;
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const out = '.bench';
mkdirSync(out, { recursive: true });

if (values['scale-only']) {
  const { scaleRun } = await import('./scale.ts');
  writeFileSync(`${out}/scale.md`, await scaleRun(out, rounds));
  console.log(`results written to ${out}/scale.md`);
  process.exit(0);
}

const wrangler = (...args: string[]) =>
  execFileSync('npx', ['wrangler', ...args], { stdio: 'pipe' });

console.log('building the Worker as deployed, and the yardstick…');
wrangler('deploy', '--dry-run', '--outdir', `${out}/api`);
wrangler('deploy', '--dry-run', '--outfile', `${out}/api.bundle`);
// Paths in a config's command line resolve from the config's folder: give absolute ones.
wrangler(
  'deploy',
  '--dry-run',
  '--config',
  'scripts/bench/hello-world.toml',
  '--outdir',
  resolve(out, 'hello'),
);
const sizes = bundleSizes(`${out}/api`);
// The serialized search index on its own: what it adds to the bundle, raw and gzipped.
const { searchIndex } = readCorpusModule('generated/data.js');
const indexSizes = { raw: searchIndex.length, gzip: gzipSync(searchIndex, { level: 9 }).length };
const startupMs = startupCpuMs(`${out}/api.bundle`, `${out}/api-startup.cpuprofile`);

const deployed = deployedVars();
const api = await serve('api', { scriptPath: `${out}/api/index.js`, bindings: deployed });
const hello = await serve('hello', { scriptPath: `${out}/hello/hello-world.js` });
const detailBody = await probe(api, uncached[0] as Operation);
/**
 * The headers an operation's cache hit carries (asked twice: the first answer is the miss
 * that stores it), without those the runtime adds to every response.
 */
async function hitHeadersOf(op: Operation): Promise<[string, string][]> {
  await probe(api, op);
  const hit = await fetch(new URL(op.path, api.url), { headers: op.headers });
  return [...hit.headers].filter(([name]) => !['content-length', 'date'].includes(name));
}
// The floor's body served with a hit's headers too: that splits a hit's cost into what the
// headers take and what the Worker's own path takes.
const detailHit = cached[0] as Operation;
const hitHeaders = await hitHeadersOf(detailHit);
// And the largest page's body with its hit's headers: the floor a hit of that size is held to.
const largestHit = cached.find((op) => op.name.startsWith('largest page')) as Operation;
const largestBody = await probe(api, largestHit);
const largestHeaders = await hitHeadersOf(largestHit);
// The cheapest answers the runtime can give: bodies encoded once, headers built once. Asked
// at "/", and again with exactly the request a hit gets (its URL and Accept): receiving a
// longer request costs the runtime more, whatever the Worker answers, and those floors tell
// that part of a hit's cost from the Worker's own.
const floor = await serve('floor', {
  script: `const encoder = new TextEncoder();
const body = encoder.encode(${JSON.stringify(detailBody)});
const largest = encoder.encode(${JSON.stringify(largestBody)});
const plain = new Headers({ 'content-type': 'application/graphql-response+json; charset=utf-8' });
const api = new Headers(${JSON.stringify(hitHeaders)});
const largestHeaders = new Headers(${JSON.stringify(largestHeaders)});
const largestPath = ${JSON.stringify(largestHit.path)};
const detailPath = ${JSON.stringify(detailHit.path)};
export default { fetch(request) {
  const url = request.url;
  if (url.endsWith(largestPath)) return new Response(largest, { headers: largestHeaders });
  const hit = url.endsWith('/headers') || url.endsWith(detailPath);
  return new Response(body, { headers: hit ? api : plain });
} };`,
});
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
const floorOp: Operation = { name: 'floor: static JSON', method: 'GET', path: '/', headers: {} };
const floorWithHeaders: Operation = {
  name: 'floor with a cache hit’s headers',
  method: 'GET',
  path: '/headers',
  headers: {},
};
const floorHitRequest: Operation = {
  ...detailHit,
  name: 'floor: the detail hit’s own request, body and headers',
};
const floorLargest: Operation = {
  ...largestHit,
  name: 'floor: the largest page hit’s own request, body and headers',
};
const missOp = uncached.find(isUnique) as Operation;
const missCacheApi: Operation = {
  ...missOp,
  name: 'entity detail (GET, cache miss, CACHE_API=on)',
};
const missCacheApiNoStore: Operation = {
  ...missOp,
  name: 'entity detail (GET, cache miss, CACHE_API=on, no Cache API storage)',
};

interface Target {
  server: Served;
  op: Operation;
  body: string;
  rounds: Round[];
}
const targets: Target[] = [];
// In each round a target runs close in time to what it is compared with (the hits beside
// the floors, the API beside the bare Worker): this machine drifts within minutes.
for (const [server, op] of [
  [floor, floorOp],
  [floor, floorWithHeaders],
  [floor, floorHitRequest],
  ...cached.map((op) => [api, op] as const),
  [floor, floorLargest],
  [hello, helloWorld],
  // A GET miss stores its answer; a new search only ranks afresh, stored nowhere else.
  ...uncached.map((op) => [isUnique(op) && op.method === 'GET' ? apiMiss : api, op] as const),
  [apiCacheApi, missCacheApi],
  [apiCacheApiNoStore, missCacheApiNoStore],
] as [Served, Operation][]) {
  if (only && op !== floorOp && !only.test(op.name)) continue;
  targets.push({ server, op, body: await probe(server, op), rounds: [] });
}

console.log(`warming up, then ${rounds} interleaved rounds of ${seconds} s per target…`);
for (const t of targets) await run(t.server, t.op, t.body, 1);
for (let r = 0; r < rounds; r++) {
  for (const t of targets) {
    const round = await run(t.server, t.op, t.body, seconds);
    if (round.errors > 0) throw new Error(`${t.op.name}: ${round.errors} errors or wrong bodies`);
    t.rounds.push(round);
    process.stdout.write('.');
  }
}
console.log();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const summary = targets.map((t) => {
  const requests = t.rounds.reduce((s, r) => s + r.requests, 0);
  const cpuNs = t.rounds.reduce((s, r) => s + r.cpuNs, 0);
  return {
    name: t.op.name,
    bytes: Buffer.byteLength(t.body),
    reqPerSec: median(t.rounds.map((r) => r.reqPerSec)),
    p50: median(t.rounds.map((r) => r.p50)),
    p99: median(t.rounds.map((r) => r.p99)),
    cpuUs: cpuNs / requests / 1000,
  };
});
const byName = new Map(summary.map((s) => [s.name, s]));
const roundsOf = new Map(targets.map((t) => [t.op.name, t.rounds]));
/**
 * One target's req/s over another's: the median of the ratios round by round, each taken
 * between runs seconds apart, so that the machine's drift over a run cancels out.
 */
const ratio = (name: string, over: string) => {
  const a = roundsOf.get(name);
  const b = roundsOf.get(over);
  if (!a || !b) return Number.NaN;
  return median(a.map((r, i) => r.reqPerSec / (b[i]?.reqPerSec ?? Number.NaN)));
};

const rows = summary.map(
  (s) =>
    `| ${s.name} | ${(s.bytes / 1024).toFixed(1)} | ${Math.round(s.reqPerSec)} | ${ratio(s.name, floorOp.name).toFixed(2)} | ${s.p50} | ${s.p99} | ${Math.round(s.cpuUs)} | ${s.bytes > 2048 ? Math.round(s.cpuUs / (s.bytes / 1024)) : '–'} |`,
);
const list20 = byName.get('list page of 20 (POST)');
const largest = byName.get('largest page, 100 (POST)');
const marginalPerKb =
  list20 && largest
    ? (largest.cpuUs - list20.cpuUs) / ((largest.bytes - list20.bytes) / 1024)
    : Number.NaN;
const checks = [
  [
    'entity detail POST ÷ bare Yoga + Pothos `{ __typename }` (req/s, target ≥ 1.0)',
    ratio('entity detail (POST)', helloWorld.name),
  ],
  [
    'detail GET cache miss ÷ detail POST (target ≥ 1.2)',
    ratio('entity detail (GET, cache miss)', 'entity detail (POST)'),
  ],
  [
    'detail GET cache miss with CACHE_API=on ÷ detail POST',
    ratio(missCacheApi.name, 'entity detail (POST)'),
  ],
  [
    'detail GET cache miss with CACHE_API=on, no Cache API storage ÷ detail POST',
    ratio(missCacheApiNoStore.name, 'entity detail (POST)'),
  ],
  [
    'detail GET cache hit ÷ detail POST',
    ratio('entity detail (GET, cache hit)', 'entity detail (POST)'),
  ],
  ['floor with a hit’s headers ÷ floor', ratio(floorWithHeaders.name, floorOp.name)],
  [
    'floor given a hit’s own request, with its headers ÷ floor',
    ratio(floorHitRequest.name, floorOp.name),
  ],
  [
    'detail cache hit ÷ the floor given its own request, body and headers',
    ratio(detailHit.name, floorHitRequest.name),
  ],
  [
    'largest page’s cache hit ÷ the floor given its own request, body and headers',
    ratio('largest page, 100 (GET, cache hit)', floorLargest.name),
  ],
  [
    '`{ __typename }` on the API ÷ on the bare Yoga + Pothos Worker',
    ratio('{ __typename } on the API (POST)', helloWorld.name),
  ],
  [
    'worst cache hit ÷ floor (target ≥ 0.8)',
    Math.min(...cached.map((op) => ratio(op.name, floorOp.name))),
  ],
  ['most CPU of any operation, µs (target ≤ 2,500)', Math.max(...summary.map((s) => s.cpuUs))],
  ['marginal CPU per KB, list page → largest page, µs (target ≤ ~135)', marginalPerKb],
] as const;

let markdown = `## Throughput and CPU (${new Date().toISOString().slice(0, 10)})

\`npm run bench\` (${rounds} interleaved rounds × ${seconds} s a target, autocannon with ${connections} connections, each Worker on its own workerd process via Miniflare on loopback, the cache misses each on one of their own; every body checked; 0 errors). ÷ floor and the checks' ratios are medians of round-by-round ratios. CPU is the workerd process's CPU time (/proc schedstat) divided by requests.

| target | response KiB | req/s | ÷ floor | p50 ms | p99 ms | CPU µs/req | CPU µs/KiB |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

| check | value |
| --- | --- |
${checks.map(([name, value]) => `| ${name} | ${value.toFixed(2)} |`).join('\n')}

Bundle: ${(sizes.raw / 1024).toFixed(1)} KiB raw, ${(sizes.gzip / 1024).toFixed(1)} KiB gzip (target ≤ 320 KiB gzip), of which the serialized search index is ${(indexSizes.raw / 1024).toFixed(1)} KiB raw, ${(indexSizes.gzip / 1024).toFixed(1)} KiB gzipped on its own. Startup CPU (\`wrangler check startup\`, non-idle samples of its profile): ${startupMs.toFixed(1)} ms (target ≤ 100 ms).
`;
console.log(markdown);
for (const s of [api, apiMiss, apiCacheApi, apiCacheApiNoStore, hello, floor]) await s.mf.dispose();

if (!values['no-scale']) {
  const { scaleRun } = await import('./scale.ts');
  markdown += `\n${await scaleRun(out, rounds)}`;
}
writeFileSync(`${out}/results.md`, markdown);
console.log(`results written to ${out}/results.md`);
