import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { registryFiles } from './records.ts';

// Usage: tsx scripts/data/to-registry.ts --root data [--root …]
// Moves a root from the one-folder-per-article layout, where an entity lived in the folder of
// the article that named it first, to the archive's: each entity's article-independent fields
// go to `<root>/registry/<kind>.json`, and each article's file of that kind keeps only its
// citations (the slug, the spans of its text, an actor's aliases). Statements and positions
// stay where they are. A root that has a registry already is left alone.

type Raw = Record<string, unknown>;
const write = (path: string, value: unknown) =>
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);

export function moveToRegistry(root: string): string[] {
  const registryDir = join(root, 'registry');
  if (existsSync(registryDir)) return [];
  const registry = new Map<string, Raw[]>(Object.keys(registryFiles).map((f) => [f, []]));
  const articles = join(root, 'articles');
  const folders = readdirSync(articles).sort();
  const folderOf = new Map<string, string>();
  for (const folder of folders) {
    const article = JSON.parse(readFileSync(join(articles, folder, 'article.json'), 'utf8')) as Raw;
    folderOf.set(article.slug as string, folder);
  }
  // Each excerpt goes to a citation in the folder of the article it stands in: an entity that
  // several articles named lived in the first one's folder, with spans in the others.
  const citations = new Map<string, Map<string, Raw>>();
  const cite = (folder: string, file: string, slug: unknown, aliases: unknown, excerpt: Raw) => {
    const path = join(articles, folder, file);
    const inFile = citations.get(path) ?? new Map<string, Raw>();
    citations.set(path, inFile);
    const citation = inFile.get(slug as string) ?? {
      slug,
      ...(Array.isArray(aliases) && aliases.length > 0 ? { aliases } : {}),
      excerpts: [],
    };
    (citation.excerpts as Raw[]).push(excerpt);
    inFile.set(slug as string, citation);
  };
  for (const folder of folders) {
    for (const file of Object.keys(registryFiles)) {
      const path = join(articles, folder, file);
      if (!existsSync(path)) continue;
      citations.set(path, citations.get(path) ?? new Map());
      for (const r of JSON.parse(readFileSync(path, 'utf8')) as Raw[]) {
        const { excerpts, aliases, ...entity } = r;
        const isActor = file === 'actors.json';
        registry.get(file)?.push(entity);
        for (const e of (excerpts as Raw[] | undefined) ?? []) {
          const { article, ...rest } = e;
          const home = article === undefined ? folder : folderOf.get(article as string);
          if (home === undefined || home === folder)
            cite(folder, file, r.slug, isActor ? aliases : [], e);
          else cite(home, file, r.slug, [], rest);
        }
      }
    }
  }
  const written: string[] = [];
  for (const [path, inFile] of citations) {
    write(path, [...inFile.values()]);
    written.push(path);
  }
  mkdirSync(registryDir, { recursive: true });
  for (const [file, entries] of registry) {
    if (entries.length === 0) continue;
    write(join(registryDir, file), entries);
    written.push(join(registryDir, file));
  }
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { root: { type: 'string', multiple: true } } });
  for (const root of values.root ?? ['data']) {
    const written = moveToRegistry(root);
    console.log(
      `${root}: ${written.length === 0 ? 'has a registry already' : `${written.length} files written`}`,
    );
  }
}
