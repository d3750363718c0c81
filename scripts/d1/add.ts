import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { buildCorpus } from '../data/build.ts';
import { DataError } from '../data/problems.ts';
import { addArticleStatements, citedBy, readView } from './add-sql.ts';
import { articleAloneRoot } from './article-alone.ts';
import { d1, query, targetOf } from './wrangler.ts';

// npm run d1:add -- data/articles/<slug> --local | --remote
// Adds or replaces one article in the `d1` environment's database by its folder and the
// registry entries it needs (scripts/d1/article-alone.ts): no other article's folder is read.
// It is validated as the build validates it and against what the database holds, and run as
// one file. Locally wrangler runs a file as one D1 batch, which is one transaction (a failing
// statement leaves every row as it was; test/data/d1-add.test.ts, test/worker/d1-add.test.ts);
// remotely it goes through D1's import API, whose all-or-nothing behaviour is not tested here.
// D1 refuses BEGIN/COMMIT.
const args = process.argv.slice(2);
const folder = args.find((a) => !a.startsWith('--'));
let alone: string | undefined;
try {
  if (!folder) throw new Error('usage: npm run d1:add -- data/articles/<slug> --local|--remote');
  const target = targetOf(args);
  const dir = resolve(folder);
  const slug = basename(dir);
  // The registry beside the article's own articles/ folder, and data/'s.
  const root = dirname(dirname(dir));
  const ask = <T>(sql: string) => query<T>(target, sql);
  alone = articleAloneRoot(dir, [...new Set([resolve('data'), root])], await citedBy(ask, slug));
  const built = buildCorpus([alone], { partial: true });
  const view = await readView(ask, slug, [alone], built);
  const { statements, version } = addArticleStatements([alone], slug, view, built);
  const out = `generated/d1/add-${slug}.sql`;
  mkdirSync('generated/d1', { recursive: true });
  writeFileSync(out, `${statements.join(';\n')};\n`);
  d1(target, 'execute', '--yes', '--file', out);
  console.log(`d1 ${target.slice(2)}: article ${slug} added, data version ${version}`);
} catch (error) {
  let message = error instanceof DataError ? error.message : (error as Error).message;
  // Name the article's own files, not the temporary root they were read through.
  if (alone && folder) {
    const shown = relative(process.cwd(), alone);
    message = message.replaceAll(
      `${shown}/articles`,
      dirname(relative(process.cwd(), resolve(folder))),
    );
  }
  console.error(message);
  process.exitCode = 1;
} finally {
  if (alone) rmSync(alone, { recursive: true, force: true });
}
