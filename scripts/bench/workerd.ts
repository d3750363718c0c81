import { type ExecFileSyncOptions, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';

/** The vars wrangler.toml deploys the Worker with, and the request log off. */
export function deployedVars(): Record<string, string> {
  return {
    ...(unstable_readConfig({ config: 'wrangler.toml' }).vars as Record<string, string>),
    REQUEST_LOG: 'off',
  };
}

/**
 * The module types a built Worker's folder holds besides its script: wrangler writes the
 * data's Text modules (scripts/data/build.ts) beside it, and Miniflare, given a script path,
 * follows its imports by these rules.
 */
export const modulesRules: { type: 'Text'; include: string[] }[] = [
  { type: 'Text', include: ['**/*.txt'] },
];

/**
 * One Worker served by its own workerd process on loopback, with that process's CPU time.
 * `url` is the Worker's own socket: workerd hands each request straight to the Worker, as the
 * edge does, without Miniflare's entry Worker (`direct: false` keeps it, for comparison).
 */
export interface Served {
  name: string;
  url: URL;
  pid: number;
  mf: Miniflare;
}

function workerdChildren(): Set<number> {
  const pids = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [, comm, rest] = stat.match(/^\d+ \((.*)\) (.*)$/s) ?? [];
      const ppid = Number(rest?.split(' ')[1]);
      if (comm?.startsWith('workerd') && ppid === process.pid) pids.add(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** Nanoseconds of CPU the process has used, all its threads together (/proc schedstat). */
export function cpuNanoseconds(pid: number): number {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
  }
  return total;
}

/** The resident memory of a process, in bytes (/proc status, VmRSS). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0) * 1024;
}

/** The id the bench's D1 databases are persisted under. */
export const benchDatabase = 'newsgraph-bench';

export interface ServeOptions {
  scriptPath?: string;
  script?: string;
  bindings?: Record<string, string>;
  /** false: caches.default stores nothing (Miniflare's switch), as when no cache is there. */
  cache?: boolean;
  /** Opens workerd's V8 inspector on this port (scripts/bench/inspector.ts). */
  inspectorPort?: number;
  /**
   * false: requests go through Miniflare's entry Worker, a second Worker in the same process
   * that copies every request and response for local development (its logging, pretty
   * errors, live reload); it costs more than the cheapest Worker's whole request.
   */
  direct?: boolean;
  /** Binds the D1 database persisted in this folder as DB (scripts/bench/scale-d1.ts). */
  d1Persist?: string;
}

export async function serve(name: string, options: ServeOptions): Promise<Served> {
  const direct = options.direct ?? true;
  const before = workerdChildren();
  const mf = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    ...(options.inspectorPort ? { inspectorPort: options.inspectorPort } : {}),
    ...(options.d1Persist ? { d1Persist: options.d1Persist } : {}),
    workers: [
      {
        name,
        modules: true,
        modulesRules,
        compatibilityDate: '2025-11-01',
        ...(options.scriptPath
          ? { scriptPath: options.scriptPath }
          : { script: options.script ?? '' }),
        bindings: options.bindings ?? {},
        cache: options.cache ?? true,
        ...(options.d1Persist ? { d1Databases: { DB: benchDatabase } } : {}),
        ...(direct ? { unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }] } : {}),
      },
    ],
  });
  const entry = await mf.ready;
  const url = direct ? await mf.unsafeGetDirectURL(name) : entry;
  const pid = [...workerdChildren()].find((p) => !before.has(p));
  if (!pid) throw new Error(`no workerd process found for ${name}`);
  return { name, url, pid, mf };
}

/** Runs wrangler from the project's own dependencies, its output kept unless it fails. */
export const wrangler = (...args: string[]) =>
  execFileSync('npx', ['wrangler', ...args], { stdio: 'pipe' });

/** Runs a TypeScript script in a child process, as the npm scripts run them. */
export const tsx = (args: string[], options: ExecFileSyncOptions = { stdio: 'pipe' }) =>
  execFileSync('node_modules/.bin/tsx', args, options);

/**
 * Builds a Worker exactly as `wrangler deploy` would and deploys nothing: into `outdir`, the
 * script and its data modules that `serve` runs; into `outfile`, if given, the single bundle
 * that `wrangler check startup` profiles. `args` choose the config or the environment.
 */
export function buildWorker(args: string[], outdir: string, outfile?: string): void {
  // Emptied first: wrangler leaves an earlier build's data modules beside the new ones.
  rmSync(outdir, { recursive: true, force: true });
  // Absolute paths: wrangler resolves a config's command-line paths from the config's folder.
  wrangler('deploy', '--dry-run', ...args, '--outdir', resolve(outdir));
  if (outfile) wrangler('deploy', '--dry-run', ...args, '--outfile', resolve(outfile));
}
