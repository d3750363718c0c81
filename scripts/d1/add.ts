import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { buildCorpus } from '../data/build.ts';
import { DataError } from '../data/problems.ts';
import { addArticleStatements, readView } from './add-sql.ts';
import { d1, query, targetOf } from './wrangler.ts';

// npm run d1:add -- data/articles/<slug> --local | --remote
// Adds or replaces one article in the `d1` environment's database, validated as the build
// validates it and against what the database holds, run as one file. Locally wrangler runs a
// file as one D1 batch, which is one transaction (a failing statement leaves every row as it
// was; test/data/d1-add.test.ts, test/worker/d1-add.test.ts); remotely it goes through D1's
// import API, whose all-or-nothing behaviour is not tested here. D1 refuses BEGIN/COMMIT.
const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith('--'));
try {
  if (!folder) throw new Error('usage: npm run d1:add -- data/articles/<slug> --local|--remote');
  const target = targetOf(args);
  const slug = basename(resolve(folder));
  // The article's own root, beside data/: its references resolve as the build resolves them.
  const root = dirname(dirname(resolve(folder)));
  const roots = [...new Set([resolve('data'), root])];
  const built = buildCorpus(roots);
  const view = await readView((sql) => query(target, sql), slug, roots, built);
  const { statements, version } = addArticleStatements(roots, slug, view, built);
  const out = `generated/d1/add-${slug}.sql`;
  mkdirSync('generated/d1', { recursive: true });
  writeFileSync(out, `${statements.join(';\n')};\n`);
  d1(target, 'execute', '--yes', '--file', out);
  console.log(`d1 ${target.slice(2)}: article ${slug} added, data version ${version}`);
} catch (error) {
  console.error(error instanceof DataError ? error.message : (error as Error).message);
  process.exit(1);
}
