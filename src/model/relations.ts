import type { RecordTypes } from './corpus.ts';

// How records are linked, declared once: the references each record holds and the reverse
// relations they make. The build compiles the reverse lists from these (scripts/data/compile.ts),
// the bundled store pages them (bundled.ts), D1's loader writes the references' rows
// (scripts/d1/domain-rows.ts) and D1's store reads both (d1/tables.ts), as
// migrations/0007_domain.sql lays them out.

type TypeName = keyof RecordTypes;

/**
 * How D1 holds a reference: a `column` of the record's row, or rows of a `link` table (the
 * record in column `from`, its place in the list `n`, the record it names in `to`). `role`:
 * the table holds several lists, told apart by a `role` column that holds the field's name;
 * `typed`: it holds references to several kinds, told apart by a `type` column; `sorted`: a
 * row carries the sort key of its article-owned side, so that a list of those is one range.
 */
export type Storage =
  | { column: string }
  | { link: string; from: string; to: string; role?: true; typed?: true; sorted?: true };
export type LinkStorage = Extract<Storage, { link: string }>;

interface Reference {
  type: TypeName;
  d1: Storage;
}

const column = <T extends TypeName>(type: T, name: string) => ({ type, d1: { column: name } });
const link = <T extends TypeName, S extends Omit<LinkStorage, 'link' | 'from' | 'to'>>(
  type: T,
  table: string,
  from: string,
  to: string,
  more?: S,
) => ({ type, d1: { link: table, from, to, ...more } });
const sorted = { sorted: true } as const;
const role = { role: true } as const;

/** The references each record type holds, by field: the type they name, and how D1 holds them. */
const references = {
  Article: {
    publisher: column('Actor', 'publisher'),
    authors: link('Actor', 'article_author', 'article', 'actor', sorted),
  },
  Actor: { affiliation: column('Actor', 'affiliation') },
  Statement: {
    speaker: column('Actor', 'speaker'),
    reportedBy: column('Actor', 'reported_by'),
    mentions: link('Actor', 'statement_mention', 'statement', 'actor', sorted),
    meeting: column('Meeting', 'meeting'),
    draftClauses: link('DraftClause', 'statement_clause', 'statement', 'clause', sorted),
    topics: link('Topic', 'statement_topic', 'statement', 'topic', sorted),
  },
  Meeting: {
    participants: link('Actor', 'meeting_actor', 'meeting', 'actor', role),
    mediators: link('Actor', 'meeting_actor', 'meeting', 'actor', role),
  },
  DraftAgreement: { meeting: column('Meeting', 'meeting') },
  DraftClause: {
    agreement: column('DraftAgreement', 'agreement'),
    proposedBy: link('Actor', 'clause_actor', 'clause', 'actor', role),
    supportedBy: link('Actor', 'clause_actor', 'clause', 'actor', role),
    opposedBy: link('Actor', 'clause_actor', 'clause', 'actor', role),
    topics: link('Topic', 'clause_topic', 'clause', 'topic'),
  },
  Position: {
    actor: column('Actor', 'actor'),
    topics: link('Topic', 'position_topic', 'position', 'topic', sorted),
  },
  Topic: {},
} as const satisfies Record<TypeName, Record<string, Reference>>;

/**
 * A reverse relation: the records of `type` that name the owner in one of the fields `by`
 * (`Actor.statements ← Statement.speaker`), or, `by: 'spans'`, that stand in the owner, an
 * article (their excerpts); those D1 holds as `d1` says, from the article's side.
 */
export type Reverse =
  | { type: TypeName; by: readonly string[] }
  | { type: TypeName; by: 'spans'; d1: Storage };

/** An article's registry entities of a kind: its citation rows of that kind. */
const cited = <T extends TypeName>(type: T) =>
  ({
    type,
    by: 'spans',
    d1: { link: 'citation', from: 'article', to: 'entity', typed: true, sorted: true },
  }) as const;

/**
 * The reverse relations, by owner type and field: lists a record holds of the records that
 * point at it (or, for an article, that stand in it), each in default order.
 */
export const relations = {
  Article: {
    actors: cited('Actor'),
    // A statement's row names its article (the one its excerpt stands in).
    statements: { type: 'Statement', by: 'spans', d1: { column: 'article' } },
    meetings: cited('Meeting'),
    draftAgreements: cited('DraftAgreement'),
    draftClauses: cited('DraftClause'),
    topics: cited('Topic'),
  },
  Actor: {
    statements: { type: 'Statement', by: ['speaker'] },
    mentionedIn: { type: 'Statement', by: ['mentions'] },
    meetings: { type: 'Meeting', by: ['participants', 'mediators'] },
    positions: { type: 'Position', by: ['actor'] },
    articles: { type: 'Article', by: ['actors'] },
  },
  Meeting: {
    draftAgreements: { type: 'DraftAgreement', by: ['meeting'] },
    statements: { type: 'Statement', by: ['meeting'] },
  },
  DraftAgreement: { clauses: { type: 'DraftClause', by: ['agreement'] } },
  DraftClause: { statements: { type: 'Statement', by: ['draftClauses'] } },
  Topic: {
    statements: { type: 'Statement', by: ['topics'] },
    draftClauses: { type: 'DraftClause', by: ['topics'] },
    positions: { type: 'Position', by: ['topics'] },
    articles: { type: 'Article', by: ['topics'] },
  },
} as const satisfies { [T in TypeName]?: Record<string, Reverse> };

export type OwnerType = keyof typeof relations;
export type RelationOf<T extends OwnerType> = keyof (typeof relations)[T] & string;
export type TargetOf<
  T extends OwnerType,
  F extends RelationOf<T>,
> = (typeof relations)[T][F] extends {
  type: infer X extends TypeName;
}
  ? X
  : never;

/** Each reverse relation's item type, by owner and field. */
export const reverseRelations = Object.fromEntries(
  Object.entries(relations).map(([owner, fields]) => [
    owner,
    Object.fromEntries(Object.entries(fields).map(([field, r]) => [field, r.type])),
  ]),
) as { [T in OwnerType]: { [F in RelationOf<T>]: TargetOf<T, F> } };

/** The fields of `type` that name records, each with the type it names. */
export const referencesOf = (type: string): [string, TypeName][] =>
  Object.entries((references as Record<string, Record<string, Reference>>)[type] ?? {}).map(
    ([field, reference]) => [field, reference.type],
  );

/** How D1 holds the field `field` of `type`, a reference or an article's list. */
export function storageOf(type: string, field: string): Storage | undefined {
  const reference = (references as Record<string, Record<string, Reference>>)[type]?.[field];
  if (reference) return reference.d1;
  const reverse = (relations as Record<string, Record<string, Reverse>>)[type]?.[field];
  return reverse && 'd1' in reverse ? reverse.d1 : undefined;
}
