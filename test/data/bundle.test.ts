import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// The Worker bundled as `wrangler deploy` bundles it, from a config without the build step
// (npm test has built the data already) and without assets, which are not in the bundle.
function bundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsgraph-bundle-'));
  writeFileSync(
    join(dir, 'wrangler.toml'),
    `name = "bundle-check"\nmain = ${JSON.stringify(resolve('src/index.ts'))}\ncompatibility_date = "2025-11-01"\nkeep_names = false\n`,
  );
  execFileSync(
    'npx',
    ['wrangler', 'deploy', '--dry-run', '--config', join(dir, 'wrangler.toml'), '--outdir', dir],
    { stdio: 'pipe' },
  );
  return readFileSync(join(dir, 'index.js'), 'utf8');
}

describe('the bundle', () => {
  it('is one byte a character to V8, and within the size limit', () => {
    const source = bundle();
    // V8 holds a script's source for the isolate's life, and at two bytes a character if a
    // single one is past Latin-1: a "…" in a comment esbuild kept doubled a source that is
    // mostly the data. esbuild escapes strings; comments are copied as written.
    const wide = source.search(/[\u0100-\uffff]/);
    expect(wide === -1 ? '' : source.slice(Math.max(0, wide - 80), wide + 20)).toBe('');
    expect(gzipSync(source, { level: 9 }).length).toBeLessThanOrEqual(320 * 1024);
  }, 60_000);
});
