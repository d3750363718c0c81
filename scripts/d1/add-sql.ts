import { createHash } from 'node:crypto';
import { articleKeys, sortKeys } from '../../src/model/archive-order.ts';
import { tableOf as kindTable, type TypeName } from '../../src/model/d1/tables.ts';
import { tableNames, tables } from '../../src/model/packed.ts';
import { referencesOf } from '../../src/model/relations.ts';
import type { ExcerptData, Index } from '../../src/model/types.ts';
import { type BuiltData, buildCorpus } from '../data/build.ts';
import { registryCollections } from '../data/load.ts';
import { Problems } from '../data/problems.ts';
import { indexArticle, unindexArticle } from './add-search-sql.ts';
import { homesOf, loadIds, tableOf } from './corpus-sql.ts';
import { DomainRows, linkTables } from './domain-rows.ts';
import { literal } from './sql.ts';

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
  /** The words (name and aliases) each of the article's actors is found by now, by slug. */
  words?: Map<string, string>;
  /** The registry entities the database's version of the article cites, by type. */
  cited?: Map<string, Set<string>>;
  /**
   * For each registry entity the article writes, by `Type slug`: where its earliest span in the
   * newest other article stands (that article's key and the start, as a sort key begins).
   */
  elsewhere?: Map<string, string>;
  /** The aliases other articles name each of the article's actors by: [article key, aliases]. */
  namedElsewhere?: Map<string, [string, string[]][]>;
  /**
   * Registry entities (`table index` of the compiled corpus) that the written records name and
   * the database lacks: written too, as entries added beside the article.
   */
  added?: Set<string>;
}

type Homes = ReturnType<typeof homesOf>;

/** Whether a compiled record (its table and index) is defined in `slug`'s own folder. */
const ownedBy =
  ({ corpus }: BuiltData, homes: Homes, slug: string) =>
  (name: TableName, i: Index): boolean =>
    homes[name].get((corpus[name][i] as { slug: string }).slug)?.article === slug;

// The registry's entities (scripts/data/records.ts registryFiles): several articles cite one.
const registryTables = new Set<TableName>(registryCollections);

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
 * their fields reference (an article's citations are its own rows' references). Their spans
 * stand in the article itself. addArticleStatements asks for no other id, so only these are read.
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
  for (const name of tableNames) {
    const type = tables[name];
    corpus[name].forEach((r, i) => {
      if (!own(name, i)) return;
      add(type, i);
      for (const [field, target] of referencesOf(type)) {
        const value = (r as unknown as Record<string, unknown>)[field];
        for (const index of Array.isArray(value) ? value : [value]) {
          if (typeof index === 'number') add(target, index);
        }
      }
    });
  }
  return named;
}

/** Runs one read-only SQL query on the database (wrangler in the CLI, D1 in the tests). */
export type Query = <T>(sql: string) => Promise<T[]> | T[];

/** A registry kind's slug of a citation row `c`, by its type. */
const citedSlug = `CASE c.type ${registryCollections
  .map(
    (name) =>
      `WHEN '${tables[name]}' THEN (SELECT slug FROM ${kindTable[tables[name]]} WHERE id = c.entity)`,
  )
  .join(' ')} END`;

/** The registry entities the database's version of the article `slug` cites, by type. */
export async function citedBy(query: Query, slug: string): Promise<Map<string, Set<string>>> {
  const cited = new Map<string, Set<string>>();
  for (const row of await query<{ type: string; slug: string }>(
    `SELECT c.type, ${citedSlug} AS slug FROM citation c WHERE c.article = (SELECT id FROM article WHERE slug = ${literal(slug)})`,
  )) {
    cited.set(row.type, (cited.get(row.type) ?? new Set()).add(row.slug));
  }
  return cited;
}

/**
 * What the database holds that adding `slug` (compiled with the corpus under `roots`) depends
 * on: the ids of the records its rows can name (namedBy), the next free id of each kind, the
 * article keys, the version, the registry entities its current version cites, and the words
 * its actors are found by now. Each is read by key, but for the article keys.
 */
