import { restRoutes } from '../../src/http/rest/routes.ts';
import { schema } from '../../src/schema/index.ts';
import { type Operation, uniqueMarker } from './load.ts';

// Shaped like what a front end asks: an entity detail, a list page, the largest page the cost
// limit lets through, a search, a node lookup.

const detail = `query Detail($slug: String!) {
  actor(slug: $slug) { id name kind roles affiliation { name } excerpts { start end text } }
}`;
const statementsPage = (first: number, name: string) => `query ${name} {
  statements(first: ${first}) {
    totalCount
    nodes { id slug kind text speaker { name } excerpt { paragraph start end text } topics { name } }
    pageInfo { endCursor hasNextPage }
  }
}`;
const listPage = statementsPage(20, 'Statements');
const largestPage = statementsPage(100, 'AllStatements');
const search = `query Search($q: String! = "ceasefire talks") {
  search(query: $q, first: 10) {
    totalCount
    edges {
      score
      node { __typename ... on Statement { text } ... on Actor { name } ... on Meeting { name } ... on DraftClause { title } ... on Position { subject } }
      highlights { start end text }
    }
  }
}`;
// A search never asked before, so its ranking is not remembered: the extra word matches
// nothing (no indexed word starts with "zq", and under six letters it is not matched for
// typos), so every answer is the same; and in a variable, as a front end sends it, so the
// document is one the isolate has parsed, validated and priced already.
const newSearch = { q: `ceasefire talks zq${uniqueMarker}` };
const node = `query Node {
  node(id: "U3RhdGVtZW50OmxhdnJvdi1pbnRyaWd1ZQ==") { id ... on Statement { text speaker { name } excerpt { start end text } } }
}`;

const accept = 'application/graphql-response+json';

export function post(name: string, query: string, variables?: Record<string, unknown>): Operation {
  return {
    name,
    method: 'POST',
    path: '/graphql',
    body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', accept },
  };
}

function get(
  name: string,
  query: string,
  variables?: Record<string, unknown>,
  unique = false,
): Operation {
  const params = new URLSearchParams({ query });
  // A miss as a front end meets one: the same document with new variables. The extra one is
  // part of the cache key; GraphQL ignores a variable the operation does not declare.
  const sent = unique ? { ...variables, request: uniqueMarker } : variables;
  if (sent) params.set('variables', JSON.stringify(sent));
  return { name, method: 'GET', path: `/graphql?${params}`, headers: { accept } };
}

const lavrov = { slug: 'sergei-lavrov' };

// The REST twin beside the GraphQL GET that runs its route's own operation: the CPU the
// translation costs, and nothing else. A REST route takes no extra parameter, so its miss
// is a search for new words each time (the words end in one that matches nothing).
const restQuery = (field: string) => {
  const route = restRoutes(schema).find((r) => r.field === field);
  if (!route) throw new Error(`no REST route for Query.${field}`);
  return route.query;
};
const restGet = (name: string, path: string): Operation => ({
  name,
  method: 'GET',
  path,
  headers: { accept: 'application/json' },
});
const newWords = `ceasefire talks zq${uniqueMarker}`;
const restUncached: Operation[] = [
  restGet(
    'REST search, new words each time (GET, miss)',
    `/rest/search?${new URLSearchParams({ query: newWords, first: '10' })}`,
  ),
];
const restCached: Operation[] = [
  restGet('REST detail (GET, cache hit)', '/rest/actor/sergei-lavrov'),
  restGet('REST list page of 20 (GET, cache hit)', '/rest/statements?first=20'),
];

/** Each executed every time (POST, or a GET whose cache key is new each request). */
export const uncached: Operation[] = [
  post('entity detail (POST)', detail, lavrov),
  // The API's own pipeline with nothing to resolve: beside the bare Worker's `{ __typename }`,
  // it splits the detail's cost into the pipeline's part and the execution's.
  post('{ __typename } on the API (POST)', '{ __typename }'),
  get('entity detail (GET, cache miss)', detail, lavrov, true),
  post('list page of 20 (POST)', listPage),
  post('largest page, 100 (POST)', largestPage),
  post('search (POST)', search),
  post('search, a new query each time (POST)', search, newSearch),
  post('node lookup (POST)', node),
  ...restUncached,
  get('REST search’s own operation (GraphQL GET, miss)', restQuery('search'), {
    query: newWords,
    first: 10,
  }),
];

/** The same reads as GETs repeated: answered from the isolate's cache. */
export const cached: Operation[] = [
  get('entity detail (GET, cache hit)', detail, lavrov),
  get('list page of 20 (GET, cache hit)', listPage),
  get('largest page, 100 (GET, cache hit)', largestPage),
  get('search (GET, cache hit)', search),
  get('node lookup (GET, cache hit)', node),
  ...restCached,
  get('REST detail’s own operation (GraphQL GET, cache hit)', restQuery('actor'), lavrov),
  get('REST list’s own operation (GraphQL GET, cache hit)', restQuery('statements'), {
    first: 20,
  }),
];

/** Each REST target and the GraphQL GET of the same operation, by their names. */
export const restPairs: [string, string][] = [
  ['REST detail (GET, cache hit)', 'REST detail’s own operation (GraphQL GET, cache hit)'],
  ['REST list page of 20 (GET, cache hit)', 'REST list’s own operation (GraphQL GET, cache hit)'],
  [
    'REST search, new words each time (GET, miss)',
    'REST search’s own operation (GraphQL GET, miss)',
  ],
];

export const helloWorld: Operation = post('{ __typename }', '{ __typename }');
