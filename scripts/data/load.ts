import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import { articleKey } from '../../src/model/archive-order.ts';
import { tables } from '../../src/model/packed.ts';
import { didYouMean, jsonErrorOffset, lineAndColumn } from './hints.ts';
import type { Place, Problems } from './problems.ts';
import {
  type ActorRecord,
  type AgreementRecord,
  type ArticleRecord,
  articleRecord,
  type CitationRecord,
  type ClauseRecord,
  citationFiles,
  type ExcerptRecord,
  type MeetingRecord,
  type PositionRecord,
  recordFiles,
  registryFiles,
  type StatementRecord,
  type TopicRecord,
} from './records.ts';

/** A record with where it came from, so that later checks can name its file and position. */
export interface Sourced<T> {
  record: T;
  place: Place;
  /**
   * The slug of the article whose folder holds the record (the default for its excerpts); for
   * a registry entity, the oldest article that names it.
   */
  article: string;
}

/**
 * Where each excerpt of a registry entity was written: the citation in an article's folder,
 * and its field there. Checks name that place, not the registry entry the excerpt was
 * gathered into.
 */
const excerptOrigins = new WeakMap<ExcerptRecord, { place: Place; field: string }>();

/** The place and field a problem with excerpt `e` of `item` names. */
export function excerptOrigin(
  e: ExcerptRecord,
  item: Sourced<unknown>,
  field: string,
): { place: Place; field: string } {
  return excerptOrigins.get(e) ?? { place: item.place, field };
}

export interface SourcedArticle extends Sourced<ArticleRecord> {
  text: string;
}

export interface LoadedCorpus {
  articles: SourcedArticle[];
  actors: Sourced<ActorRecord>[];
  statements: Sourced<StatementRecord>[];
  meetings: Sourced<MeetingRecord>[];
  draftAgreements: Sourced<AgreementRecord>[];
  draftClauses: Sourced<ClauseRecord>[];
  positions: Sourced<PositionRecord>[];
  topics: Sourced<TopicRecord>[];
  /** The aliases each article names an actor by in its citation: article → actor → aliases. */
  aliases?: Map<string, Map<string, string[]>>;
  /** Each actor's aliases as its registry entry writes them, before citations add theirs. */
  registryAliases?: Map<string, string[]>;
}

/** How a load treats the registry. */
export interface LoadOptions {
  /**
   * Keep registry entries no article under the roots names (d1:add reads one article with
   * the registry entries it needs: the others are named by articles the database holds).
   */
  partial?: boolean;
}

type FileName = keyof typeof recordFiles;
type Collection = Exclude<keyof LoadedCorpus, 'articles' | 'aliases' | 'registryAliases'>;
type RegistryCollection = 'actors' | 'meetings' | 'draftAgreements' | 'draftClauses' | 'topics';

export const collections: Record<FileName, Collection> = {
  'actors.json': 'actors',
  'statements.json': 'statements',
  'meetings.json': 'meetings',
  'agreements.json': 'draftAgreements',
  'clauses.json': 'draftClauses',
  'positions.json': 'positions',
  'topics.json': 'topics',
};

const isCitationFile = (name: string): name is keyof typeof citationFiles =>
  Object.hasOwn(citationFiles, name);

/** A citation as read from an article folder, before it is gathered into its entity. */
interface Citation {
  collection: RegistryCollection;
  citation: Sourced<CitationRecord>;
}

const known = new Set<string>(['article.json', ...Object.keys(recordFiles)]);

function readJson(path: string, place: Place, problems: Problems): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    // file:line:column, as editors and terminals link it, rather than a character offset.
    const offset = jsonErrorOffset((error as Error).message);
    const at = offset === undefined ? undefined : lineAndColumn(text, offset);
    const file = at ? `${place.file}:${at.line}:${at.column}` : place.file;
    const reason = (error as Error).message.replace(/ in JSON at position \d+.*$/, '');
    problems.add({ ...place, file }, `is not valid JSON: ${reason}`);
    return undefined;
  }
}

