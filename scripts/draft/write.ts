import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DraftCitation, Drafts } from './draft.ts';
import type { EntityKind } from './names.ts';

// The drafts written into the files an editor keeps: the article's statements and citation
// files, and the registry's actors. Records already there are left exactly as they are;
// drafts are appended, each with its `draft` mark. Files are kept as the build's --write
// keeps them: two-space JSON and a final newline.

const citationFile: Record<EntityKind, string> = {
  actors: 'actors.json',
  meetings: 'meetings.json',
  draftAgreements: 'agreements.json',
  draftClauses: 'clauses.json',
  topics: 'topics.json',
};

type Raw = Record<string, unknown>;

const readArray = (path: string): Raw[] =>
  existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Raw[]) : [];

function writeArray(path: string, items: unknown[], written: string[]): void {
  writeFileSync(path, `${JSON.stringify(items, null, 2)}\n`);
  written.push(path);
}

// A citation's excerpts carry the marks: each place a name stands is accepted on its own.
const citationRecord = (c: DraftCitation): Raw => ({
  slug: c.slug,
  ...(c.kind === 'actors' ? { aliases: c.aliases } : {}),
  excerpts: c.excerpts,
});

/** Writes `drafts` into article folder `dir` and the registry of `root`; the files written. */
export function writeDrafts(dir: string, root: string, drafts: Drafts): string[] {
  const written: string[] = [];
  if (drafts.actors.length > 0) {
    // A root with no registry yet gets one.
    mkdirSync(join(root, 'registry'), { recursive: true });
    const path = join(root, 'registry', 'actors.json');
    writeArray(path, [...readArray(path), ...drafts.actors], written);
  }
  if (drafts.statements.length > 0) {
    const path = join(dir, 'statements.json');
    writeArray(path, [...readArray(path), ...drafts.statements], written);
  }
  for (const [kind, file] of Object.entries(citationFile) as [EntityKind, string][]) {
    const mine = drafts.citations.filter((c) => c.kind === kind);
    if (mine.length === 0) continue;
    const path = join(dir, file);
    const records = readArray(path);
    for (const c of mine) {
      const there = records.find((r) => r.slug === c.slug);
      if (there) there.excerpts = [...((there.excerpts as unknown[]) ?? []), ...c.excerpts];
      else records.push(citationRecord(c));
    }
    writeArray(path, records, written);
  }
  return written;
}
