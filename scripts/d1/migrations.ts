import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The migrations as the Node-side tools apply them to a Miniflare D1 (the bench, the data
// tests); wrangler and the Workers pool read the same files themselves.

/** The migration files, in the order wrangler applies them. */
export function migrationFiles(dir = 'migrations'): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => join(dir, f));
}

/** Each migration's statements: they end at a semicolon that ends a line. */
export function migrationStatements(dir = 'migrations'): string[][] {
  return migrationFiles(dir).map((file) =>
    readFileSync(file, 'utf8')
      .split(/;\s*$/m)
      .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
      .filter((s) => s.length > 0),
  );
}