function describe(issues: z.core.$ZodIssue[]): string {
  return issues
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export function recordLabel(collection: string, position: number, value: unknown): string {
  const slug =
    typeof value === 'object' && value !== null && 'slug' in value ? String(value.slug) : '?';
  return `${collection}[${position}] (${slug})`;
}

/**
 * Reads each root's registry (`<root>/registry/<kind>.json`) and every article folder
 * (`<root>/articles/<folder>/`): the article, its text, what it says and what it cites, each
 * record checked against its schema. A corpus is the union of its roots, so a new article is
 * a new folder (and any new registry entries) and nothing else. Articles come in the archive's
 * order, newest first; each registry entity gathers the excerpts and aliases of the articles
 * that cite it, in that order.
 */
export function loadCorpus(
  roots: readonly string[],
  problems: Problems,
  options: LoadOptions = {},
): LoadedCorpus {
  const corpus: LoadedCorpus = {
    articles: [],
    actors: [],
    statements: [],
    meetings: [],
    draftAgreements: [],
    draftClauses: [],
    positions: [],
    topics: [],
  };
  const citations: Citation[] = [];
  for (const root of roots) {
    const articlesDir = join(root, 'articles');
    if (!existsSync(articlesDir)) {
      problems.add({ file: articlesDir }, 'no such folder: a data root holds articles/<slug>/');
      continue;
    }
    loadRegistry(join(root, 'registry'), corpus, problems);
    for (const folder of readdirSync(articlesDir).sort()) {
      loadFolder(join(articlesDir, folder), corpus, citations, problems);
    }
  }
  const keys = new Map(
    corpus.articles.map((a) => [a, articleKey(a.record.slug, a.record.publishedOn)]),
  );
  corpus.articles.sort((a, b) => ((keys.get(a) ?? '') < (keys.get(b) ?? '') ? -1 : 1));
  gatherCitations(corpus, citations, problems, options);
  return corpus;
}

/** Each kind of registry file that exists under `dir`, its entries checked, excerpts empty. */
function loadRegistry(dir: string, corpus: LoadedCorpus, problems: Problems): void {
  if (!existsSync(dir)) return;
  const shown = relative(process.cwd(), dir) || dir;
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.json') && !Object.hasOwn(registryFiles, name)) {
      problems.add(
        { file: join(shown, name) },
        `is not a registry file (expected one of ${Object.keys(registryFiles).join(', ')})`,
      );
    }
  }
  for (const [fileName, schema] of Object.entries(registryFiles)) {
    const collection = collections[fileName as FileName];
    readRecords(join(dir, fileName), join(shown, fileName), collection, schema, problems, (r) =>
      (corpus[collection] as Sourced<unknown>[]).push({
        record: {
          ...(r.record as object),
          excerpts: [],
          // A copy: the registry entry's own aliases stay as written (registryAliases).
          ...(Array.isArray((r.record as { aliases?: unknown }).aliases)
            ? { aliases: [...(r.record as { aliases: string[] }).aliases] }
            : {}),
        },
        place: r.place,
        article: '',
      }),
    );
  }
}

/**
 * The records of one JSON file (an array), each checked against `schema`; `add` takes the
 * valid ones with their places. An absent file holds none.
 */
function readRecords(
  path: string,
  file: string,
  collection: string,
  schema: z.ZodType,
  problems: Problems,
  add: (item: { record: unknown; place: Place }) => void,
): void {
  if (!existsSync(path)) return;
  const type = tables[collection as Collection];
  const values = readJson(path, { file }, problems);
  if (values === undefined || !Array.isArray(values)) {
    if (values !== undefined) problems.add({ file }, 'must hold a JSON array of records');
    problems.refuse(type);
    return;
  }
  values.forEach((value, position) => {
    const place = { file, record: recordLabel(collection, position, value) };
    const result = schema.safeParse(value);
    if (!result.success) {
      problems.add(place, describe(result.error.issues));
      const slug = (value as { slug?: unknown } | null)?.slug;
      problems.refuse(type, typeof slug === 'string' ? slug : undefined);
      return;
    }
    add({ record: result.data, place });
  });
}

/**
 * Gathers every citation into the registry entity it names (its excerpts, with their article,
 * and an actor's aliases), in the archive's order, and refuses a citation of no entity, an
 * entity cited twice by one article and an entity that no article names.
 */
