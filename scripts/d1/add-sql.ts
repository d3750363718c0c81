import { createHash } from 'node:crypto';
import { tableNames, tables } from '../../src/model/packed.ts';
import { references } from '../../src/model/relations.ts';
import type { ExcerptData, Index } from '../../src/model/types.ts';
import { buildCorpus } from '../data/build.ts';
import { Problems } from '../data/problems.ts';
import {
  bodyOf,
  type Home,
  homesOf,
  linkEntries,
  recordRows,
  sortKey,
  tableOf,
} from './corpus-sql.ts';
import { searchRows } from './search-sql.ts';
import { inserts, literal } from './sql.ts';

type TableName = (typeof tableNames)[number];

/** What the database holds that an added article's rows depend on. */
export interface DatabaseView {
  /** Every record's id by type and slug. */
  ids: Map<string, Map<string, number>>;
  /** Each article's rank (its sort key) by slug. */
  ranks: Map<string, number>;
  version: string;
  /** The records the article defines now (its home), by type: slugs. */
  held?: Map<string, Set<string>>;
  /** Of those, the ones rows of other articles reference: `Type slug` → the referrers. */
  referencedBy?: Map<string, string[]>;
}

/** Runs one read-only SQL query on the database (wrangler in the CLI, D1 in the tests). */
export type Query = <T>(sql: string) => Promise<T[]> | T[];

/**
 * What the database holds that adding `slug` depends on: every record's id (the search
 * tables are rebuilt, so every record is needed), the article ranks, the version, and which
 * of the article's current records other articles reference (through the ids in their
 * bodies), so that a replacement that drops one of them is refused.
 */
export async function readView(query: Query, slug: string): Promise<DatabaseView> {
  const home = literal(slug);
  const rows = await query<{ type: string; id: number; slug: string; sort: string; home: string }>(
    'SELECT type, id, slug, sort, home FROM record',
  );
  const ids = new Map<string, Map<string, number>>();
  const ranks = new Map<string, number>();
  const held = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!ids.has(row.type)) ids.set(row.type, new Map());
    ids.get(row.type)?.set(row.slug, row.id);
    if (row.type === 'Article') ranks.set(row.slug, Number(row.sort));
    if (row.home === slug) {
      if (!held.has(row.type)) held.set(row.type, new Set());
      held.get(row.type)?.add(row.slug);
    }
  }
  const [meta] = await query<{ value: string }>("SELECT value FROM meta WHERE key = 'version'");
  // Every id in another article's body that names one of the article's records, by the
  // field it stands in: one scan of the bodies (D1 allows few terms in a compound SELECT).
  const fieldAt = (type: string, target: string, where: string) =>
    `(r.type = '${type}' AND t.type = '${target}' AND ${where})`;
  const conditions: string[] = [];
  for (const [type, fields] of Object.entries(references)) {
    for (const [field, target] of Object.entries(fields)) {
      const f = literal(field);
      const at = literal(`$.${field}`);
      conditions.push(fieldAt(type, target, `((j.path = '$' AND j.key = ${f}) OR j.path = ${at})`));
    }
    conditions.push(
      fieldAt(
        type,
        'Article',
        "j.key = 'article' AND (j.path = '$.excerpt' OR j.path LIKE '$.excerpts[%')",
      ),
    );
  }
  const referencedBy = new Map<string, string[]>();
  const referrers = await query<{
    type: string;
    slug: string;
    byType: string;
    bySlug: string;
    byHome: string;
  }>(
    `SELECT DISTINCT t.type AS type, t.slug AS slug, r.type AS byType, r.slug AS bySlug, r.home AS byHome FROM record r, json_tree(r.body) j JOIN record t ON t.home = ${home} AND t.id = j.atom WHERE r.home <> ${home} AND j.type = 'integer' AND (${conditions.join(' OR ')}) ORDER BY 1, 2, 3, 4`,
  );
  for (const r of referrers) {
    const key = `${r.type} ${r.slug}`;
    referencedBy.set(key, [
      ...(referencedBy.get(key) ?? []),
      `${r.byType} "${r.bySlug}" of ${r.byHome}`,
    ]);
  }
  return { ids, ranks, version: meta?.value ?? '', held, referencedBy };
}

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
  // The search tables are rebuilt from these roots: an article the database holds and they
  // do not would lose its search documents.
  for (const held of view.ranks.keys()) {
    if (!homes.articles.has(held)) {
      problems.add(
        { file: `articles/${held}` },
        `is in the database but not under ${roots.join(', ')}: its search rows would be lost`,
      );
    }
  }
  // A replacement may drop records, but not ones that other articles' rows still name.
  for (const [type, slugs] of view.held ?? []) {
    const name = tableOf(type);
    for (const s of slugs) {
      if (homes[name]?.get(s)?.article === slug) continue;
      for (const by of view.referencedBy?.get(`${type} ${s}`) ?? []) {
        problems.add(
          { file: `articles/${slug}`, record: `${name} (${s})` },
          `is dropped by this replacement but ${by} references it`,
        );
      }
    }
  }
  problems.throwIfAny();

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
  const spans: unknown[][] = [];
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
      const rows = recordRows([type, id, r.slug, slug, sortOf(name, i)], JSON.stringify(body));
      records.push(rows.record);
      spans.push(...rows.excerpts);
    });
  }
  for (const { list, owner, items, item } of linkEntries(corpus)) {
    if (!own(items, item)) continue;
    const ownerKey =
      typeof owner === 'string'
        ? owner
        : idOf(owner.type, owner.index, list, `${owner.type} ${owner.index}`);
    const itemId = idOf(tables[items], item, list, `${tables[items]} ${item}`);
    links.push([list, ownerKey, sortOf(items, item), itemId, slug]);
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
      `DELETE FROM excerpts WHERE home = ${home}`,
      ...inserts('record', records, 200),
      ...inserts('excerpts', spans, 200),
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
