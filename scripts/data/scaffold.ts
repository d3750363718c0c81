import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { occurrences } from './locate.ts';
import { DataError } from './problems.ts';
import { articleRecord, recordFiles } from './records.ts';

// `npm run article:new`: a new article's folder, ready for its records. The text is kept
// verbatim but for what no reader sees (line endings, spaces at the ends of lines, runs of
// blank lines), since every offset counts it; a paragraph is a non-empty line, as the API
// counts them.

export interface NewArticle {
  slug: string;
  /** The article's text as given, before normalising. */
  text: string;
  title: string;
  url?: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  published?: string;
  /** The outlet's name: an actor of the corpus with that name or slug, or a new MEDIA actor. */
  outlet?: string;
}

/** The text as the folder keeps it. */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

export const slugify = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function partialDate(published: string) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(published);
  if (!m) throw new DataError([`--published "${published}": give YYYY, YYYY-MM or YYYY-MM-DD`]);
  const [, year, month, day] = m;
  return {
    year: Number(year),
    ...(month ? { month: Number(month) } : {}),
    ...(day ? { day: Number(day) } : {}),
  };
}

// The article.json field each option writes.
const flags: Record<string, string> = { publishedOn: 'published', publisher: 'outlet' };

/** Every actor of the root by slug, with its name (to find an outlet already known). */
function knownActors(root: string): Map<string, string> {
  const actors = new Map<string, string>();
  const dir = join(root, 'articles');
  if (!existsSync(dir)) return actors;
  for (const folder of readdirSync(dir)) {
    const path = join(dir, folder, 'actors.json');
    if (!existsSync(path)) continue;
    for (const a of JSON.parse(readFileSync(path, 'utf8')) as { slug: string; name: string }[]) {
      actors.set(a.slug, a.name);
    }
  }
  return actors;
}

/**
 * Creates `<root>/articles/<slug>/`: article.json, article.txt and an empty file of each kind
 * of record (the outlet as a MEDIA actor when the corpus has no such actor and the text
 * names it). Returns the folder and what the editor should know; throws a DataError naming
 * the problem, writing nothing, for an existing slug, an empty text or a bad field.
 */
export function scaffoldArticle(
  root: string,
  article: NewArticle,
): { dir: string; notes: string[] } {
  const dir = join(root, 'articles', article.slug);
  const problems: string[] = [];
  if (existsSync(dir)) problems.push(`${dir}: already exists; an article's slug is its folder`);
  const text = normaliseText(article.text);
  if (text.length === 0) problems.push('--text: the file holds no text');
  const notes: string[] = [];
  const actors: unknown[] = [];
  let publisher: string | undefined;
  if (article.outlet) {
    const known = knownActors(root);
    const slug = slugify(article.outlet);
    const match = [...known].find(([s, name]) => s === slug || name === article.outlet);
    if (match) publisher = match[0];
    else if (occurrences(text, article.outlet).length > 0) {
      publisher = slug;
      const times = occurrences(text, article.outlet).length;
      actors.push({
        slug,
        name: article.outlet,
        kind: 'MEDIA',
        excerpts: [{ text: article.outlet, ...(times > 1 ? { occurrence: 1 } : {}) }],
      });
      notes.push(
        `the outlet is a new MEDIA actor "${slug}" in actors.json, cited where the text first names it`,
      );
    } else {
      notes.push(
        `the outlet "${article.outlet}" is no actor of ${root} and the text does not name it: add it to actors.json with an excerpt, then set "publisher" in article.json`,
      );
    }
  }
  const record = {
    slug: article.slug,
    title: article.title,
    ...(publisher ? { publisher } : {}),
    ...(article.published ? { publishedOn: partialDate(article.published) } : {}),
    ...(article.url ? { url: article.url } : {}),
    textFile: 'article.txt',
    paragraphKinds: {},
  };
  const parsed = articleRecord.safeParse(record);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'slug');
      problems.push(`--${flags[field] ?? field}: ${issue.message}`);
    }
  }
  if (problems.length > 0) throw new DataError(problems);

  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'article.json'), `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(join(dir, 'article.txt'), text);
  for (const name of Object.keys(recordFiles)) {
    writeFileSync(
      join(dir, name),
      `${JSON.stringify(name === 'actors.json' ? actors : [], null, 2)}\n`,
    );
  }
  return { dir, notes };
}
