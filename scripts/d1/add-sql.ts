import { createHash } from 'node:crypto';
import { articleKeys } from '../../src/model/archive-order.ts';
import { tableNames, tables } from '../../src/model/packed.ts';
import { filterLists, references, reverseRelations } from '../../src/model/relations.ts';
import { type SearchableType, searchableTypes } from '../../src/model/search-options.ts';
import type { ExcerptData, Index } from '../../src/model/types.ts';
import { type BuiltData, buildCorpus } from '../data/build.ts';
import { registryCollections } from '../data/load.ts';
import { Problems } from '../data/problems.ts';
import { names } from '../data/search-index.ts';
import { addSearchStatements, type Renamed } from './add-search-sql.ts';
import {
  bodyWithIds,
  type Home,
  homesOf,
  linkEntries,
  loadIds,
  recordRows,
  sortKey,
  tableOf,
} from './corpus-sql.ts';
import { docKey, documentRows } from './search-sql.ts';
import { inserts, literal } from './sql.ts';

type TableName = (typeof tableNames)[number];

/** What the database holds that an added article's rows depend on. */
export interface DatabaseView {
  /**
   * The id of every record the article's rows can name that the database holds, by type and
   * slug (all of the roots' in viewOfLoad).
   */
  ids: Map<string, Map<string, number>>;
  /** The next free id of each type (one more than the highest the database holds). */
  next: Map<string, number>;
  /** Each article's key in the archive's order (its sort key), by slug. */
  keys: Map<string, string>;
  version: string;
  /**
   * The records the article defines now and a replacement drops that rows of other articles
   * reference: `Type slug` → the referrers.
   */
  referencedBy?: Map<string, string[]>;
  /** The words (name and aliases) each of the article's actors is found by now, by slug. */
  words?: Map<string, string>;
  /** The registry entities the database's version of the article cites, by type. */
  cited?: Map<string, Set<string>>;
}

type Homes = ReturnType<typeof homesOf>;

/** Whether a compiled record (its table and index) is defined in `slug`'s own folder. */
const ownedBy =
  ({ corpus }: BuiltData, homes: Homes, slug: string) =>
  (name: TableName, i: Index): boolean =>
    homes[name].get((corpus[name][i] as { slug: string }).slug)?.article === slug;

const isSearchable = (type: string): type is SearchableType =>
  (searchableTypes as readonly string[]).includes(type);

/** The type of a list's items (`Article.actors` → Actor; a filter list by its name). */
const targetOfList = (list: string): string => {
  const [owner = '', field = ''] = list.split('.');
  return (
    (reverseRelations as Record<string, Record<string, string>>)[owner]?.[field] ??
    (filterLists as Record<string, string>)[list] ??
    ''
  );
};

// The registry's entities (scripts/data/records.ts registryFiles): several articles cite one.
const registryTables = new Set<TableName>(registryCollections);
/** The lists of the registry entities an article cites (owner the article). */
const citationLists = Object.entries(reverseRelations.Article)
  .filter(([, type]) => registryTables.has(tableOf(type)))
  .map(([field]) => `Article.${field}`);
/**
 * The lists whose items are registry entities and whose membership the registry alone decides
 * (an actor's kind, a meeting's participants): rewritten whole for a rewritten entity.
 */
const registryLists = (type: string): string[] => [
  ...Object.entries(reverseRelations).flatMap(([owner, fields]) =>
    owner === 'Article'
      ? []
      : Object.entries(fields)
          .filter(([, target]) => target === type)
          .map(([field]) => `${owner}.${field}`),
  ),
  ...Object.entries(filterLists)
    .filter(([, target]) => target === type)
    .map(([list]) => list),
];

/**
 * Whether d1:add writes a compiled record: one the article's folder defines, or a registry
 * entity the article cites now or cited before (its spans, aliases, place in the order and
 * search document change with the article's), or whose home the article is.
 */
function writtenBy(
  built: BuiltData,
  homes: Homes,
  slug: string,
  citedBefore: Map<string, Set<string>> = new Map(),
) {
  const { corpus } = built;
  const own = ownedBy(built, homes, slug);
  const article = corpus.articles.findIndex((a) => a.slug === slug);
  return (name: TableName, i: Index): boolean => {
    if (own(name, i)) return true;
    if (!registryTables.has(name)) return false;
    const r = corpus[name][i] as { slug: string; excerpts: ExcerptData[] };
    return (
      r.excerpts.some((e) => e.article === article) ||
      (citedBefore.get(tables[name])?.has(r.slug) ?? false)
    );
  };
}

