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

/**
 * Each migration's statements: they end at a semicolon that ends a line, but for a trigger's,
 * which end at its END.
 */
export function migrationStatements(dir = 'migrations'): string[][] {
  return migrationFiles(dir).map((file) => {
    const statements: string[] = [];
    let current: string[] = [];
    let trigger = false;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (/^\s*--/.test(line)) continue;
      current.push(line);
      if (/^\s*CREATE TRIGGER\b/i.test(line)) trigger = true;
      if (trigger ? /^\s*END;\s*$/i.test(line) : /;\s*$/.test(line)) {
        statements.push(current.join('\n').trim().replace(/;$/, ''));
        current = [];
        trigger = false;
      }
    }
    const rest = current.join('\n').trim();
    if (rest) statements.push(rest);
    return statements.filter((s) => s.length > 0);
  });
}
