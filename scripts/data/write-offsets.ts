import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collections, loadCorpus, recordLabel } from './load.ts';
import { type ArticleText, articleText, locate } from './locate.ts';
import { Problems } from './problems.ts';
import { recordFiles } from './records.ts';

// `npm run data -- --write`: the offsets the build finds for excerpts given by their words,
// written back into the record files, so that a review diff shows exact spans. The files
// are rewritten as they are kept (two-space JSON, a final newline), and only when an
// excerpt changes; `occurrence` goes, as the offsets say it.

type Raw = Record<string, unknown>;

/** The excerpt with its offsets in the place a hand-written one has them: before the words. */
function withOffsets(e: Raw, start: number, end: number): Raw {
  const { article, start: _s, end: _e, occurrence: _o, text, ...rest } = e;
  return { ...(article === undefined ? {} : { article }), start, end, text, ...rest };
}

/** The files changed, by path; throws a DataError (file, record, field) for words it cannot place. */
export function writeOffsets(roots: readonly string[]): string[] {
  const problems = new Problems();
  const loaded = loadCorpus(roots, problems);
  problems.throwIfAny();
  const texts = new Map<string, ArticleText>(
    loaded.articles.map((a) => [a.record.slug, articleText(a)]),
  );
  const pending: [string, unknown[]][] = [];
  for (const root of roots) {
    const articles = join(root, 'articles');
    for (const folder of readdirSync(articles).sort()) {
      const dir = join(articles, folder);
      let home: string | undefined;
      try {
        home = (JSON.parse(readFileSync(join(dir, 'article.json'), 'utf8')) as Raw).slug as string;
      } catch {
        continue; // loadCorpus has refused a folder without a readable article.json
      }
      for (const name of Object.keys(recordFiles) as (keyof typeof recordFiles)[]) {
        const path = join(dir, name);
        let records: unknown[];
        try {
          records = JSON.parse(readFileSync(path, 'utf8')) as unknown[];
        } catch {
          continue; // absent: loadCorpus has already refused a file that is not JSON
        }
        let changed = false;
        records.forEach((record, position) => {
          const r = record as Raw;
          const place = { file: path, record: recordLabel(collections[name], position, r) };
          const fix = (e: Raw, field: string): Raw => {
            if (e.start !== undefined) return e;
            const article = texts.get((e.article as string | undefined) ?? (home as string));
            if (!article) return e;
            const found = locate(article, e.text as string, e.occurrence as number | undefined);
            if ('problem' in found) {
              problems.add(place, `${field} ${found.problem}`);
              return e;
            }
            changed = true;
            return withOffsets(e, found.start, found.end);
          };
          if (r.excerpt && typeof r.excerpt === 'object')
            r.excerpt = fix(r.excerpt as Raw, 'excerpt');
          if (Array.isArray(r.excerpts)) {
            r.excerpts = r.excerpts.map((e, i) => fix(e as Raw, `excerpts[${i}]`));
          }
        });
        if (changed) pending.push([path, records]);
      }
    }
  }
  // Nothing is written unless every excerpt could be placed.
  problems.throwIfAny();
  for (const [path, records] of pending) {
    writeFileSync(path, `${JSON.stringify(records, null, 2)}\n`);
  }
  return pending.map(([path]) => path);
}
