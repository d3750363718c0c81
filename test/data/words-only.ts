import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { occurrences } from '../../scripts/data/locate.ts';

type Raw = Record<string, unknown>;

/** Every record file of `root` with its excerpts reduced to their words (and occurrence). */
export function toWordsOnly(root: string) {
  const texts = new Map<string, string>();
  const folders = readdirSync(join(root, 'articles')).map((f) => join(root, 'articles', f));
  for (const dir of folders) {
    const article = JSON.parse(readFileSync(join(dir, 'article.json'), 'utf8')) as Raw;
    texts.set(article.slug as string, readFileSync(join(dir, article.textFile as string), 'utf8'));
  }
  for (const dir of folders) {
    const home = (JSON.parse(readFileSync(join(dir, 'article.json'), 'utf8')) as Raw)
      .slug as string;
    for (const name of readdirSync(dir).filter(
      (f) => f.endsWith('.json') && f !== 'article.json',
    )) {
      const path = join(dir, name);
      const records = JSON.parse(readFileSync(path, 'utf8')) as Raw[];
      const words = (e: Raw): Raw => {
        const { start, end: _end, ...rest } = e;
        const found = occurrences(texts.get((e.article as string) ?? home) ?? '', e.text as string);
        return found.length > 1
          ? { ...rest, occurrence: found.indexOf(start as number) + 1 }
          : rest;
      };
      for (const r of records) {
        if (r.excerpt) r.excerpt = words(r.excerpt as Raw);
        if (Array.isArray(r.excerpts)) r.excerpts = r.excerpts.map((e) => words(e as Raw));
      }
      writeFileSync(path, `${JSON.stringify(records, null, 2)}\n`);
    }
  }
}
