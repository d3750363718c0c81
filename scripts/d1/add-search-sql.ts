import { type TypeName, tableOf } from '../../src/model/d1/tables.ts';
import { type SearchableType, searchableTypes } from '../../src/model/search-options.ts';
import { deletionsSql, indexSql, unindexSql } from './search-sql.ts';
import { literal } from './sql.ts';

// The statements that replace one article's search documents (migrations/0008) and no one
// else's but those its rewrite changes: the documents of its statements and positions, of the
// registry entities it rewrites, and of other articles' statements and positions whose speaker
// it renames. Each is found by key, so the cost grows with the article, not the archive.

/** What an added article's search documents are, as SQL over the domain tables. */
export interface Reindexed {
  /** The article's id, an SQL expression. */
  article: string;
  /** The registry entities it rewrites, by kind. */
  rewritten: ReadonlyMap<TypeName, readonly number[]>;
  /** The actors whose words (name and aliases) it changes. */
  renamed: readonly number[];
}

const isSearchable = (type: string): type is SearchableType =>
  (searchableTypes as readonly string[]).includes(type);

/** Which rows of `type`'s table (`t`) the article's documents are, or null for none. */
function which({ article, rewritten, renamed }: Reindexed, type: SearchableType): string | null {
  const parts: string[] = [];
  if (type === 'Statement' || type === 'Position') {
    parts.push(`t.article = ${article}`);
    if (renamed.length > 0) {
      const by = type === 'Statement' ? 't.speaker' : 't.actor';
      parts.push(`${by} IN (SELECT value FROM json_each(${literal(JSON.stringify(renamed))}))`);
    }
  }
  const ids = rewritten.get(type as TypeName) ?? [];
  if (ids.length > 0)
    parts.push(`t.id IN (SELECT value FROM json_each(${literal(JSON.stringify(ids))}))`);
  return parts.length > 0 ? `(${parts.join(' OR ')})` : null;
}

/** Drops the article's documents: run before its rows are replaced, while they name them. */
export function unindexArticle(reindexed: Reindexed): string[] {
  const docs = searchableTypes
    .flatMap((type) => {
      const w = which(reindexed, type);
      return w === null
        ? []
        : [`(type = '${type}' AND item IN (SELECT t.id FROM ${tableOf[type]} t WHERE ${w}))`];
    })
    .join(' OR ');
  return unindexSql(`SELECT doc FROM search_doc WHERE ${docs}`);
}

/** Indexes the article's documents again from its new rows, and the typo table's new terms. */
export function indexArticle(reindexed: Reindexed): string[] {
  return [
    ...indexSql((type) => (isSearchable(type) ? which(reindexed, type) : null)),
    deletionsSql,
  ];
}
