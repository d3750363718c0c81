import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  /** The outlet's name: a registry actor with that name or slug, or a new MEDIA actor. */
  outlet?: string;
  /** The byline's names: registry actors with those names or slugs, or new PERSON actors. */
  authors?: string[];
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

/** A name as a slug: "Kiev’s envoy" → "kievs-envoy", "Türkiye" → "turkiye". */
export const slugify = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
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

type RegistryActor = { slug: string; name: string; kind: string };

/** The root's registry of actors (registry/actors.json), as its file holds them. */
function registryActors(root: string): RegistryActor[] {
  const path = join(root, 'registry', 'actors.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RegistryActor[]) : [];
}

/**
 * Creates `<root>/articles/<slug>/`: article.json, article.txt and an empty file of each kind
 * of record; an outlet or author the registry does not hold is added to it (and cited where
 * the text names it). Returns the folder and what the editor should know; throws a DataError naming
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
  const registry = registryActors(root);
  const added: RegistryActor[] = [];
  const citations: unknown[] = [];
  // A publisher or author is the article's metadata: a registry actor, which needs no excerpt;
  // where the text names it too, the article cites it there.
  const actorFor = (name: string, kind: 'MEDIA' | 'PERSON', role: string): string => {
    const slug = slugify(name);
    const known = [...registry, ...added].find((a) => a.slug === slug || a.name === name);
    if (known) return known.slug;
    added.push({ slug, name, kind });
    const times = occurrences(text, name).length;
    if (times > 0) {
      citations.push({
        slug,
        excerpts: [{ text: name, ...(times > 1 ? { occurrence: 1 } : {}) }],
      });
    }
    notes.push(
      `the ${role} is a new ${kind} actor "${slug}" in registry/actors.json${times > 0 ? ', cited in actors.json where the text first names it' : ''}`,
    );
    return slug;
  };
  const publisher = article.outlet ? actorFor(article.outlet, 'MEDIA', 'outlet') : undefined;
  const authors = (article.authors ?? []).map((name) => actorFor(name, 'PERSON', 'author'));
  const record = {
    slug: article.slug,
    title: article.title,
    ...(publisher ? { publisher } : {}),
    ...(authors.length > 0 ? { authors } : {}),
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
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  writeFileSync(join(dir, 'article.json'), json(record));
  writeFileSync(join(dir, 'article.txt'), text);
  for (const name of Object.keys(recordFiles)) {
    writeFileSync(join(dir, name), json(name === 'actors.json' ? citations : []));
  }
  if (added.length > 0) {
    mkdirSync(join(root, 'registry'), { recursive: true });
    writeFileSync(join(root, 'registry', 'actors.json'), json([...registry, ...added]));
  }
  return { dir, notes };
}