export async function readView(
  query: Query,
  slug: string,
  roots: readonly string[],
  built: BuiltData = buildCorpus(roots),
): Promise<DatabaseView> {
  const article = `(SELECT id FROM article WHERE slug = ${literal(slug)})`;
  const homes = homesOf(built);
  const cited = await citedBy(query, slug);
  const rewrites = writtenBy(built, homes, slug, cited);
  const ids = new Map<string, Map<string, number>>(tableNames.map((n) => [tables[n], new Map()]));
  const next = new Map<string, number>();
  const looked = new Map<string, Set<string>>(tableNames.map((n) => [tables[n], new Set()]));
  // The ids of what the written records name; a registry entity named that the database
  // lacks is written too (an entry added beside the article), and what it names looked up.
  const added = new Set<string>();
  const written = (name: TableName, i: Index) => rewrites(name, i) || added.has(`${name} ${i}`);
  for (let grew = true; grew; ) {
    grew = false;
    const named = namedBy(built, written);
    for (const name of tableNames) {
      const type = tables[name];
      const slugs = [...(named.get(type) ?? [])].filter((s) => !looked.get(type)?.has(s));
      for (const s of slugs) looked.get(type)?.add(s);
      // A D1 statement holds 100 KB; slugs are short.
      for (let i = 0; i < slugs.length; i += 2000) {
        const chunk = literal(JSON.stringify(slugs.slice(i, i + 2000)));
        for (const row of await query<{ id: number; slug: string }>(
          `SELECT id, slug FROM ${kindTable[type]} WHERE slug IN (SELECT value FROM json_each(${chunk}))`,
        )) {
          ids.get(type)?.set(row.slug, row.id);
        }
      }
      if (!registryTables.has(name)) continue;
      for (const s of slugs) {
        const i = built.corpus.slugs[type as keyof typeof built.corpus.slugs]?.get(s);
        if (i === undefined || ids.get(type)?.has(s) || written(name, i)) continue;
        added.add(`${name} ${i}`);
        grew = true;
      }
    }
  }
  // One row, a column a kind: D1 allows few terms in a compound SELECT.
  const [highest] = await query<Record<string, number | null>>(
    `SELECT ${tableNames.map((n) => `(SELECT MAX(id) FROM ${kindTable[tables[n]]}) AS ${tables[n]}`).join(', ')}`,
  );
  for (const name of tableNames) next.set(tables[name], (highest?.[tables[name]] ?? -1) + 1);
  const keys = new Map<string, string>();
  for (const row of await query<{ slug: string; sort: string }>('SELECT slug, sort FROM article')) {
    keys.set(row.slug, row.sort);
  }
  const [meta] = await query<{ value: string }>("SELECT value FROM meta WHERE key = 'version'");
  const words = new Map<string, string>();
  const actors = built.corpus.actors.filter((_, i) => written('actors', i)).map((a) => a.slug);
  for (const actor of await query<{ slug: string; name: string; aliases: string }>(
    `SELECT slug, name, aliases FROM actor WHERE slug IN (SELECT value FROM json_each(${literal(JSON.stringify(actors))}))`,
  )) {
    words.set(actor.slug, [actor.name, ...(JSON.parse(actor.aliases) as string[])].join(' '));
  }
  // Where the entities it rewrites stand in other articles, and the aliases those give them:
  // an entity's place and aliases are the archive's, not the roots'.
  const elsewhere = new Map<string, string>();
  const namedElsewhere = new Map<string, [string, string[]][]>();
  for (const name of registryCollections) {
    const type = tables[name];
    const slugs = built.corpus[name].filter((_, i) => written(name, i)).map((r) => r.slug);
    if (slugs.length === 0) continue;
    const wanted = `(SELECT id FROM ${kindTable[type]} WHERE slug IN (SELECT value FROM json_each(${literal(JSON.stringify(slugs))})))`;
    for (const row of await query<{ slug: string; best: string }>(
      `SELECT (SELECT slug FROM ${kindTable[type]} WHERE id = e.id) AS slug, MIN(a.sort || printf('%08d', e.start)) AS best FROM excerpt e JOIN article a ON a.id = e.article WHERE e.type = '${type}' AND e.id IN ${wanted} AND e.article <> ${article} GROUP BY e.id`,
    )) {
      elsewhere.set(`${type} ${row.slug}`, row.best);
    }
    if (type !== 'Actor') continue;
    for (const row of await query<{ slug: string; sort: string; aliases: string }>(
      `SELECT (SELECT slug FROM actor WHERE id = c.entity) AS slug, a.sort, c.aliases FROM citation c JOIN article a ON a.id = c.article WHERE c.type = 'Actor' AND c.entity IN ${wanted} AND c.article <> ${article} AND c.aliases IS NOT NULL`,
    )) {
      namedElsewhere.set(row.slug, [
        ...(namedElsewhere.get(row.slug) ?? []),
        [row.sort, JSON.parse(row.aliases) as string[]],
      ]);
    }
  }
  return {
    ids,
    next,
    keys,
    version: meta?.value ?? '',
    words,
    cited,
    elsewhere,
    namedElsewhere,
    added,
  };
}

