import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from '../data/problems.ts';
import { domainTables } from './domain-rows.ts';
import { searchSql } from './search-sql.ts';
import { d1, type Target, targetOf } from './wrangler.ts';

// A backup of the archive that works with FTS5, and its restore:
//   npm run d1:export -- --local|--remote [--out backups/newsgraph.sql]
//   npm run d1:restore -- <file> --local|--remote
// `wrangler d1 export` of a whole database refuses one with a virtual table ("cannot export
// databases with Virtual Tables (fts5)", workers-sdk issue 6305), so the export names the
// tables that hold the archive (the domain tables and the data version), data only. The
// search index, its vocabulary and the tallies are derived from them: a restore applies the
// migrations to an empty database, loads the rows (the triggers count them again), and
// indexes them again (scripts/d1/search-sql.ts), in one file that wrangler runs as a whole.

/** The tables a backup holds: everything the rest is derived from. */
export const backedUpTables = [...domainTables, 'meta'];

/** Exports the archive's tables (data only) into `out`; returns the statements' count. */
export function exportArchive(target: Target, out: string): number {
  mkdirSync(dirname(out), { recursive: true });
  const part = `${out}.part`;
  d1(
    target,
    'export',
    '--output',
    part,
    '--no-schema',
    ...backedUpTables.map((table) => `--table=${table}`),
  );
  const body = readFileSync(part, 'utf8');
  rmSync(part);
  writeFileSync(
    out,
    `-- newsgraph archive backup (scripts/d1/backup.ts): restore with npm run d1:restore\n${body}`,
  );
  return body.split(/;\s*$/m).filter((s) => s.trim().length > 0).length;
}

/** Restores a backup into the target's database, which must hold no archive yet. */
export function restoreArchive(target: Target, file: string, work = 'generated/d1'): void {
  d1(target, 'migrations', 'apply');
  const held = d1(target, 'execute', '--json', '--command', 'SELECT COUNT(*) AS n FROM meta');
  if (!/"n":\s*0\b/.test(held)) {
    throw new Error('the database already holds an archive: restore into an empty one');
  }
  mkdirSync(work, { recursive: true });
  const script = join(work, 'restore.sql');
  writeFileSync(
    script,
    [
      // Rows come table by table; each names rows of others: checked when the file commits.
      'PRAGMA defer_foreign_keys = on;',
      readFileSync(file, 'utf8'),
      ...searchSql().map((s) => `${s};`),
    ].join('\n'),
  );
  d1(target, 'execute', '--yes', '--file', script);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [command, ...args] = process.argv.slice(2);
  try {
    const target = targetOf(args);
    if (command === 'export') {
      const at = args.indexOf('--out');
      const out =
        at >= 0 && args[at + 1]
          ? (args[at + 1] as string)
          : `backups/newsgraph-${new Date().toISOString().slice(0, 10)}.sql`;
      const n = exportArchive(target, out);
      console.log(
        `d1 ${target.slice(2)}: ${n} statements of ${backedUpTables.length} tables → ${out}`,
      );
    } else if (command === 'restore') {
      const file = args.find((a) => !a.startsWith('--'));
      if (!file) throw new Error('usage: npm run d1:restore -- <file> --local|--remote');
      restoreArchive(target, file);
      console.log(`d1 ${target.slice(2)}: ${file} restored and indexed`);
    } else {
      throw new Error('usage: tsx scripts/d1/backup.ts export|restore …');
    }
  } catch (error) {
    console.error(error instanceof DataError ? error.message : (error as Error).message);
    process.exit(1);
  }
}
