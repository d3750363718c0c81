import { builder } from '../builder.ts';
import { dayRange } from '../model/archive-order.ts';
import { searchOrders } from '../model/enums.ts';
import type { SearchHit } from '../model/highlights.ts';
import type { SearchableType, SearchScope } from '../model/search-options.ts';
import type { Store } from '../model/store.ts';
import { badUserInput } from './errors.ts';
import { modelEnum } from './model-enum.ts';
import { type Connection, type ConnectionArgs, connection, pageCost } from './pagination.ts';
import {
  ActorRef,
  DraftClauseRef,
  ExcerptRef,
  MeetingRef,
  PositionRef,
  StatementRef,
} from './refs.ts';

export const maxSearchLength = 200;

/** A search string must say something and stay short: refused otherwise, before searching. */
export function checkSearchQuery(query: string): string {
  if (query.trim().length === 0) throw badUserInput('A search needs at least one word.');
  if (query.length > maxSearchLength) {
    throw badUserInput(
      `A search may be at most ${maxSearchLength} characters long; this one has ${query.length}.`,
    );
  }
  return query;
}

/** A list filter's `search`, checked like a search's query. */
export function checkFilterSearch<F extends { search?: string | null }>(
  filter: F | null | undefined,
) {
  if (filter?.search != null) checkSearchQuery(filter.search);
  return filter;
}

const kinds: Record<string, { type: SearchableType; description: string }> = {
  ACTOR: { type: 'Actor', description: 'Actors, by name and alias.' },
  STATEMENT: { type: 'Statement', description: 'Statements, by their words and their speaker.' },
  MEETING: { type: 'Meeting', description: 'Meetings and events, by name, place and outcome.' },
  DRAFT_CLAUSE: {
    type: 'DraftClause',
    description: 'Draft clauses and conditions, by title and text.',
  },
  POSITION: { type: 'Position', description: 'Positions, by subject, summary and actor.' },
};

const SearchKindRef = builder.enumType('SearchKind', {
  description: 'The kinds of record a search can return.',
  values: Object.fromEntries(
    Object.entries(kinds).map(([name, { type, description }]) => [
      name,
      { value: type, description },
    ]),
  ) as Record<keyof typeof kinds, { value: SearchableType; description: string }>,
});

const SearchResultRef = builder.unionType('SearchResult', {
  description: 'A record that a search found.',
  types: [ActorRef, StatementRef, MeetingRef, DraftClauseRef, PositionRef],
  resolveType: (record) => record.typename,
});

// A page of hits as src/schema/pagination.ts builds every page: each edge's cursor is encoded
// only if it is asked for.
type SearchConnectionShape = Connection<SearchHit>;
type SearchEdgeShape = SearchConnectionShape['edges'][number];

const SearchEdgeRef = builder.objectRef<SearchEdgeShape>('SearchEdge').implement({
  description: 'One search result, with its rank and where its words stand in the article.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', {
      description: 'An opaque cursor for this result: pass it as `after` for the next page.',
    }),
    node: t.field({
      type: SearchResultRef,
      description: 'The record found.',
      resolve: (e) => e.node.record,
    }),
    score: t.float({
      description: 'Relevance: higher is better. Comparable within one search only.',
      resolve: (e) => e.node.score,
    }),
    highlights: t.field({
      type: [ExcerptRef],
      description:
        'The spans of the article where the matched words stand, for highlighting the source; the record’s excerpts when it matched on words that are not the article’s own.',
      resolve: (e, _args, { store }) => store.highlights(e.node),
    }),
  }),
});

const SearchConnectionRef = builder.objectRef<SearchConnectionShape>('SearchConnection').implement({
  description: 'A page of search results, best first.',
  fields: (t) => ({
    edges: t.field({
      type: [SearchEdgeRef],
      complexity: { field: 1, multiplier: 1 },
      description: 'The results of this page, each with its cursor, score and highlights.',
      resolve: (c) => c.edges,
    }),
    nodes: t.field({
      type: [SearchResultRef],
      complexity: { field: 1, multiplier: 1 },
      description: 'The records of this page, in rank order: a shortcut for `edges { node }`.',
      resolve: (c) => c.edges.map((e) => e.node.record),
    }),
    pageInfo: t.field({
      type: builder.pageInfoRef(),
      description: 'Cursors and flags for fetching the next page.',
      resolve: (c) => c.pageInfo,
    }),
    totalCount: t.int({
      description: 'How many records matched in all.',
      resolve: (c) => c.totalCount,
    }),
  }),
});

const SearchOrderRef = modelEnum('SearchOrder', searchOrders, {
  description: 'The order of search results.',
  values: {
    RELEVANCE: 'Best match first: the default.',
    NEWEST:
      "Newest first: by the newest article a record stands in (a statement's own), then order of appearance within it.",
  },
});

function searchPage(store: Store, query: string, scope: SearchScope, args: ConnectionArgs) {
  return connection(args, store.search(checkSearchQuery(query), scope));
}

builder.queryField('search', (t) =>
  t.field({
    type: SearchConnectionRef,
    description:
      'Ranked full-text search over actors, statements, meetings, clauses and positions. Case- and diacritic-insensitive ("turkiye" finds Türkiye), matches word prefixes ("ceasef"), and tolerates one typo in longer words.',
    complexity: pageCost,
    args: {
      query: t.arg.string({
        required: true,
        description: 'The words to look for (1 to 200 characters).',
      }),
      kinds: t.arg({
        type: [SearchKindRef],
        required: false,
        description: 'Only these kinds of record.',
      }),
      publishedAfter: t.arg({
        type: 'Date',
        required: false,
        description:
          "Only records that stand in an article published on or after this day (an entity's date is its newest article's).",
      }),
      publishedBefore: t.arg({
        type: 'Date',
        required: false,
        description:
          "Only records that stand in an article published on or before this day (an entity's date is its newest article's).",
      }),
      orderBy: t.arg({
        type: SearchOrderRef,
        required: false,
        defaultValue: 'RELEVANCE',
        description: 'The order: best match first (the default), or newest first.',
      }),
      ...t.arg.connectionArgs(),
    },
    resolve: (
      _root,
      { query, kinds, publishedAfter, publishedBefore, orderBy, ...args },
      { store },
    ) =>
      searchPage(
        store,
        query,
        { kinds, order: orderBy ?? 'RELEVANCE', ...dayRange({ publishedAfter, publishedBefore }) },
        args,
      ),
  }),
);
