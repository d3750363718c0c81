import { createHash } from 'node:crypto';
import { tableNames, tables } from '../../src/model/packed.ts';
import { filterLists, reverseRelations } from '../../src/model/relations.ts';
import type { Corpus, ExcerptData, Index } from '../../src/model/types.ts';
import { buildCorpus } from '../data/build.ts';
import { Problems } from '../data/problems.ts';
import { bodyOf, type Home, homesOf, inserts, literal, sortKey } from './corpus-sql.ts';
import { searchRows } from './search-sql.ts';

type TableName = (typeof tableNames)[number];

/** What the database holds that an added article's rows depend on. */
export interface DatabaseView {
  /** Every record's id by type and slug. */
  ids: Map<string, Map<string, number>>;
  /** Each article's rank (its sort key) by slug. */
  ranks: Map<string, number>;
  version: string;
}

/** The references of each record type, by field, and the type they name. */
const references: Record<string, Record<string, string>> = {
  Article: { publisher: 'Actor' },
  Actor: { affiliation: 'Actor' },
  Statement: {
    speaker: 'Actor',
    reportedBy: 'Actor',
    mentions: 'Actor',
    meeting: 'Meeting',
    draftClauses: 'DraftClause',
    topics: 'Topic',
  },
  Meeting: { participants: 'Actor', mediators: 'Actor' },
  DraftAgreement: { meeting: 'Meeting' },
  DraftClause: {
    agreement: 'DraftAgreement',
    proposedBy: 'Actor',
    supportedBy: 'Actor',
    opposedBy: 'Actor',
    topics: 'Topic',
  },
  Position: { actor: 'Actor', topics: 'Topic' },
  Topic: {},
};

const tableOf = (type: string) => tableNames.find((n) => tables[n] === type) as TableName;

/**
 * The statements that add or replace one article in a database, as one batch: its records
 * and links replaced (ids kept for slugs the database knows, the next free ones for new
 * slugs), the tallies they touch recounted, the search tables rebuilt (their statistics are
 * the whole corpus's), and a new data version. The article is compiled with the corpus under
 * `roots`, so it is validated as the build validates it; every record it references outside
 * itself must also be one the database holds. Throws a DataError naming file, record and
 * problem; then nothing is to be run.
 */
