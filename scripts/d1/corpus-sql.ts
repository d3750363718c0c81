import { articleKeys, sortKeys } from '../../src/model/archive-order.ts';
import { tableNames, tables } from '../../src/model/packed.ts';
import type { Index } from '../../src/model/types.ts';
import { type BuiltData, buildCorpus } from '../data/build.ts';
import { DomainRows, domainTables } from './domain-rows.ts';
import { searchSql } from './search-sql.ts';

// The corpus as D1 holds it (migrations/0007_domain.sql), from the same validated, compiled
// records the bundle is built from.

type TableName = (typeof tableNames)[number];

/**
 * Every table the corpus fills (migrations/), which a whole load empties first, with the
 * search index (emptied by its delete-all command, emptyIndexSql).
 */
/** The search index emptied (contentless FTS5 tables take no DELETE of every row). */
export const emptyIndexSql = "INSERT INTO search (search) VALUES ('delete-all')";

export const corpusTables = [...domainTables, 'tally', 'meta', 'search_doc', 'search_delete'];

/** Where each record was defined: its home article's slug and key (src/model/archive-order.ts). */
export interface Home {
  article: string;
  articleKey: string;
}

/** Each record's home, by table and slug, from where the build found it. */
export function homesOf(built: BuiltData): Record<TableName, Map<string, Home>> {
  const keys = articleKeys(built.corpus.articles);
  const homes = {} as Record<TableName, Map<string, Home>>;
  for (const name of tableNames) {
    const map = new Map<string, Home>();
    for (const { slug, article } of built.origins[name] ?? []) {
      map.set(slug, { article, articleKey: keys.get(article) ?? '' });
    }
    homes[name] = map;
  }
  return homes;
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

export const tableOf = (type: string) => tableNames.find((n) => tables[n] === type) as TableName;

/** The rows of the corpus tables (domain-rows.ts), a whole load's ids and sort keys. */
export function corpusRows(built: BuiltData, homes: Record<TableName, Map<string, Home>>) {
  const { corpus } = built;
  const ids = loadIds(built);
  const idOf = (type: string, index: Index) => ids[tableOf(type)][index] as number;
  const articleKeyOf = (article: Index) =>
    homes.articles.get(corpus.articles[article]?.slug ?? '')?.articleKey ?? '';
  // The compiled order is these keys' order (archive-order.ts recordSortKey orders both).
  const sorts = sortKeys(corpus, articleKeyOf);
  const rows = new DomainRows(
    corpus,
    idOf,
    (name, i) => sorts[name][i] as string,
    built.citationAliases,
  );
  for (const name of tableNames) {
    for (let i = 0; i < corpus[name].length; i++) rows.add(name, i);
  }
  rows.meta.push(['version', corpus.version]);
  return rows;
}

/**
 * The statements that fill an empty database (migrations applied) with the corpus under
 * `roots`.
 */
export function corpusSql(roots: readonly string[]): { statements: string[]; version: string } {
  const built = buildCorpus(roots);
  const homes = homesOf(built);
  const rows = corpusRows(built, homes);
  return {
    version: built.corpus.version,
    statements: [
      // Records name records of other kinds, and actors actors: checked when the load commits.
      'PRAGMA defer_foreign_keys = on',
      ...rows.inserts(),
      ...searchSql(),
    ],
  };
}
