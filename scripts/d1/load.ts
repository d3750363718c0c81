import { mkdirSync, writeFileSync } from 'node:fs';
import { DataError } from '../data/problems.ts';
import { corpusSql, corpusTables, emptyIndexSql } from './corpus-sql.ts';
import { d1, targetOf } from './wrangler.ts';

// npm run d1:load -- --local | --remote
// Applies the migrations, then replaces the whole corpus in the `d1` environment's database
// with the one under data/, in one file that wrangler runs as a whole.
const out = 'generated/d1/corpus.sql';
try {
  const target = targetOf(process.argv.slice(2));
  const { statements, version } = corpusSql(['data']);
  mkdirSync('generated/d1', { recursive: true });
  writeFileSync(
    out,
    `${[
      'PRAGMA defer_foreign_keys = on',
      emptyIndexSql,
      ...[...corpusTables].reverse().map((t) => `DELETE FROM ${t}`),
      ...statements,
    ].join(';\n')};\n`,
  );
  d1(target, 'migrations', 'apply');
  d1(target, 'execute', '--yes', '--file', out);
  console.log(`d1 ${target.slice(2)}: corpus ${version} loaded (${out})`);
} catch (error) {
  console.error(error instanceof DataError ? error.message : (error as Error).message);
  process.exit(1);
}
