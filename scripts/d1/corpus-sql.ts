import { writeFileSync } from 'node:fs';
import { articleKeys } from '../../src/model/archive-order.ts';
import { tableNames, tables } from '../../src/model/packed.ts';
import { filterLists, references, reverseRelations } from '../../src/model/relations.ts';
import type { Corpus, ExcerptData, Index } from '../../src/model/types.ts';
import { type BuiltData, buildCorpus } from '../data/build.ts';
import { searchSql } from './search-sql.ts';
import { inserts, spanParts } from './sql.ts';

// The corpus as D1 holds it (migrations/0001_corpus.sql), from the same validated, compiled
// records the bundle is built from.

type TableName = (typeof tableNames)[number];

/** Every table the corpus fills (migrations/), which a whole load empties first. */
export const corpusTables = [
  'record',
  'excerpts',
  'link',
  'tally',
  'meta',
  'search_doc',
  'search_posting',
  'search_term',
  'search_delete',
  'search_field',
  'search_stat',
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * Where each record was defined: its home article's slug and key (src/model/archive-order.ts)
 * and its place among the records of that home.
 */
export interface Home {
  article: string;
  articleKey: string;
  position: number;
}

/** Each record's home, by table and slug, from where the build found it. */
export function homesOf(built: BuiltData): Record<TableName, Map<string, Home>> {
  const keys = articleKeys(built.corpus.articles);
  const homes = {} as Record<TableName, Map<string, Home>>;
  for (const name of tableNames) {
    const map = new Map<string, Home>();
    const perArticle = new Map<string, number>();
    for (const { slug, article } of built.origins[name] ?? []) {
      const position = perArticle.get(article) ?? 0;
      perArticle.set(article, position + 1);
      map.set(slug, { article, articleKey: keys.get(article) ?? '', position });
    }
    homes[name] = map;
  }
  return homes;
}

/**
 * A record's place in default order, as text that sorts like the compiled order: the key of
 * the newest article its spans stand in (its date and slug), the earliest span's start there,
 * then its home article and its place among that home's records (how the build breaks ties).
 * An article sorts by its key. The keys never depend on which articles a database holds, so
 * the order is the same whatever order the articles were added in.
 */
export function sortKey(
  record: { excerpts: readonly ExcerptData[] },
  home: Home,
  keyOf: (article: Index) => string,
  isArticle: boolean,
): string {
  if (isArticle) return home.articleKey;
  let best: [string, number] | undefined;
  for (const e of record.excerpts) {
    const at: [string, number] = [keyOf(e.article), e.start];
    if (!best || at[0] < best[0] || (at[0] === best[0] && at[1] < best[1])) best = at;
  }
  // A record with no span (an actor named only as a publisher or author) sorts last.
  const [article, start] = best ?? ['~', 0];
  return `${article}${pad(start, 8)}${home.articleKey}${pad(home.position, 6)}`;
}

const reverseFields = (type: string) =>
  Object.keys((reverseRelations as Record<string, Record<string, string>>)[type] ?? {});

/** A record's body: the compiled record without its type name and reverse relations, every span with its words. */
export function bodyOf(corpus: Corpus, record: Record<string, unknown>): string {
  const type = record.typename as string;
  const words = (e: ExcerptData) => ({
    ...e,
    text: corpus.articles[e.article]?.text.slice(e.start, e.end),
  });
  const body: Record<string, unknown> = {};
  const skip = new Set(['typename', ...reverseFields(type)]);
  for (const [key, value] of Object.entries(record)) {
    if (skip.has(key)) continue;
    if (key === 'excerpts') body[key] = (value as ExcerptData[]).map(words);
    else if (key === 'excerpt') body[key] = words(value as ExcerptData);
    else body[key] = value;
  }
  return JSON.stringify(body);
}

/**
 * A record's body (as bodyOf writes it) with every id it holds given by `idOf` (type, compiled
 * index → the database's id): its references, and the article of each span and paragraph.
 */
export function bodyWithIds(
  corpus: Corpus,
  record: Record<string, unknown>,
  idOf: (type: string, index: Index, field: string) => number,
): string {
  const type = record.typename as string;
  const remapped: Record<string, unknown> = { ...record };
  for (const [field, target] of Object.entries(references[type] ?? {})) {
    const value = remapped[field];
    if (typeof value === 'number') remapped[field] = idOf(target, value, field);
    else if (Array.isArray(value))
      remapped[field] = value.map((v: number) => idOf(target, v, field));
  }
  const body = JSON.parse(bodyOf(corpus, remapped)) as Record<string, unknown>;
  const span = (e: ExcerptData) => ({ ...e, article: idOf('Article', e.article, 'excerpt') });
  if (Array.isArray(body.excerpts)) body.excerpts = (body.excerpts as ExcerptData[]).map(span);
  if (body.excerpt) body.excerpt = span(body.excerpt as ExcerptData);
  if (Array.isArray(body.paragraphs))
    body.paragraphs = (body.paragraphs as ExcerptData[]).map(span);
  return JSON.stringify(body);
}

/** The id a whole load gives each record, by table and compiled index (scripts/data/load-order.ts). */
export function loadIds({ order }: Pick<BuiltData, 'order'>): Record<TableName, number[]> {
  const ids = {} as Record<TableName, number[]>;
  for (const name of tableNames) {
    const list = new Array<number>(order[name].length);
    order[name].forEach((index, id) => {
      list[index] = id;
    });
    ids[name] = list;
  }
  return ids;
}

/** A record's row and its rows of `excerpts` (migrations/0004), from its body as bodyOf writes it. */
export function recordRows(
  head: [type: string, id: number, slug: string, home: string, sort: string],
  body: string,
  partBytes?: number,
): { record: unknown[]; excerpts: unknown[][] } {
  const { excerpts, ...rest } = JSON.parse(body) as Record<string, unknown>;
  const [type, id, , home] = head;
  return {
    record: [...head, JSON.stringify(rest)],
    excerpts: spanParts((excerpts as unknown[]) ?? [], partBytes).map((spans, part) => [
      type,
      id,
      part,
      home,
      spans,
    ]),
  };
}

export const tableOf = (type: string) => tableNames.find((n) => tables[n] === type) as TableName;

/** One row of `link` before ids and sort keys are given to it: a list, its owner, one item. */
export interface LinkEntry {
  list: string;
  /** A record (its type and compiled index) for a relation, a filter's key for a filter list. */
  owner: { type: string; index: Index } | string;
  items: TableName;
  item: Index;
}

/** Every relation and filter-list membership of a compiled corpus, as `link` holds them. */
export function* linkEntries(corpus: Corpus): Generator<LinkEntry> {
  for (const [ownerType, fields] of Object.entries(reverseRelations)) {
    const owners = corpus[tableOf(ownerType)] as unknown as Record<string, Index[]>[];
    for (const [field, itemType] of Object.entries(fields)) {
      const items = tableOf(itemType);
      for (const [index, owner] of owners.entries()) {
        for (const item of owner[field] ?? []) {
          yield { list: `${ownerType}.${field}`, owner: { type: ownerType, index }, items, item };
        }
      }
    }
  }
  for (const [list, itemType] of Object.entries(filterLists)) {
    const items = tableOf(itemType);
    for (const [owner, indexes] of Object.entries(
      corpus.filters[list as keyof Corpus['filters']],
    )) {
      for (const item of indexes) yield { list, owner, items, item };
    }
  }
}

/** The rows of the corpus tables, in column order. */
export function corpusRows(
  built: BuiltData,
  homes: Record<TableName, Map<string, Home>>,
  partBytes?: number,
) {
  const { corpus } = built;
  const ids = loadIds(built);
  const idOf = (type: string, index: Index) => ids[tableOf(type)][index] as number;
  const articleKeyOf = (article: Index) =>
    homes.articles.get(corpus.articles[article]?.slug ?? '')?.articleKey ?? '';
  const record: unknown[][] = [];
  const excerpts: unknown[][] = [];
  const link: unknown[][] = [];
  const sorts = {} as Record<TableName, string[]>;
  const homeOf = {} as Record<TableName, string[]>;
  for (const name of tableNames) {
    const type = tables[name];
    const list = corpus[name] as unknown as (Record<string, unknown> & {
      slug: string;
      excerpts: ExcerptData[];
    })[];
    sorts[name] = [];
    homeOf[name] = [];
    list.forEach((r, index) => {
      const id = idOf(type, index);
      const home = homes[name].get(r.slug);
      if (!home) throw new Error(`${type} "${r.slug}" has no home article`);
      const sort = sortKey(r, home, articleKeyOf, name === 'articles');
      sorts[name].push(sort);
      homeOf[name].push(home.article);
      const rows = recordRows(
        [type, id, r.slug, home.article, sort],
        bodyWithIds(corpus, r, idOf),
        partBytes,
      );
      record.push(rows.record);
      excerpts.push(...rows.excerpts);
    });
    // The default order is the compiled order; a key that disagrees would page differently.
    const keys = sorts[name];
    for (let i = 1; i < keys.length; i++) {
      if ((keys[i - 1] as string) >= (keys[i] as string)) {
        throw new Error(`${type} sort keys do not follow the compiled order at ${i}`);
      }
    }
  }
  for (const { list, owner, items, item } of linkEntries(corpus)) {
    const ownerKey = typeof owner === 'string' ? owner : idOf(owner.type, owner.index);
    link.push([list, ownerKey, sorts[items][item], idOf(tables[items], item), homeOf[items][item]]);
  }
  const counts = new Map<string, [string, unknown, number]>();
  for (const [list, owner] of link) {
    const key = `${list}\n${typeof owner}\n${owner}`;
    const entry = counts.get(key) ?? [list as string, owner, 0];
    entry[2]++;
    counts.set(key, entry);
  }
  const tally: unknown[][] = [...counts.values()];
  for (const name of tableNames) tally.push([tables[name], '', corpus[name].length]);
  return { record, excerpts, link, tally, meta: [['version', corpus.version]] };
}

/**
 * The statements that fill an empty database (migrations applied) with the corpus under
 * `roots`; `partBytes` bounds each row of a record's excerpts (tests make it small, so that
 * every record with spans has many).
 */
export function corpusSql(
  roots: readonly string[],
  { partBytes }: { partBytes?: number } = {},
): { statements: string[]; version: string } {
  const built = buildCorpus(roots);
  const homes = homesOf(built);
  const rows = corpusRows(built, homes, partBytes);
  const ids = loadIds(built);
  const place = (type: string, index: Index) => {
    const name = tableOf(type);
    const slug = (built.corpus[name][index] as { slug: string }).slug;
    return { id: ids[name][index] as number, home: homes[name].get(slug)?.article ?? '' };
  };
  return {
    version: built.corpus.version,
    statements: [
      ...inserts('record', rows.record, 200),
      ...inserts('excerpts', rows.excerpts, 200),
      ...inserts('link', rows.link),
      ...inserts('tally', rows.tally),
      ...inserts('meta', rows.meta),
      ...searchSql(built, place),
    ],
  };
}

/** The same statements as one SQL file, for `wrangler d1 execute --file`. */
export function corpusSqlFile(roots: readonly string[], out: string): string {
  const { statements, version } = corpusSql(roots);
  writeFileSync(out, `${statements.join(';\n')};\n`);
  return version;
}
