import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// A second article that cites the shipped article's registry entities, as a newsroom's next
// report on the same story would: a copy of the shipped article under its own slugs and a later
// date, written into its own folder only. The archive tests (test/archive/) serve it beside the
// test corpus, to check the order, the filters and that no registry entity is duplicated.

export const copySlug = 'istanbul-talks-2025-copy';
const source = 'test/fixtures/shipped/articles/istanbul-talks-2025';

type Raw = Record<string, unknown>;

/** Writes `<root>/articles/<copySlug>/` and returns the root. */
export function writeArchiveCopy(root = 'generated/test-archive'): string {
  rmSync(root, { recursive: true, force: true });
  const dir = join(root, 'articles', copySlug);
  mkdirSync(dir, { recursive: true });
  cpSync(source, dir, { recursive: true });
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const write = (file: string, value: unknown) =>
    writeFileSync(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  write('article.json', {
    ...read('article.json'),
    slug: copySlug,
    title: 'The Istanbul talks, a month on',
    publishedOn: { year: 2025, month: 6, day: 2 },
  });
  // What an article says is its own: its statements and positions take slugs of their own.
  for (const file of ['statements.json', 'positions.json']) {
    write(
      file,
      (read(file) as Raw[]).map((r) => ({ ...r, slug: `${r.slug}-copy` })),
    );
  }
  return root;
}
