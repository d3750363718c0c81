import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

interface Profile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * The Worker's startup CPU, from `wrangler check startup`'s profile of a bundle built by
 * `wrangler deploy --dry-run --outfile`: the sampled time that was not idle.
 */
export function startupCpuMs(bundle: string, profile: string): number {
  execFileSync(
    'npx',
    ['wrangler', 'check', 'startup', '--workerBundle', bundle, '--outfile', profile],
    {
      stdio: 'pipe',
    },
  );
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
