import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serveInspected } from './inspector.ts';
import { probe, run } from './load.ts';
import { cached, uncached } from './operations.ts';
import { buildWorker, deployedVars } from './workerd.ts';

// npm run bench:profile -- --op "entity detail (POST)" [--seconds 3] [--bindings CACHE_API=on]
//   [--script <a built Worker>]
// A CPU profile of the Worker as deployed, under the benchmark's load for one operation,
// taken through workerd's inspector: the hottest functions by self time, and the whole
// profile in .bench/profile.cpuprofile (open it in Chrome's DevTools). The sampler slows the
// isolate, so the figures rank costs; npm run bench measures them.
const { values } = parseArgs({
  options: {
    op: { type: 'string' },
    seconds: { type: 'string', default: '3' },
    bindings: { type: 'string', multiple: true, default: [] },
    script: { type: 'string' },
  },
});
const op = [...uncached, ...cached].find((o) => o.name === values.op);
if (!op) {
  const names = [...uncached, ...cached].map((o) => `  ${o.name}`).join('\n');
  throw new Error(`--op names one of the benchmark's operations:\n${names}`);
}
mkdirSync('.bench', { recursive: true });
if (!values.script) buildWorker([], '.bench/profiled');
const script = values.script ?? '.bench/profiled/index.js';
// The vars wrangler.toml deploys with, the log off, then any --bindings NAME=value.
const served = await serveInspected('api', {
  scriptPath: script,
  bindings: {
    ...deployedVars(),
    ...Object.fromEntries(values.bindings.map((b) => b.split('=') as [string, string])),
  },
});
const { inspector, mf } = served;
const send = inspector.send;
// Loaded as the benchmark loads it, each new key made the same way, every body checked.
const body = await probe(served, op);
await run(served, op, body, 1);
await send('Profiler.enable');
await send('Profiler.setSamplingInterval', { interval: 50 });
await send('Profiler.start');
const result = await run(served, op, body, Number(values.seconds));
const { profile } = (await send('Profiler.stop')) as {
  profile: {
    nodes: {
      id: number;
      callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    }[];
    samples: number[];
    timeDeltas: number[];
  };
};
writeFileSync('.bench/profile.cpuprofile', JSON.stringify(profile));
const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
let total = 0;
profile.samples.forEach((s, i) => {
  const node = byId.get(s);
  const f = node?.callFrame;
  const key = `${f?.functionName || '(anon)'} ${f?.url.split('/').pop()}:${f?.lineNumber}:${f?.columnNumber}`;
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  self.set(key, (self.get(key) ?? 0) + dt);
});
console.log(
  `${result.requests} requests, ${result.errors} errors or wrong bodies; sampled ${(total / 1000).toFixed(0)} ms`,
);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
  console.log(
    `${((100 * v) / total).toFixed(1).padStart(5)}%  ${(v / result.requests).toFixed(1).padStart(6)} µs/req  ${k}`,
  );
}
inspector.close();
await mf.dispose();
