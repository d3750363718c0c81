import type { RecordTypes } from '../corpus.ts';

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

/** A forward list of a record (its order kept by `n`), as a JSON array of ids. */
const ids = (table: string, owner: string, item: string, role?: string) =>
  `(SELECT json_group_array(${item}) FROM (SELECT ${item} FROM ${table} WHERE ${owner} = t.id${
    role ? ` AND role = '${role}'` : ''
  } ORDER BY n))`;

// The fields of each kind, as SQL over its row `t`: json_object keeps names and types, and a
// partial date is its ISO text and words, made whole in JS (store.ts parse).
const fields: Record<TypeName, string> = {
  Article: `'slug', t.slug, 'title', t.title, 'publisher', t.publisher,
    'authors', json(${ids('article_author', 'article', 'actor')}),
    'published', t.published, 'publishedText', t.published_text, 'url', t.url, 'editorialNote', t.note`,
  Actor: `'slug', t.slug, 'name', t.name, 'kind', t.kind, 'roles', json(t.roles),
    'aliases', json(t.aliases), 'affiliation', t.affiliation, 'editorialNote', t.note`,
  Statement: `'slug', t.slug, 'kind', t.kind, 'text', t.text, 'speaker', t.speaker,
    'reportedBy', t.reported_by, 'mentions', json(${ids('statement_mention', 'statement', 'actor')}),
    'meeting', t.meeting, 'draftClauses', json(${ids('statement_clause', 'statement', 'clause')}),
    'topics', json(${ids('statement_topic', 'statement', 'topic')}), 'editorialNote', t.note,
    'excerpt', (SELECT json_object('article', e.article, 'paragraph', e.paragraph, 'start', e.start, 'end', e."end")
      FROM excerpt e WHERE e.type = 'Statement' AND e.id = t.id AND e.article = t.article AND e.n = 0)`,
  Meeting: `'slug', t.slug, 'name', t.name, 'kind', t.kind, 'status', t.status,
    'date', t.date, 'dateText', t.date_text, 'location', t.location,
    'participants', json(${ids('meeting_actor', 'meeting', 'actor', 'participants')}),
    'mediators', json(${ids('meeting_actor', 'meeting', 'actor', 'mediators')}),
    'outcome', t.outcome, 'editorialNote', t.note`,
  DraftAgreement: `'slug', t.slug, 'title', t.title, 'status', t.status, 'meeting', t.meeting,
    'editorialNote', t.note`,
  DraftClause: `'slug', t.slug, 'title', t.title, 'text', t.text, 'agreement', t.agreement,
    'status', t.status,
    'proposedBy', json(${ids('clause_actor', 'clause', 'actor', 'proposedBy')}),
    'supportedBy', json(${ids('clause_actor', 'clause', 'actor', 'supportedBy')}),
    'opposedBy', json(${ids('clause_actor', 'clause', 'actor', 'opposedBy')}),
    'topics', json(${ids('clause_topic', 'clause', 'topic')}), 'editorialNote', t.note`,
  Position: `'slug', t.slug, 'actor', t.actor, 'subject', t.subject, 'stance', t.stance,
    'summary', t.summary, 'topics', json(${ids('position_topic', 'position', 'topic')}),
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

/** A list of registry entities an article cites: sorted by the entity's own place. */
const cited = (type: TypeName): ListSource => ({
  type,
  from: `citation x JOIN ${tableOf[type]} i ON i.id = x.entity`,
  where: `x.type = '${type}'`,
  owner: 'x.article',
  item: 'x.entity',
  sort: 'i.sort',
});
/** The articles that cite a registry entity, newest first. */
const citing = (type: TypeName): ListSource => ({
  type: 'Article',
  from: 'citation x',
  where: `x.type = '${type}'`,
  owner: 'x.entity',
  item: 'x.article',
  sort: 'x.sort',
  tallied: true,
});
/** A list of the rows of a kind's table by one of its columns. */
const by = (type: TypeName, column: string, tallied = false): ListSource => ({
  type,
  from: `${tableOf[type]} x`,
  owner: `x.${column}`,
  item: 'x.id',
  sort: 'x.sort',
  tallied,
});

export const lists: Record<string, ListSource> = {
  'Article.actors': cited('Actor'),
  'Article.statements': by('Statement', 'article'),
  'Article.meetings': cited('Meeting'),
  'Article.draftAgreements': cited('DraftAgreement'),
  'Article.draftClauses': cited('DraftClause'),
  'Article.topics': cited('Topic'),
  'Actor.statements': by('Statement', 'speaker', true),
  'Actor.mentionedIn': {
    type: 'Statement',
    from: 'statement_mention x',
    owner: 'x.actor',
    item: 'x.statement',
    sort: 'x.sort',
    tallied: true,
  },
  'Actor.meetings': {
    type: 'Meeting',
    from: '(SELECT DISTINCT meeting, actor FROM meeting_actor) x JOIN meeting i ON i.id = x.meeting',
    owner: 'x.actor',
    item: 'x.meeting',
    sort: 'i.sort',
  },
  'Actor.positions': by('Position', 'actor', true),
  'Actor.articles': citing('Actor'),
  'Meeting.draftAgreements': by('DraftAgreement', 'meeting'),
  'Meeting.statements': by('Statement', 'meeting', true),
  'DraftAgreement.clauses': by('DraftClause', 'agreement'),
  'DraftClause.statements': {
    type: 'Statement',
    from: 'statement_clause x',
    owner: 'x.clause',
    item: 'x.statement',
    sort: 'x.sort',
    tallied: true,
  },
  'Topic.statements': {
    type: 'Statement',
    from: 'statement_topic x',
    owner: 'x.topic',
    item: 'x.statement',
    sort: 'x.sort',
    tallied: true,
  },
  'Topic.draftClauses': {
    type: 'DraftClause',
    from: 'clause_topic x JOIN draft_clause i ON i.id = x.clause',
    owner: 'x.topic',
    item: 'x.clause',
    sort: 'i.sort',
  },
  'Topic.positions': {
    type: 'Position',
    from: 'position_topic x',
    owner: 'x.topic',
    item: 'x.position',
    sort: 'x.sort',
    tallied: true,
  },
  'Topic.articles': citing('Topic'),
  actorsByKind: by('Actor', 'kind'),
  statementsByKind: by('Statement', 'kind', true),
  meetingsByKind: by('Meeting', 'kind'),
  meetingsByStatus: by('Meeting', 'status'),
  clausesByStatus: by('DraftClause', 'status'),
  clausesByAgreement: { ...by('DraftClause', 'agreement'), ownerBy: 'DraftAgreement' },
  clausesByOpposer: {
    type: 'DraftClause',
    from: 'clause_actor x JOIN draft_clause i ON i.id = x.clause',
    where: "x.role = 'opposedBy'",
    owner: 'x.actor',
    item: 'x.clause',
    sort: 'i.sort',
    ownerBy: 'Actor',
  },
  articlesByPublisher: { ...by('Article', 'publisher', true), ownerBy: 'Actor' },
  articlesByAuthor: {
    type: 'Article',
    from: 'article_author x',
    owner: 'x.actor',
    item: 'x.article',
    sort: 'x.sort',
    tallied: true,
    ownerBy: 'Actor',
  },
};

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