export function addArticleStatements(
  roots: readonly string[],
  slug: string,
  view: DatabaseView,
): { statements: string[]; version: string } {
  const built = buildCorpus(roots);
  const { corpus } = built;
  const homes = homesOf(roots);
  const problems = new Problems();
  const own = (name: TableName, i: Index) =>
    homes[name].get((corpus[name][i] as { slug: string }).slug)?.article === slug;
  if (!corpus.articles.some((a) => a.slug === slug)) {
    problems.add({ file: `articles/${slug}` }, 'is not an article of these roots');
    problems.throwIfAny();
  }

  // Ids: the database's for every slug it knows, the next free ones for the article's new slugs.
  const ids = new Map<string, Map<string, number>>();
  for (const name of tableNames) {
    const type = tables[name];
    const known = new Map(view.ids.get(type) ?? []);
    let next = Math.max(-1, ...known.values()) + 1;
    corpus[name].forEach((r, i) => {
      if (own(name, i) && !known.has(r.slug)) known.set(r.slug, next++);
    });
    ids.set(type, known);
  }
  const idOf = (type: string, index: Index, field: string, place: string): number => {
    const record = corpus[tableOf(type)][index] as { slug: string };
    const id = ids.get(type)?.get(record.slug);
    if (id === undefined) {
      problems.add(
        { file: `articles/${slug}`, record: place },
        `${field} "${record.slug}" does not resolve to any ${type} the database holds`,
      );
      return -1;
    }
    return id;
  };
  const rank = view.ranks.get(slug) ?? Math.max(-1, ...view.ranks.values()) + 1;
  const rankOf = (article: Index) => {
    const s = corpus.articles[article]?.slug ?? '';
    return s === slug ? rank : (view.ranks.get(s) ?? 0);
  };
  const sortOf = (name: TableName, i: Index): string => {
    const r = corpus[name][i] as { slug: string; excerpts: ExcerptData[] };
    // Only the article's own records are placed: their home is the article, at its rank.
    const home = { ...(homes[name].get(r.slug) as Home), articleRank: rank };
    return sortKey(r, home, rankOf, name === 'articles');
  };

  const records: unknown[][] = [];
  const links: unknown[][] = [];
  for (const name of tableNames) {
    const type = tables[name];
    corpus[name].forEach((r, i) => {
      if (!own(name, i)) return;
      const place = `${name}[${i}] (${r.slug})`;
      const remapped: Record<string, unknown> = { ...r };
      for (const [field, target] of Object.entries(references[type] ?? {})) {
        const value = remapped[field];
        if (typeof value === 'number') remapped[field] = idOf(target, value, field, place);
        else if (Array.isArray(value)) {
          remapped[field] = value.map((v: number) => idOf(target, v, field, place));
        }
      }
      const span = (e: ExcerptData) => ({
        ...e,
        article: idOf('Article', e.article, 'excerpt', place),
      });
      const body = JSON.parse(bodyOf(corpus, remapped)) as Record<string, unknown>;
      if (Array.isArray(body.excerpts)) body.excerpts = (body.excerpts as ExcerptData[]).map(span);
      if (body.excerpt) body.excerpt = span(body.excerpt as ExcerptData);
      if (Array.isArray(body.paragraphs)) {
        body.paragraphs = (body.paragraphs as ExcerptData[]).map(span);
      }
      const id = ids.get(type)?.get(r.slug) as number;
      records.push([type, id, r.slug, slug, sortOf(name, i), JSON.stringify(body)]);
    });
  }
  for (const [ownerType, fields] of Object.entries(reverseRelations)) {
    const owners = corpus[tableOf(ownerType)] as unknown as Record<string, Index[]>[];
    for (const [field, itemType] of Object.entries(fields)) {
      const items = tableOf(itemType);
      owners.forEach((owner, o) => {
        for (const item of owner[field] ?? []) {
          if (!own(items, item)) continue;
          const ownerId = idOf(ownerType, o, field, `${ownerType} ${o}`);
          const itemId = idOf(itemType, item, field, `${itemType} ${item}`);
          links.push([`${ownerType}.${field}`, ownerId, sortOf(items, item), itemId, slug]);
        }
      });
    }
  }
  for (const [list, itemType] of Object.entries(filterLists)) {
    const items = tableOf(itemType);
    for (const [owner, indexes] of Object.entries(
      corpus.filters[list as keyof Corpus['filters']],
    )) {
      for (const item of indexes) {
        if (!own(items, item)) continue;
        links.push([list, owner, sortOf(items, item), idOf(itemType, item, list, list), slug]);
      }
    }
  }
  problems.throwIfAny();

  const search = searchRows(built);
  search.search_doc = search.search_doc.map(([doc, type, item, boost]) => [
    doc,
    type,
    idOf(type, item, 'search', `search document ${doc}`),
    boost,
  ]);
  problems.throwIfAny();

  const version = createHash('sha256')
    .update(view.version)
    .update(built.corpus.version)
    .update(slug)
    .digest('hex')
    .slice(0, 16);
  const home = literal(slug);
  const touched = `(list, owner) IN (SELECT list, owner FROM link WHERE home = ${home})`;
  return {
    version,
    statements: [
      // The lists the old rows were in: recounted below, or dropped if left empty.
      `UPDATE tally SET n = -1 WHERE ${touched}`,
      `DELETE FROM link WHERE home = ${home}`,
      `DELETE FROM record WHERE home = ${home}`,
      ...inserts('record', records, 200),
      ...inserts('link', links),
      `INSERT OR REPLACE INTO tally SELECT list, owner, COUNT(*) FROM link WHERE ${touched} OR (list, owner) IN (SELECT list, owner FROM tally WHERE n = -1) GROUP BY list, owner`,
      'DELETE FROM tally WHERE n = -1',
      "INSERT OR REPLACE INTO tally SELECT type, '', COUNT(*) FROM record GROUP BY type",
      ...Object.keys(search).map((table) => `DELETE FROM ${table}`),
      ...Object.entries(search).flatMap(([table, rows]) => inserts(table, rows as unknown[][])),
      `INSERT OR REPLACE INTO meta VALUES ('version', ${literal(version)})`,
    ],
  };
}

/** The view a full load of `roots` leaves in a database (what the tests add to). */
export function viewOfLoad(roots: readonly string[]): DatabaseView {
  const { corpus } = buildCorpus(roots);
  const ids = new Map<string, Map<string, number>>();
  for (const name of tableNames) {
    ids.set(tables[name], new Map(corpus[name].map((r, i) => [r.slug, i])));
  }
  return {
    ids,
    ranks: new Map(corpus.articles.map((a, i) => [a.slug, i])),
    version: corpus.version,
  };
}
