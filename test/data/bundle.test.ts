import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtModules, bundleSizes } from '../../scripts/bundle.ts';

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
  return dir;
}

describe('the bundle', () => {
  it('is one byte a character to V8, with the data as Text modules, and within the size limit', () => {
    const dir = bundle();
    const modules = builtModules(dir);
    // The script and the data's two Text modules, which hold nearly all of it.
    expect(modules.filter((m) => m.name.endsWith('.txt'))).toHaveLength(2);
    const script = modules.find((m) => m.name === 'index.js')?.content.toString('utf8') ?? '';
    expect(script.length).toBeGreaterThan(0);
    expect(script).not.toContain('"tables":');
    // V8 holds a script's source for the isolate's life, and any string at two bytes a
    // character if a single one is past Latin-1: a "…" in a comment esbuild kept doubled a
    // source that then held the data. esbuild escapes strings; comments are copied as written.
    for (const { name, content } of modules) {
      const text = content.toString('utf8');
      const wide = text.search(/[\u0100-\uffff]/);
      expect(wide === -1 ? '' : `${name}: ${text.slice(Math.max(0, wide - 80), wide + 20)}`).toBe(
        '',
      );
    }
    expect(bundleSizes(dir).gzip).toBeLessThanOrEqual(320 * 1024);
  }, 60_000);
});
