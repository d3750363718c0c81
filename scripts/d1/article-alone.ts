import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tables } from '../../src/model/packed.ts';
import { referencesOf } from '../../src/model/relations.ts';
import { collections, registryCollections } from '../data/load.ts';
import { registryFiles } from '../data/records.ts';

// What d1:add compiles: one article's folder and the registry entries it needs, as a data root
// of their own, so that adding an article never reads another article's folder. The entries
// it needs are those it cites, those its records and its metadata name, those it cited before
// (the database says which), and what those entries name in turn (a clause's agreement, a
// meeting's participants): each is written if the database lacks it, and resolves there
// otherwise.

type Kind = string;

/** The slugs a record's reference fields name, by the type they name (relations.ts). */
function named(type: string, record: Record<string, unknown>, into: Map<Kind, Set<string>>) {
  for (const [field, target] of referencesOf(type)) {
    const value = record[field];
    for (const slug of Array.isArray(value) ? value : [value]) {
      if (typeof slug !== 'string') continue;
      into.set(target, (into.get(target) ?? new Set()).add(slug));
    }
  }
}

const readArray = (path: string): Record<string, unknown>[] => {
  if (!existsSync(path)) return [];
  const value = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
};

/**
 * A temporary root holding `folder` (an article's, linked, not copied) and, under registry/,
 * the entries of the roots' registries it needs, in their files' order. `citedBefore` are the
 * entities the database's version of the article cites, by type. A JSON file the build would
 * refuse is left for the build to name: this only reads what parses.
 */
export function articleAloneRoot(
  folder: string,
  registryRoots: readonly string[],
  citedBefore: ReadonlyMap<Kind, ReadonlySet<string>> = new Map(),
): string {
  const dir = resolve(folder);
  const slug = dir.split(/[\\/]/).pop() as string;
  const need = new Map<Kind, Set<string>>();
  for (const [type, slugs] of citedBefore) need.set(type, new Set(slugs));
  const safely = (fn: () => void) => {
    try {
      fn();
    } catch {
      // The build reports it, with its file and place.
    }
  };
  safely(() => {
    const article = JSON.parse(readFileSync(join(dir, 'article.json'), 'utf8'));
    named('Article', article, need);
  });
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const collection = collections[file as keyof typeof collections];
    if (!collection) continue;
    const type = tables[collection];
    safely(() => {
      for (const record of readArray(join(dir, file))) {
        if ((registryCollections as string[]).includes(collection)) {
          if (typeof record.slug === 'string') {
            need.set(type, (need.get(type) ?? new Set()).add(record.slug));
          }
        } else named(type, record, need);
      }
    });
  }
  // The registries' entries, by type and slug, and what each needs in turn.
  const entries = new Map<Kind, Map<string, Record<string, unknown>>>();
  for (const root of registryRoots) {
    for (const [file] of Object.entries(registryFiles)) {
      const collection = collections[file as keyof typeof collections];
      const type = tables[collection];
      safely(() => {
        for (const record of readArray(join(root, 'registry', file))) {
          if (typeof record.slug !== 'string') continue;
          const kind = entries.get(type) ?? new Map();
          // The first definition, as the build keeps it (it refuses the second).
          if (!kind.has(record.slug)) kind.set(record.slug, record);
          entries.set(type, kind);
        }
      });
    }
  }
  const queue = [...need].flatMap(([type, slugs]) => [...slugs].map((s) => [type, s] as const));
  while (queue.length > 0) {
    const [type, s] = queue.pop() as readonly [Kind, string];
    const entry = entries.get(type)?.get(s);
    if (!entry) continue;
    const more = new Map<Kind, Set<string>>();
    named(type, entry, more);
    for (const [target, slugs] of more) {
      for (const t of slugs) {
        if (need.get(target)?.has(t)) continue;
        need.set(target, (need.get(target) ?? new Set()).add(t));
        queue.push([target, t]);
      }
    }
  }
  const root = mkdtempSync(join(tmpdir(), 'newsgraph-d1-add-'));
  writeFileSync(join(root, '.gitignore'), '*\n');
  const registry = join(root, 'registry');
  const articles = join(root, 'articles');
  mkdirSync(registry);
  mkdirSync(articles);
  symlinkSync(dir, join(articles, slug), 'dir');
  for (const [file] of Object.entries(registryFiles)) {
    const type = tables[collections[file as keyof typeof collections]];
    const kept = [...(entries.get(type) ?? new Map()).entries()]
      .filter(([s]) => need.get(type)?.has(s))
      .map(([, record]) => record);
    writeFileSync(join(registry, file), `${JSON.stringify(kept, null, 2)}\n`);
  }
  return root;
}
