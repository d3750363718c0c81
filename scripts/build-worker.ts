import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleSizes } from './bundle.ts';

// Bundles the Worker exactly as `wrangler deploy` would, without deploying, and reports the
// size that counts against the Workers limits (gzip) beside the raw size.
const outdir = 'dist';
// Emptied first: wrangler leaves the modules of an earlier build (data of another version)
// beside the new ones, and the size would count them.
rmSync(outdir, { recursive: true, force: true });
execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], { stdio: 'inherit' });

const { raw, gzip } = bundleSizes(outdir);
console.log(`bundle: ${(raw / 1024).toFixed(1)} KiB raw, ${(gzip / 1024).toFixed(1)} KiB gzip`);

// The playground ships beside the Worker as static assets (wrangler.toml `[assets]`, built by
// the deploy's build step): not counted against the Worker's size limit, but downloaded by
// every browser that opens it.
const assetsDir = 'generated/static';
let assetRaw = 0;
let assetGzip = 0;
let assetFiles = 0;
for (const entry of readdirSync(assetsDir, { recursive: true })) {
  const path = join(assetsDir, String(entry));
  if (!statSync(path).isFile()) continue;
  const bytes = readFileSync(path);
  assetFiles += 1;
  assetRaw += bytes.length;
  assetGzip += gzipSync(bytes, { level: 9 }).length;
}
console.log(
  `playground assets: ${assetFiles} files, ${(assetRaw / 1024).toFixed(1)} KiB raw, ${(assetGzip / 1024).toFixed(1)} KiB gzip`,
);
