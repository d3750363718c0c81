import type { RecordTypes } from '../corpus.ts';
import { facets } from '../list-filters.ts';
import {
  type LinkStorage,
  type Reverse,
  referencesOf,
  relations,
  type Storage,
  storageOf,
} from '../relations.ts';

// How the store reads migrations/0007_domain.sql: each kind's table, the SQL that gives back
// its record (the bundle's shape, without reverse relations, text or excerpts, which are read
// when asked for), and each list the API pages as the rows of one source.

export type TypeName = keyof RecordTypes;

export const tableOf: Record<TypeName, string> = {
  Article: 'article',
  Actor: 'actor',
  Statement: 'statement',
  Meeting: 'meeting',
  DraftAgreement: 'draft_agreement',
  DraftClause: 'draft_clause',
  Position: 'position',
  Topic: 'topic',
};

/** A record's list `field` that a link table holds (relations.ts), as a JSON array of ids in its order. */
function linked(type: TypeName, field: string): string {
  const s = storageOf(type, field) as LinkStorage;
  return `(SELECT json_group_array(${s.to}) FROM (SELECT ${s.to} FROM ${s.link} WHERE ${s.from} = t.id${
    s.role ? ` AND role = '${field}'` : ''
  } ORDER BY n))`;
}

// The fields of each kind, as SQL over its row `t`: json_object keeps names and types, and a
// partial date is its ISO text and words, made whole in JS (store.ts parse).
const fields: Record<TypeName, string> = {
  Article: `'slug', t.slug, 'title', t.title, 'publisher', t.publisher,
    'authors', json(${linked('Article', 'authors')}),
    'published', t.published, 'publishedText', t.published_text, 'url', t.url, 'editorialNote', t.note`,
  Actor: `'slug', t.slug, 'name', t.name, 'kind', t.kind, 'roles', json(t.roles),
    'aliases', json(t.aliases), 'affiliation', t.affiliation, 'editorialNote', t.note`,
  Statement: `'slug', t.slug, 'kind', t.kind, 'text', t.text, 'speaker', t.speaker,
    'reportedBy', t.reported_by, 'mentions', json(${linked('Statement', 'mentions')}),
    'meeting', t.meeting, 'draftClauses', json(${linked('Statement', 'draftClauses')}),
    'topics', json(${linked('Statement', 'topics')}), 'editorialNote', t.note,
    'excerpt', (SELECT json_object('article', e.article, 'paragraph', e.paragraph, 'start', e.start, 'end', e."end")
      FROM excerpt e WHERE e.type = 'Statement' AND e.id = t.id AND e.article = t.article AND e.n = 0)`,
  Meeting: `'slug', t.slug, 'name', t.name, 'kind', t.kind, 'status', t.status,
    'date', t.date, 'dateText', t.date_text, 'location', t.location,
    'participants', json(${linked('Meeting', 'participants')}),
    'mediators', json(${linked('Meeting', 'mediators')}),
    'outcome', t.outcome, 'editorialNote', t.note`,
  DraftAgreement: `'slug', t.slug, 'title', t.title, 'status', t.status, 'meeting', t.meeting,
    'editorialNote', t.note`,
  DraftClause: `'slug', t.slug, 'title', t.title, 'text', t.text, 'agreement', t.agreement,
    'status', t.status,
    'proposedBy', json(${linked('DraftClause', 'proposedBy')}),
    'supportedBy', json(${linked('DraftClause', 'supportedBy')}),
    'opposedBy', json(${linked('DraftClause', 'opposedBy')}),
    'topics', json(${linked('DraftClause', 'topics')}), 'editorialNote', t.note`,
  Position: `'slug', t.slug, 'actor', t.actor, 'subject', t.subject, 'stance', t.stance,
    'summary', t.summary, 'topics', json(${linked('Position', 'topics')}),
    'editorialNote', t.note`,
  Topic: `'slug', t.slug, 'name', t.name, 'description', t.description, 'editorialNote', t.note`,
};

/**
 * The record of a row `t` of `type`'s table, as JSON text; NULL where there is no row. A page's
 * query LEFT JOINs its rows to one that carries the list's length, so an empty page still gives
 * a row, and `json_object` over its missing columns would make a record of nulls out of it.
 */
export const bodyOf = (type: TypeName) =>
  `CASE WHEN t.id IS NULL THEN NULL ELSE json_object('id', t.id, ${fields[type]}) END`;

/**
 * The record of the kind `type` (an SQL expression naming one of `types`) whose `column`
 * (its id or slug) is `value`: one SELECT whatever the kinds, as D1 allows few terms in a
 * compound one, and only the matching branch is read.
 */
export function bodyByType(
  types: readonly TypeName[],
  type: string,
  column: 'id' | 'slug',
  value: string,
): string {
  if (types.length === 0) return 'NULL';
  return `CASE ${type} ${types
    .map(
      (t) =>
        `WHEN '${t}' THEN (SELECT ${bodyOf(t)} FROM ${tableOf[t]} t WHERE t.${column} = ${value})`,
    )
    .join(' ')} END`;
}

/**
 * Where a list's items come from: rows of `from` whose `owner` is the list's owner (an id, or
 * a filter's value), each naming an `item` with its place in the list (`sort`). Lists that
 * grow with the archive are `tallied` (migrations/0007's triggers keep their length).
 */
