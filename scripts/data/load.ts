import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import type { Place, Problems } from './problems.ts';
import {
  type ActorRecord,
  type AgreementRecord,
  type ArticleRecord,
  articleRecord,
  type ClauseRecord,
  type MeetingRecord,
  type PositionRecord,
  recordFiles,
  type StatementRecord,
  type TopicRecord,
} from './records.ts';

/** A record with where it came from, so that later checks can name its file and position. */
export interface Sourced<T> {
  record: T;
  place: Place;
  /** The slug of the article whose folder holds the record: the default for its excerpts. */
  article: string;
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
}

type FileName = keyof typeof recordFiles;

export const collections: Record<FileName, Exclude<keyof LoadedCorpus, 'articles'>> = {
  'actors.json': 'actors',
  'statements.json': 'statements',
  'meetings.json': 'meetings',
  'agreements.json': 'draftAgreements',
  'clauses.json': 'draftClauses',
  'positions.json': 'positions',
  'topics.json': 'topics',
};

const known = new Set<string>(['article.json', ...Object.keys(recordFiles)]);

function readJson(path: string, place: Place, problems: Problems): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.add(place, `is not valid JSON (${(error as Error).message})`);
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
 * Reads every article folder under each root (`<root>/articles/<folder>/`): the article, its
 * text and its record files, each record checked against its schema. A corpus is the union of
 * its roots, so a new article is a new folder and nothing else.
 */
export function loadCorpus(roots: readonly string[], problems: Problems): LoadedCorpus {
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
  for (const root of roots) {
    const articlesDir = join(root, 'articles');
    if (!existsSync(articlesDir)) {
      problems.add({ file: articlesDir }, 'no such folder: a data root holds articles/<slug>/');
      continue;
    }
    for (const folder of readdirSync(articlesDir).sort()) {
      loadFolder(join(articlesDir, folder), corpus, problems);
    }
  }
  return corpus;
}

function loadFolder(dir: string, corpus: LoadedCorpus, problems: Problems): void {
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
    const path = join(dir, fileName);
    if (!existsSync(path)) continue;
    const file = join(shown, fileName);
    const values = readJson(path, { file }, problems);
    if (values === undefined) continue;
    if (!Array.isArray(values)) {
      problems.add({ file }, 'must hold a JSON array of records');
      continue;
    }
    const collection = collections[fileName];
    values.forEach((value, position) => {
      const recordPlace = { file, record: recordLabel(collection, position, value) };
      const result = schema.safeParse(value);
      if (!result.success) {
        problems.add(recordPlace, describe(result.error.issues));
        return;
      }
      (corpus[collection] as Sourced<unknown>[]).push({
        record: result.data,
        place: recordPlace,
        article: article.slug,
      });
    });
  }
}