/**
 * The slugs, by type, whose ids the article's rows can hold: the records it writes, those
 * their fields reference, the owners of the lists they are in, and every article (an excerpt
 * names one). addArticleStatements asks for no other id, so only these are read.
 */
function namedBy(
  built: BuiltData,
  written: (name: TableName, i: Index) => boolean,
): Map<string, Set<string>> {
  const { corpus } = built;
  const own = written;
  const named = new Map<string, Set<string>>(
    tableNames.map((name) => [tables[name], new Set<string>()]),
  );
  const add = (type: string, index: Index) => {
    const record = corpus[tableOf(type)][index] as { slug: string } | undefined;
    if (record) named.get(type)?.add(record.slug);
  };
  for (const article of corpus.articles) named.get('Article')?.add(article.slug);
  for (const name of tableNames) {
    const type = tables[name];
    corpus[name].forEach((r, i) => {
      if (!own(name, i)) return;
      add(type, i);
      for (const [field, target] of Object.entries(references[type] ?? {})) {
        const value = (r as unknown as Record<string, unknown>)[field];
        for (const index of Array.isArray(value) ? value : [value]) {
          if (typeof index === 'number') add(target, index);
        }
      }
    });
  }
  for (const { owner, items, item } of linkEntries(corpus)) {
    if (typeof owner !== 'string' && own(items, item)) add(owner.type, owner.index);
  }
  return named;
}

/** Runs one read-only SQL query on the database (wrangler in the CLI, D1 in the tests). */
export type Query = <T>(sql: string) => Promise<T[]> | T[];

/**
 * What the database holds that adding `slug` (compiled with the corpus under `roots`) depends
 * on: the ids of the records its rows can name (namedBy), the next free id of each type, the
 * article keys, the version, which of the article's current records other articles reference
 * (through the ids in their bodies), so that a replacement that drops one of them is refused,
 * and the words its actors are found by now. Each is read by key, never the whole archive,
 * but for the referrers of records a replacement drops: one scan of the other bodies.
 */
