import { readFileSync } from 'node:fs';
import { median } from './stats.ts';
import { wrangler } from './workerd.ts';

interface Profile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** The sampled time of a `wrangler check startup` profile that was not idle, in ms. */
function busyMs(profile: string): number {
  const p = JSON.parse(readFileSync(profile, 'utf8')) as Profile;
  const idle = new Set(
    p.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id),
  );
  let busy = 0;
  p.samples.forEach((sample, i) => {
    if (!idle.has(sample)) busy += p.timeDeltas[i] ?? 0;
  });
  return busy / 1000;
}

/**
 * The Worker's startup CPU, from `wrangler check startup`'s profile of a bundle built by
 * `wrangler deploy --dry-run --outfile`: the median of `runs` checks, since one check moves
 * with whatever else this shared machine is doing.
 */
export function startupCpuMs(bundle: string, profile: string, runs = 3): number {
  const readings: number[] = [];
  for (let i = 0; i < runs; i++) {
    wrangler('check', 'startup', '--workerBundle', bundle, '--outfile', profile);
    readings.push(busyMs(profile));
  }
  return median(readings);
}