/**
 * The statements that add or replace one article in a database, as one batch: its rows (the
 * article, its text, byline, citations, statements and positions) replaced, and each registry
 * entity it cites now or cited before rewritten (its row, its registry lists, its spans in this
 * article, its place in the order), with ids kept for slugs the database knows and the next
 * free ones for new slugs; its search documents replaced, and a new data version. No other
 * article's rows are rewritten, but for the speaker words of statements that quote an actor
 * the article renames; the tallies follow by trigger (migrations/0007). The article is
 * compiled with the corpus under `roots`, so it is validated as the build validates it; every
 * record it references outside itself must also be one the database holds. Throws a DataError
 * naming file, record and problem; then nothing is to be run.
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
  const rewrites = writtenBy(built, homes, slug, view.cited);
  const written = (name: TableName, i: Index) =>
    rewrites(name, i) || (view.added?.has(`${name} ${i}`) ?? false);
  const article = corpus.articles.findIndex((a) => a.slug === slug);
  if (article < 0) {
    problems.add({ file: `articles/${slug}` }, 'is not an article of these roots');
    problems.throwIfAny();
  }

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
  const idOf = (type: string, index: Index): number => {
    const record = corpus[tableOf(type)][index] as { slug: string };
    const id = ids.get(type)?.get(record.slug);
    if (id === undefined) {
      problems.add(
        { file: `articles/${slug}` },
        `"${record.slug}" does not resolve to any ${type} the database holds`,
      );
      return -1;
    }
    return id;
  };
  // The article's key comes from its own date and slug, so that where it stands does not
  // depend on the articles the database holds or the order they came in.
  const ownKey = articleKeys(corpus.articles).get(slug) ?? '';
  const keyOf = (a: Index) => {
    const s = corpus.articles[a]?.slug ?? '';
    return s === slug ? ownKey : (view.keys.get(s) ?? '');
  };
  const sorts = sortKeys(corpus, keyOf);
  // A registry entity stands where its earliest span in its newest article does, whichever
  // article that is: the roots' spans (this article's, at least) or another's in the database.
  for (const name of registryCollections) {
    corpus[name].forEach((r, i) => {
      const other = view.elsewhere?.get(`${tables[name]} ${r.slug}`);
      const own = sorts[name][i] as string;
      const ownAt = own.startsWith('~') ? undefined : own.slice(0, own.length - r.slug.length);
      const at = [ownAt, other].filter((x): x is string => x !== undefined).sort()[0];
      sorts[name][i] = at === undefined ? `~${r.slug}` : `${at}${r.slug}`;
    });
  }
  const sortOf = (name: TableName, i: Index): string => sorts[name][i] as string;
  // An actor's aliases: its registry entry's, then each citation's, newest article first.
  const aliasesOf = (i: Index): string[] | undefined => {
    const actor = corpus.actors[i];
    if (!actor || !written('actors', i)) return undefined;
    const citations: [string, string[]][] = [
      ...(view.namedElsewhere?.get(actor.slug) ?? []),
      [ownKey, built.citationAliases.get(slug)?.get(actor.slug) ?? []],
    ];
    citations.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const aliases = [...(built.registryAliases.get(actor.slug) ?? actor.aliases)];
    for (const [, named] of citations) {
      for (const alias of named) if (!aliases.includes(alias)) aliases.push(alias);
    }
    return aliases;
  };

  const rows = new DomainRows(corpus, idOf, sortOf, built.citationAliases, aliasesOf);
  const rewritten = new Map<TypeName, number[]>();
  for (const name of tableNames) {
    corpus[name].forEach((_, i) => {
      if (!written(name, i)) return;
      // A registry entity's spans in other articles are theirs, and stay.
      rows.add(name, i, registryTables.has(name) ? (a) => a === article : undefined);
      if (registryTables.has(name)) {
        const type = tables[name] as TypeName;
        rewritten.set(type, [...(rewritten.get(type) ?? []), idOf(type, i)]);
      }
    });
  }
  problems.throwIfAny();

  const renamed: number[] = [];
  corpus.actors.forEach((actor, i) => {
    const before = view.words?.get(actor.slug);
    const now = [actor.name, ...(aliasesOf(i) ?? actor.aliases)].join(' ');
    if (written('actors', i) && before !== undefined && before !== now) {
      renamed.push(idOf('Actor', i));
    }
  });
  problems.throwIfAny();

  const version = createHash('sha256')
    .update(view.version)
    .update(built.corpus.version)
    .update(slug)
    .digest('hex')
    .slice(0, 16);
  const id = literal(idOf('Article', article));
  const json = (value: unknown) => literal(JSON.stringify(value));
  const owned = (table: string) => `(SELECT id FROM ${table} WHERE article = ${id})`;
  const of = (type: TypeName) =>
    `(SELECT value FROM json_each(${json(rewritten.get(type) ?? [])}))`;
  // The rows of the lists of `records` (of `type`) that link tables hold.
  const unlink = (type: string, records: string) =>
    linkTables(type).map(([table, column]) => `DELETE FROM ${table} WHERE ${column} IN ${records}`);
  const reindexed = { article: id, rewritten, renamed };
  return {
    version,
    statements: [
      // Rows are deleted before the rows that name them: checked when the batch commits.
      'PRAGMA defer_foreign_keys = on',
      // Its search documents go first, while its rows still say which they are.
      ...unindexArticle(reindexed),
      // The article's own rows, by its id; its spans, its registry entities' spans there too.
      ...unlink('Statement', owned('statement')),
      ...unlink('Position', owned('position')),
      `DELETE FROM statement WHERE article = ${id}`,
      `DELETE FROM position WHERE article = ${id}`,
      `DELETE FROM excerpt WHERE article = ${id}`,
      `DELETE FROM citation WHERE article = ${id}`,
      ...unlink('Article', `(${id})`),
      `DELETE FROM article_text WHERE article = ${id}`,
      `DELETE FROM article WHERE id = ${id}`,
      // The registry lists of the entities it rewrites (their rows are written over below).
      ...unlink('Meeting', of('Meeting')),
      ...unlink('DraftClause', of('DraftClause')),
      ...rows.inserts(true),
      ...indexArticle(reindexed),
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
  const keys = articleKeys(corpus.articles);
  const keyOf = (a: Index) => keys.get(corpus.articles[a]?.slug ?? '') ?? '';
  const elsewhere = new Map<string, string>();
  for (const name of registryCollections) {
    for (const r of corpus[name] as { slug: string; excerpts: ExcerptData[] }[]) {
      const at = r.excerpts
        .map((e) => `${keyOf(e.article)}${String(e.start).padStart(8, '0')}`)
        .sort()[0];
      if (at !== undefined) elsewhere.set(`${tables[name]} ${r.slug}`, at);
    }
  }
  const namedElsewhere = new Map<string, [string, string[]][]>();
  for (const [article, byActor] of built.citationAliases) {
    for (const [actor, aliases] of byActor) {
      namedElsewhere.set(actor, [
        ...(namedElsewhere.get(actor) ?? []),
        [keys.get(article) ?? '', aliases],
      ]);
    }
  }
  return {
    ids,
    next: new Map(tableNames.map((name) => [tables[name], corpus[name].length])),
    keys,
    version: corpus.version,
    elsewhere,
    namedElsewhere,
  };
}