export async function readView(
  query: Query,
  slug: string,
  roots: readonly string[],
  built: BuiltData = buildCorpus(roots),
): Promise<DatabaseView> {
  const home = literal(slug);
  const homes = homesOf(built);
  // The registry entities the database's version of the article cites (its citation lists).
  const cited = new Map<string, Set<string>>();
  for (const row of await query<{ type: string; slug: string }>(
    `SELECT r.type, r.slug FROM record a JOIN link l ON l.list IN (${citationLists.map(literal).join(', ')}) AND l.owner = a.id JOIN record r ON r.type = CASE l.list ${citationLists.map((list) => `WHEN ${literal(list)} THEN ${literal(targetOfList(list))}`).join(' ')} END AND r.id = l.item WHERE a.type = 'Article' AND a.slug = ${home}`,
  )) {
    cited.set(row.type, (cited.get(row.type) ?? new Set()).add(row.slug));
  }
  const written = writtenBy(built, homes, slug, cited);
  const named = namedBy(built, written);
  const ids = new Map<string, Map<string, number>>();
  const next = new Map<string, number>();
  for (const name of tableNames) {
    const type = tables[name];
    ids.set(type, new Map());
    const slugs = [...(named.get(type) ?? [])];
    // A D1 statement holds 100 KB; slugs are short.
    for (let i = 0; i < slugs.length; i += 2000) {
      const chunk = literal(JSON.stringify(slugs.slice(i, i + 2000)));
      for (const row of await query<{ id: number; slug: string }>(
        `SELECT id, slug FROM record WHERE type = ${literal(type)} AND slug IN (SELECT value FROM json_each(${chunk}))`,
      )) {
        ids.get(type)?.set(row.slug, row.id);
      }
    }
  }
  // One row, a column a type: D1 allows few terms in a compound SELECT.
  const [highest] = await query<Record<string, number | null>>(
    `SELECT ${tableNames.map((n) => `(SELECT MAX(id) FROM record WHERE type = ${literal(tables[n])}) AS ${tables[n]}`).join(', ')}`,
  );
  for (const name of tableNames) next.set(tables[name], (highest?.[tables[name]] ?? -1) + 1);
  const keys = new Map<string, string>();
  for (const row of await query<{ slug: string; sort: string }>(
    "SELECT slug, sort FROM record WHERE type = 'Article'",
  )) {
    keys.set(row.slug, row.sort);
  }
  const dropped: string[] = [];
  for (const row of await query<{ type: string; slug: string }>(
    `SELECT type, slug FROM record WHERE home = ${home}`,
  )) {
    const name = tableOf(row.type);
    const index = built.corpus.slugs[row.type as keyof typeof built.corpus.slugs]?.get(row.slug);
    // A registry entity another article still cites is rewritten, not dropped.
    const kept =
      index !== undefined &&
      (registryTables.has(name)
        ? written(name, index)
        : homes[name].get(row.slug)?.article === slug);
    if (!kept) dropped.push(`${row.type} ${row.slug}`);
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
  const referrers =
    dropped.length === 0
      ? []
      : await query<{
          type: string;
          slug: string;
          byType: string;
          bySlug: string;
          byHome: string;
        }>(
          `SELECT DISTINCT t.type AS type, t.slug AS slug, r.type AS byType, r.slug AS bySlug, r.home AS byHome FROM record r, json_tree(r.body) j JOIN record t ON t.home = ${home} AND t.id = j.atom WHERE t.type || ' ' || t.slug IN (SELECT value FROM json_each(${literal(JSON.stringify(dropped))})) AND r.home <> ${home} AND j.type = 'integer' AND (${conditions.join(' OR ')}) ORDER BY 1, 2, 3, 4`,
        );
  for (const r of referrers) {
    const key = `${r.type} ${r.slug}`;
    referencedBy.set(key, [
      ...(referencedBy.get(key) ?? []),
      `${r.byType} "${r.bySlug}" of ${r.byHome}`,
    ]);
  }
  const words = new Map<string, string>();
  const actors = built.corpus.actors.filter((_, i) => written('actors', i)).map((a) => a.slug);
  for (const actor of await query<{ slug: string; name: string; aliases: string }>(
    `SELECT slug, json_extract(body, '$.name') AS name, json_extract(body, '$.aliases') AS aliases FROM record WHERE type = 'Actor' AND (home = ${home} OR slug IN (SELECT value FROM json_each(${literal(JSON.stringify(actors))})))`,
  )) {
    words.set(actor.slug, [actor.name, ...(JSON.parse(actor.aliases) as string[])].join(' '));
  }
  return { ids, next, keys, version: meta?.value ?? '', referencedBy, words, cited };
}

/**
 * The statements that add or replace one article in a database, as one batch: its records,
 * links and search documents replaced (ids kept for slugs the database knows, the next free
 * ones for new slugs), the tallies and search statistics they touch adjusted, and a new data
 * version; no other article's rows are rewritten, but for the speaker words of statements
 * that quote an actor the article renames. The article is compiled with the corpus under
 * `roots`, so it is validated as the build validates it; every record it references outside
 * itself must also be one the database holds. Throws a DataError naming file, record and
 * problem; then nothing is to be run.
 */
export function addArticleStatements(
  roots: readonly string[],
  slug: string,
  view: DatabaseView,
  // The same roots compiled (d1:add compiles them once for both steps).
  built: BuiltData = buildCorpus(roots),
): { statements: string[]; version: string } {
  const { corpus } = built;
  const homes = homesOf(built);
  const problems = new Problems();
  const own = ownedBy(built, homes, slug);
  const written = writtenBy(built, homes, slug, view.cited);
  if (!corpus.articles.some((a) => a.slug === slug)) {
    problems.add({ file: `articles/${slug}` }, 'is not an article of these roots');
    problems.throwIfAny();
  }
  // A replacement may drop records, but not ones that other articles' rows still name.
  for (const [key, referrers] of view.referencedBy ?? []) {
    const [type = '', s] = key.split(' ');
    for (const by of referrers) {
      problems.add(
        { file: `articles/${slug}`, record: `${tableOf(type)} (${s})` },
        `is dropped by this replacement but ${by} references it`,
      );
    }
  }
  problems.throwIfAny();

  // Ids: the database's for every slug it knows, the next free ones for the article's new slugs.
  const ids = new Map<string, Map<string, number>>();
  for (const name of tableNames) {
    const type = tables[name];
    const known = new Map(view.ids.get(type) ?? []);
    let next = view.next.get(type) ?? 0;
    // New slugs take the next ids in the order a whole load numbers records (load-order.ts).
    for (const i of built.order[name]) {
      const r = corpus[name][i] as { slug: string };
      if (written(name, i) && !known.has(r.slug)) known.set(r.slug, next++);
    }
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
  // The article's key comes from its own date and slug, so that where it stands does not
  // depend on the articles the database holds or the order they came in.
  const ownKey = articleKeys(corpus.articles).get(slug) ?? '';
  const keyOf = (article: Index) => {
    const s = corpus.articles[article]?.slug ?? '';
    return s === slug ? ownKey : (view.keys.get(s) ?? '');
  };
  const homeOf = (name: TableName, i: Index): Home =>
    homes[name].get((corpus[name][i] as { slug: string }).slug) as Home;
  const sortOf = (name: TableName, i: Index): string => {
    const r = corpus[name][i] as { slug: string; excerpts: ExcerptData[] };
    const home = homeOf(name, i);
    const articleKey = home.article === slug ? ownKey : (view.keys.get(home.article) ?? '');
    return sortKey(r, { ...home, articleKey }, keyOf, name === 'articles');
  };

  const records: unknown[][] = [];
  const spans: unknown[][] = [];
  const links: unknown[][] = [];
  for (const name of tableNames) {
    const type = tables[name];
    corpus[name].forEach((r, i) => {
      if (!written(name, i)) return;
      const place = `${name}[${i}] (${r.slug})`;
      const body = bodyWithIds(corpus, r as unknown as Record<string, unknown>, (t, index, field) =>
        idOf(t, index, field, place),
      );
      const id = ids.get(type)?.get(r.slug) as number;
      const rows = recordRows([type, id, r.slug, homeOf(name, i).article, sortOf(name, i)], body);
      records.push(rows.record);
      spans.push(...rows.excerpts);
    });
  }
  // Another article's citation of a rewritten entity keeps its row, at the entity's new place.
  const moved = new Map<string, [number, string, string][]>(citationLists.map((l) => [l, []]));
  const rewrittenIds = new Map<string, number[]>();
  for (const name of registryTables) {
    const list: number[] = [];
    corpus[name].forEach((r, i) => {
      if (!written(name, i)) return;
      const id = idOf(tables[name], i, 'id', `${name}[${i}] (${r.slug})`);
      list.push(id);
      for (const l of citationLists) {
        if (tableOf(targetOfList(l)) === name) {
          moved.get(l)?.push([id, sortOf(name, i), homeOf(name, i).article]);
        }
      }
    });
    if (list.length > 0) rewrittenIds.set(tables[name], list);
  }
  const article = corpus.articles.findIndex((a) => a.slug === slug);
  for (const { list, owner, items, item } of linkEntries(corpus)) {
    const kept =
      own(items, item) ||
      (citationLists.includes(list) && typeof owner !== 'string' && owner.index === article) ||
      (written(items, item) && registryLists(tables[items]).includes(list));
    if (!kept) continue;
    const ownerKey =
      typeof owner === 'string'
        ? owner
        : idOf(owner.type, owner.index, list, `${owner.type} ${owner.index}`);
    const itemId = idOf(tables[items], item, list, `${tables[items]} ${item}`);
    links.push([list, ownerKey, sortOf(items, item), itemId, homeOf(items, item).article]);
  }
  const articleId = idOf('Article', article, 'id', `articles[${article}] (${slug})`);
  problems.throwIfAny();

  const search = documentRows(built, (type, index) =>
    written(tableOf(type), index)
      ? {
          id: idOf(type, index, 'search', `search document of ${type} ${index}`),
          home: homeOf(tableOf(type), index).article,
        }
      : null,
  );
  const renamed: Renamed[] = [];
  corpus.actors.forEach((actor, i) => {
    const before = view.words?.get(actor.slug);
    const now = names(corpus, [i]);
    if (written('actors', i) && before !== undefined && before !== now) {
      renamed.push({ id: idOf('Actor', i, 'search', `actors[${i}]`), words: now });
    }
  });
  problems.throwIfAny();

  const version = createHash('sha256')
    .update(view.version)
    .update(built.corpus.version)
    .update(slug)
    .digest('hex')
    .slice(0, 16);
  const home = literal(slug);
  const json = (value: unknown) => literal(JSON.stringify(value));
  const rewritten = [...rewrittenIds];
  // The rows the article replaces: its own (by home), its citation lists, and each rewritten
  // registry entity's record, spans and registry lists (by key).
  const ofRewritten = (idColumn: string, lists?: (type: string) => string[]) =>
    rewritten
      .map(
        ([type, list]) =>
          ` OR (${lists ? `list IN (${lists(type).map(literal).join(', ')})` : `type = ${literal(type)}`} AND ${idColumn} IN (SELECT value FROM json_each(${json(list)})))`,
      )
      .join('');
  const linkRows = `((home = ${home} AND list NOT IN (${citationLists.map(literal).join(', ')})) OR (list IN (${citationLists.map(literal).join(', ')}) AND owner = ${articleId})${ofRewritten('item', registryLists)})`;
  const recordRowsOf = `(home = ${home}${ofRewritten('id')})`;
  // The lists and type counts the replaced rows are in lose them and gain the new ones, by
  // the rows themselves (link_by_home, record_by_home, keys): no other list is rewritten.
  const lists = `SELECT list, owner, COUNT(*) AS n FROM link WHERE ${linkRows} GROUP BY 1, 2`;
  const types = `SELECT type AS list, '' AS owner, COUNT(*) AS n FROM record WHERE ${recordRowsOf} GROUP BY 1`;
  const leave = (rows: string) =>
    `WITH old AS (${rows}) UPDATE tally SET n = tally.n - old.n FROM old WHERE tally.list = old.list AND tally.owner = old.owner`;
  const enter = (rows: string) =>
    `INSERT INTO tally SELECT * FROM (${rows}) WHERE true ON CONFLICT (list, owner) DO UPDATE SET n = n + excluded.n`;
  return {
    version,
    statements: [
      leave(lists),
      leave(types),
      // A list left empty has no tally, as after a whole load; a type keeps its count of 0.
      `DELETE FROM tally WHERE n = 0 AND owner <> '' AND (list, owner) IN (SELECT list, owner FROM link WHERE ${linkRows})`,
      `DELETE FROM link WHERE ${linkRows}`,
      `DELETE FROM record WHERE ${recordRowsOf}`,
      `DELETE FROM excerpts WHERE ${recordRowsOf}`,
      ...[...moved]
        .filter(([, entries]) => entries.length > 0)
        .map(
          ([list, entries]) =>
            `UPDATE link SET sort = json_extract(m.value, '$[1]'), home = json_extract(m.value, '$[2]') FROM json_each(${json(entries)}) m WHERE link.list = ${literal(list)} AND link.item = json_extract(m.value, '$[0]')`,
        ),
      ...inserts('record', records, 200),
      ...inserts('excerpts', spans, 200),
      ...inserts('link', links),
      enter(lists),
      enter(types),
      ...addSearchStatements(
        slug,
        search,
        renamed,
        rewritten.flatMap(([type, list]) =>
          isSearchable(type) ? list.map((id) => docKey(type, id)) : [],
        ),
      ),
      `INSERT OR REPLACE INTO meta VALUES ('version', ${literal(version)})`,
    ],
  };
}

/** The view a full load of `roots` leaves in a database (what the tests add to). */
export function viewOfLoad(roots: readonly string[]): DatabaseView {
  const built = buildCorpus(roots);
  const { corpus } = built;
  const loaded = loadIds(built);
  const ids = new Map<string, Map<string, number>>();
  for (const name of tableNames) {
    ids.set(tables[name], new Map(corpus[name].map((r, i) => [r.slug, loaded[name][i] as number])));
  }
  return {
    ids,
    next: new Map(tableNames.map((name) => [tables[name], corpus[name].length])),
    keys: articleKeys(corpus.articles),
    version: corpus.version,
  };
}
