import { spawnSync } from 'node:child_process';

/** Which database a command acts on: Miniflare's local D1 or the real one. */
export type Target = '--local' | '--remote';

export function targetOf(args: readonly string[]): Target {
  const remote = args.includes('--remote');
  if (remote && args.includes('--local')) throw new Error('say --local or --remote, not both');
  return remote ? '--remote' : '--local';
}

/**
 * Runs `wrangler d1 …` on the `d1` environment's database; throws on failure. D1_CONFIG names
 * another wrangler configuration than ./wrangler.toml (the tests' own, whose local state is
 * beside it: `d1 export` takes no --persist-to).
 */
export function d1(target: Target, ...args: string[]): string {
  const config = process.env.D1_CONFIG ? ['--config', process.env.D1_CONFIG] : [];
  // The database's name right after the command: an array option (export's --table) would
  // take it for one of its values.
  const words = args[0] === 'migrations' ? 2 : 1;
  const command = [...args.slice(0, words), 'DB', ...args.slice(words)];
  const result = spawnSync(
    'npx',
    ['wrangler', 'd1', ...command, '--env', 'd1', target, ...config],
    {
      encoding: 'utf8',
      // Non-interactive: migrations apply without asking.
      env: { ...process.env, CI: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    throw new Error(`wrangler d1 ${args[0]} failed (exit ${result.status})`);
  }
  return result.stdout;
}

/** The rows a read-only query returns, through `wrangler d1 execute --json`. */
export function query<T>(target: Target, sql: string): T[] {
  const out = d1(target, 'execute', '--json', '--command', sql);
  const parsed = JSON.parse(out.slice(out.indexOf('['))) as { results: T[] }[];
  return parsed.flatMap((p) => p.results);
}
