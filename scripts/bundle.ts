import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The modules `wrangler deploy --dry-run --outdir` wrote: the script and the data's Text
 * modules beside it, as uploaded (its README and source map are not).
 */
export function builtModules(dir: string): { name: string; content: Buffer }[] {
  return readdirSync(dir)
    .filter((name) => /\.(js|txt)$/.test(name))
    .map((name) => ({ name, content: readFileSync(join(dir, name)) }));
}

/** A built Worker's upload, raw and gzipped as one stream (as wrangler sizes it). */
export function bundleSizes(dir: string): { raw: number; gzip: number } {
  const all = Buffer.concat(builtModules(dir).map((m) => m.content));
  return { raw: all.length, gzip: gzipSync(all, { level: 9 }).length };
}