function gatherCitations(
  corpus: LoadedCorpus,
  citations: Citation[],
  problems: Problems,
  options: LoadOptions,
): void {
  corpus.aliases = new Map();
  corpus.registryAliases = new Map(
    corpus.actors.map((a) => [
      a.record.slug,
      [...((a.record as { aliases?: string[] }).aliases ?? [])],
    ]),
  );
  const rank = new Map(corpus.articles.map((a, i) => [a.record.slug, i]));
  const entities = new Map<string, Sourced<{ slug: string; excerpts: ExcerptRecord[] }>>();
  for (const collection of registryCollections) {
    const items = corpus[collection] as Sourced<{ slug: string; excerpts: ExcerptRecord[] }>[];
    // A slug defined twice is refused here, where the first definition is known, and the
    // second left out, so that the citations gather into one entity.
    const kept = items.filter((item) => {
      const key = `${collection} ${item.record.slug}`;
      const first = entities.get(key);
      if (first) {
        problems.add(
          item.place,
          `duplicate ${tables[collection]} slug "${item.record.slug}" (first defined in ${first.place.file} › ${first.place.record})`,
        );
        return false;
      }
      entities.set(key, item);
      return true;
    });
    // Not splice(…, ...kept): an archive's entities are more arguments than a call takes.
    items.length = 0;
    for (const item of kept) items.push(item);
  }
  // The oldest article that names an entity is its home: adding a newer one never moves it.
  const named = new Map<string, string>();
  const name = (key: string, article: string) => {
    const seen = named.get(key);
    if (seen === undefined || (rank.get(article) ?? 0) > (rank.get(seen) ?? 0)) {
      named.set(key, article);
    }
  };
  for (const a of corpus.articles) {
    for (const slug of [a.record.publisher, ...a.record.authors]) {
      if (slug !== undefined) name(`actors ${slug}`, a.record.slug);
    }
  }
  const ordered = [...citations].sort(
    (a, b) => (rank.get(a.citation.article) ?? 0) - (rank.get(b.citation.article) ?? 0),
  );
  const cited = new Set<string>();
  for (const { collection, citation } of ordered) {
    const { record, place, article } = citation;
    const key = `${collection} ${record.slug}`;
    const entity = entities.get(key);
    if (!entity) {
      // Its registry entry was refused already, with its own problem.
      if (problems.wasRefused(tables[collection], record.slug)) continue;
      const known = (corpus[collection] as Sourced<{ slug: string }>[]).map((e) => e.record.slug);
      problems.add(
        place,
        `cites ${collection} "${record.slug}", which no registry file defines (add it to registry/${registryFileOf(collection)})${didYouMean(record.slug, known)}`,
      );
      continue;
    }
    if (cited.has(`${key} ${article}`)) {
      problems.add(place, `cites ${collection} "${record.slug}" a second time in this article`);
      continue;
    }
    cited.add(`${key} ${article}`);
    name(key, article);
    record.excerpts.forEach((e, i) => {
      e.article ??= article;
      excerptOrigins.set(e, { place, field: `excerpts[${i}]` });
      entity.record.excerpts.push(e);
    });
    const actor = entity.record as unknown as { aliases?: string[] };
    if (record.aliases && record.aliases.length > 0) {
      const byActor = corpus.aliases.get(article) ?? new Map<string, string[]>();
      byActor.set(record.slug, record.aliases);
      corpus.aliases.set(article, byActor);
    }
    for (const alias of record.aliases ?? []) {
      if (actor.aliases && !actor.aliases.includes(alias)) actor.aliases.push(alias);
    }
  }
  for (const [key, item] of entities) {
    const home = named.get(key);
    if (home === undefined && options.partial) continue;
    if (home === undefined) {
      const [collection = ''] = key.split(' ');
      problems.add(
        item.place,
        `no article names this ${singular[collection as RegistryCollection]}: cite it from an article's ${registryFileOf(collection as RegistryCollection)}${collection === 'actors' ? ' (or name it as a publisher or author)' : ''}, or remove it from the registry`,
      );
      continue;
    }
    item.article = home;
  }
}

/** The collections the registry holds, one file each (records.ts registryFiles). */
export const registryCollections = Object.keys(registryFiles).map(
  (file) => collections[file as FileName] as RegistryCollection,
);
const singular: Record<RegistryCollection, string> = {
  actors: 'actor',
  meetings: 'meeting',
  draftAgreements: 'draft agreement',
  draftClauses: 'draft clause',
  topics: 'topic',
};
const registryFileOf = (collection: RegistryCollection) =>
  Object.keys(registryFiles).find((f) => collections[f as FileName] === collection) ?? '';

function loadFolder(
  dir: string,
  corpus: LoadedCorpus,
  citations: Citation[],
  problems: Problems,
): void {
  const shown = relative(process.cwd(), dir) || dir;
  const articlePath = join(dir, 'article.json');
  const articlePlace = { file: join(shown, 'article.json') };
  if (!existsSync(articlePath)) {
    problems.add(articlePlace, 'is missing: every article folder needs one');
    return;
  }
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.json') && !known.has(name)) {
      problems.add(
        { file: join(shown, name) },
        `is not a known record file (expected one of ${[...known].join(', ')})`,
      );
    }
  }
  const parsed = articleRecord.safeParse(readJson(articlePath, articlePlace, problems));
  if (!parsed.success) {
    problems.add(articlePlace, describe(parsed.error.issues));
    return;
  }
  const article = parsed.data;
  const textPath = join(dir, article.textFile);
  if (!existsSync(textPath)) {
    problems.add(articlePlace, `textFile "${article.textFile}" does not exist`);
    return;
  }
  const place = { file: articlePlace.file, record: `article (${article.slug})` };
  corpus.articles.push({
    record: article,
    place,
    article: article.slug,
    text: readFileSync(textPath, 'utf8'),
  });

  for (const [fileName, schema] of Object.entries(recordFiles) as [
    FileName,
    (typeof recordFiles)[FileName],
  ][]) {
    const collection = collections[fileName];
    const file = join(shown, fileName);
    readRecords(join(dir, fileName), file, collection, schema, problems, ({ record, place }) => {
      const item = { record, place, article: article.slug };
      if (isCitationFile(fileName)) {
        citations.push({
          collection: collection as RegistryCollection,
          citation: item as Sourced<CitationRecord>,
        });
      } else (corpus[collection] as Sourced<unknown>[]).push(item);
    });
  }
}
