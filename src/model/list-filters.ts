import type { RecordTypes } from './corpus.ts';
import type {
  ActorKind,
  ClauseStatus,
  MeetingKind,
  MeetingStatus,
  StatementKind,
} from './enums.ts';
import type { OwnerType, RelationOf } from './relations.ts';

// The list filters, declared once: what each argument of a list's filter selects by. The
// bundled store (queries.ts) and D1 (d1/filters.ts) each read these declarations their own
// way; the build keeps a posting list for each facet (scripts/data/compile.ts). A filter is
// the intersection of its criteria, each the union of its values; an unknown slug matches
// nothing rather than failing, like an unknown slug in a lookup.

/**
 * The records of `type` by the value of their `field`, or, with `bySlugOf`, by the slug of
 * the record of that kind the field names: a posting list of the bundle (Corpus.filters), a
 * list of D1 (d1/tables.ts).
 */
interface Facet {
  type: keyof RecordTypes;
  field: string;
  bySlugOf?: keyof RecordTypes;
}

export const facets = {
  actorsByKind: { type: 'Actor', field: 'kind' },
  statementsByKind: { type: 'Statement', field: 'kind' },
  meetingsByKind: { type: 'Meeting', field: 'kind' },
  meetingsByStatus: { type: 'Meeting', field: 'status' },
  clausesByStatus: { type: 'DraftClause', field: 'status' },
  clausesByAgreement: { type: 'DraftClause', field: 'agreement', bySlugOf: 'DraftAgreement' },
  clausesByOpposer: { type: 'DraftClause', field: 'opposedBy', bySlugOf: 'Actor' },
  articlesByPublisher: { type: 'Article', field: 'publisher', bySlugOf: 'Actor' },
  articlesByAuthor: { type: 'Article', field: 'authors', bySlugOf: 'Actor' },
} as const satisfies Record<string, Facet>;
export type FacetName = keyof typeof facets;

/** A reverse relation by its name, `Actor.statements`. */
export type RelationName = { [T in OwnerType]: `${T}.${RelationOf<T>}` }[OwnerType];

/** What an argument selects by. */
export type Match =
  /** The records a facet holds under the values. */
  | { facet: FacetName }
  /** The records the relation holds of the records the slugs name. */
  | { via: RelationName }
  /** The records the words match, as `Query.search` matches them. */
  | { search: true }
  /** The records of the articles published within `publishedAfter` and `publishedBefore`. */
  | { published: true };

/** Bounds on the publication date, `YYYY-MM-DD`, both inclusive. */
export interface DateBounds {
  publishedAfter?: string | null;
  publishedBefore?: string | null;
}

export interface ActorFilter {
  kind?: readonly ActorKind[] | null;
  search?: string | null;
}

export interface ArticleFilter extends DateBounds {
  publisher?: readonly string[] | null;
  author?: readonly string[] | null;
  mentions?: readonly string[] | null;
  topic?: readonly string[] | null;
  search?: string | null;
}

export interface StatementFilter extends DateBounds {
  article?: readonly string[] | null;
  speaker?: readonly string[] | null;
  kind?: readonly StatementKind[] | null;
  topic?: readonly string[] | null;
  mentions?: readonly string[] | null;
  meeting?: string | null;
  search?: string | null;
}

export interface MeetingFilter {
  status?: readonly MeetingStatus[] | null;
  kind?: readonly MeetingKind[] | null;
}

export interface DraftClauseFilter {
  agreement?: string | null;
  status?: readonly ClauseStatus[] | null;
  opposedBy?: readonly string[] | null;
}

/** Each filtered list's filter, by the type it lists. */
export interface Filters {
  Actor: ActorFilter;
  Article: ArticleFilter;
  Statement: StatementFilter;
  Meeting: MeetingFilter;
  DraftClause: DraftClauseFilter;
}
export type FilteredType = keyof Filters;

// A declaration names every argument once; the two date bounds are one criterion, `published`.
type Declaration<F> = {
  readonly [K in
    | Exclude<keyof F, keyof DateBounds>
    | ('publishedAfter' extends keyof F ? 'published' : never)]-?: Match;
};

/** Each list's criteria, in the order both stores apply them. */
export const listFilters = {
  Actor: {
    kind: { facet: 'actorsByKind' },
    search: { search: true },
  },
  Article: {
    published: { published: true },
    publisher: { facet: 'articlesByPublisher' },
    author: { facet: 'articlesByAuthor' },
    mentions: { via: 'Actor.articles' },
    topic: { via: 'Topic.articles' },
    search: { search: true },
  },
  Statement: {
    article: { via: 'Article.statements' },
    published: { published: true },
    speaker: { via: 'Actor.statements' },
    kind: { facet: 'statementsByKind' },
    topic: { via: 'Topic.statements' },
    mentions: { via: 'Actor.mentionedIn' },
    meeting: { via: 'Meeting.statements' },
    search: { search: true },
  },
  Meeting: {
    status: { facet: 'meetingsByStatus' },
    kind: { facet: 'meetingsByKind' },
  },
  DraftClause: {
    agreement: { facet: 'clausesByAgreement' },
    status: { facet: 'clausesByStatus' },
    opposedBy: { facet: 'clausesByOpposer' },
  },
} as const satisfies { [T in FilteredType]: Declaration<Filters[T]> };

/** A criterion a filter asks for, as its declaration reads: what each store interprets. */
export type FilterCriterion =
  | { facet: FacetName; values: readonly string[] }
  | { via: RelationName; slugs: readonly string[] }
  | { search: string }
  | { published: DateBounds };

/** The criteria `filter` asks for, in declared order; an argument left out asks for none. */
export function criteriaOf<T extends FilteredType>(
  type: T,
  filter: Filters[T] | null | undefined,
): FilterCriterion[] {
  if (!filter) return [];
  const given = filter as Record<string, readonly string[] | string | null | undefined>;
  const declared = Object.entries(listFilters[type]) as [string, Match][];
  return declared.flatMap(([argument, match]): FilterCriterion[] => {
    if ('published' in match) {
      const { publishedAfter, publishedBefore } = filter as DateBounds;
      return publishedAfter == null && publishedBefore == null
        ? []
        : [{ published: { publishedAfter, publishedBefore } }];
    }
    const value = given[argument];
    if (value == null) return [];
    if ('search' in match) return [{ search: value as string }];
    const values = typeof value === 'string' ? [value] : value;
    return 'facet' in match
      ? [{ facet: match.facet, values }]
      : [{ via: match.via, slugs: values }];
  });
}