export interface ListSource {
  type: TypeName;
  from: string;
  owner: string;
  item: string;
  sort: string;
  /** What else a row of `from` must meet. */
  where?: string;
  tallied?: boolean;
  /** The owner is named by a slug of this kind (a filter by publisher, author, agreement). */
  ownerBy?: TypeName;
}

/** The rows of `type` whose column `column` names the owner. */
const byColumn = (type: TypeName, column: string) => ({
  type,
  from: `${tableOf[type]} x`,
  owner: `x.${column}`,
  item: 'x.id',
  sort: 'x.sort',
});

/** The fields of `type` a link table holds. */
const fieldsIn = (type: TypeName, link: string) =>
  referencesOf(type).filter(
    ([field]) => (storageOf(type, field) as Partial<LinkStorage>).link === link,
  );

/**
 * The records of `type` whose fields `fields`, held in link table `s`, name the owner (of the
 * kind `owner`): the link read from the side it points to. Rows of several lists of one record
 * (a meeting's participants and mediators) count once.
 */
function byLink(
  type: TypeName,
  owner: TypeName | undefined,
  s: LinkStorage,
  fields: readonly string[],
) {
  const every = fieldsIn(type, s.link).length === fields.length;
  const rows =
    fields.length > 1 ? `(SELECT DISTINCT ${s.from}, ${s.to} FROM ${s.link}) x` : `${s.link} x`;
  const roles =
    fields.length === 1 ? `= '${fields[0]}'` : `IN (${fields.map((f) => `'${f}'`).join(', ')})`;
  const where = s.role && !every ? `x.role ${roles}` : s.typed ? `x.type = '${owner}'` : undefined;
  const ends = { owner: `x.${s.to}`, item: `x.${s.from}`, ...(where ? { where } : {}) };
  // Rows that carry their item's sort key are a range; the others sort by the item's own.
  return s.sorted
    ? { type, from: rows, ...ends, sort: 'x.sort' }
    : {
        type,
        from: `${rows} JOIN ${tableOf[type]} i ON i.id = x.${s.from}`,
        ...ends,
        sort: 'i.sort',
      };
}

/** An article's list of the records of `type` that stand in it, as `s` holds it (relations.ts). */
function ofArticle(type: TypeName, s: Storage) {
  if ('column' in s) return byColumn(type, s.column);
  return {
    type,
    from: `${s.link} x JOIN ${tableOf[type]} i ON i.id = x.${s.to}`,
    where: `x.type = '${type}'`,
    owner: `x.${s.from}`,
    item: `x.${s.to}`,
    sort: 'i.sort',
  };
}

// Lists that grow with the archive, of article-owned records (statements, positions, citing
// articles) by anything but an article, are tallied: migrations/0007's triggers keep them.
const tallied = (owner: TypeName | null, type: TypeName) =>
  owner !== 'Article' && (type === 'Statement' || type === 'Position' || type === 'Article');

/**
 * The records of `type` whose fields `fields` name the owner (of the kind `owner`), as D1 holds
 * the fields: a column of their row (a reference, or a value such as a kind), or a link table.
 */
function byFields(type: TypeName, owner: TypeName | undefined, fields: readonly string[]) {
  const s = storageOf(type, fields[0] as string) ?? { column: fields[0] as string };
  return 'link' in s ? byLink(type, owner, s, fields) : byColumn(type, s.column);
}

/** Each list the API pages: the reverse relations (`Actor.statements`) and the facets. */
export const lists: Record<string, ListSource> = Object.fromEntries([
  ...Object.entries(relations).flatMap(([owner, fields]) =>
    (Object.entries(fields) as [string, Reverse][]).map(([field, { type, ...relation }]) => [
      `${owner}.${field}`,
      {
        ...(relation.by === 'spans'
          ? ofArticle(type, relation.d1)
          : byFields(type, owner as TypeName, relation.by)),
        tallied: tallied(owner as TypeName, type),
      },
    ]),
  ),
  ...Object.entries(facets).map(([name, facet]) => {
    const by = 'bySlugOf' in facet ? facet.bySlugOf : undefined;
    return [
      name,
      {
        ...byFields(facet.type, by, [facet.field]),
        tallied: tallied(null, facet.type),
        ...(by ? { ownerBy: by } : {}),
      },
    ];
  }),
]);

/**
 * The rows (owner, id, sort) of a list whose owner meets `owner`, SQL that completes
 * `<owner column> …` (`= ?1`, `IN (…)`).
 */
export function sourceSql(source: ListSource, owner: string): string {
  return `SELECT ${source.owner} AS owner, ${source.item} AS id, ${source.sort} AS sort
    FROM ${source.from} WHERE ${source.where ? `${source.where} AND ` : ''}${source.owner} ${owner}`;
}

/** The length of the list `name` of the owner `owner` (an SQL expression): its tally, or a count. */
export function lengthSql(name: string, owner: string): string {
  const source = lists[name] as ListSource;
  return source.tallied
    ? `(SELECT n FROM tally WHERE list = '${name}' AND owner = ${owner})`
    : `(SELECT COUNT(*) FROM (${sourceSql(source, `= ${owner}`)}))`;
}
