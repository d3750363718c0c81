import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { graphql, request } from './client.ts';

// Generated junk thrown at the Worker: whatever arrives, the answer is a 4xx or a 200, never
// a 5xx, and anything that says it is JSON parses.

const token = fc.constantFrom(
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '!',
  '$v',
  '...',
  '@include(if: true)',
  '@skip(if: $v)',
  'query',
  'mutation',
  'subscription',
  'fragment F on Query',
  '...F',
  'on',
  'Actor',
  'Query',
  'actor',
  'actors',
  'statements',
  'node',
  'nodes',
  'search',
  '__type',
  '__schema',
  'fields',
  'ofType',
  'name',
  'slug:',
  'id:',
  'first:',
  'after:',
  'query:',
  'filter:',
  'kind:',
  '"x"',
  '"QWN0b3I6eA=="',
  '-1',
  '0',
  '101',
  '1e9',
  'null',
  'true',
  'PERSON',
  'Int',
  'String',
  '#',
  '"\\u0000"',
  '"""',
  'totalCount',
  'edges',
  'cursor',
);

const document = fc.oneof(
  fc.array(token, { maxLength: 60 }).map((tokens) => tokens.join(' ')),
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    'query($v: Int) { statements(first: $v) { totalCount } }',
    'query($v: String!) { node(id: $v) { id } }',
    'query($v: String!) { search(query: $v) { totalCount } }',
    'query($v: [ActorKind!]) { actors(filter: { kind: $v }) { totalCount } }',
  ),
);

const body = fc.oneof(
  fc
    .record(
      {
        query: fc.oneof(document, fc.jsonValue()),
        variables: fc.oneof(
          fc.jsonValue(),
          fc.dictionary(fc.constantFrom('v', 'x'), fc.jsonValue()),
        ),
        operationName: fc.oneof(fc.string(), fc.jsonValue()),
        extensions: fc.jsonValue(),
      },
      { requiredKeys: [] },
    )
    .map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 300 }),
  fc.jsonValue().map((value) => JSON.stringify(value)),
);

const header = (values: string[]) =>
  fc.oneof(fc.constantFrom(...values), fc.string({ maxLength: 40 }));

const junkRequest = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  path: fc.oneof(fc.constant('/graphql'), fc.constant('/graphql'), fc.webPath()),
  document,
  variables: fc.string({ maxLength: 60 }),
  body,
  contentType: header([
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/graphql',
  ]),
  accept: header(['*/*', 'application/json', 'application/graphql-response+json', 'text/html']),
});

describe('generated junk', () => {
  it('is always answered with a 4xx or a 200 carrying well-formed JSON, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(junkRequest, async (junk) => {
        const headers = new Headers();
        try {
          headers.set('content-type', junk.contentType);
          headers.set('accept', junk.accept);
        } catch {
          // A header value the Fetch API itself refuses never reaches a Worker.
        }
        const withBody = junk.method !== 'GET';
        const query = withBody
          ? ''
          : `?query=${encodeURIComponent(junk.document)}&variables=${encodeURIComponent(junk.variables)}`;
        const res = await request(`${junk.path}${query}`, {
          method: junk.method,
          headers,
          body: withBody ? junk.body : undefined,
        });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        expect(
          res.status === 200 || res.status === 304 || (res.status >= 400 && res.status < 500),
        ).toBe(true);
        if ((res.headers.get('content-type') ?? '').includes('json')) {
          expect(() => JSON.parse(text), text).not.toThrow();
          expect(text).not.toMatch(/"stack"|originalError/);
        }
      }),
      { numRuns: 200, seed: 20251125 },
    );
    const data = await graphql<{ actor: { name: string } }>(
      '{ actor(slug: "sergei-lavrov") { name } }',
    );
    expect(data.actor.name).toBe('Sergei Lavrov');
  });

  it('in a search query is words, never full-text syntax: every one answers, none fails', async () => {
    // FTS5's operators and quoting among real words: on D1 each word reaches FTS5 quoted.
    const piece = fc.oneof(
      fc.constantFrom(
        '"',
        '""',
        '*',
        '^',
        '-',
        ':',
        '+',
        '(',
        ')',
        '{',
        '}',
        'NEAR',
        'NEAR(',
        'AND',
        'OR',
        'NOT',
        'name:',
        'speaker :',
        'ceasefire',
        'Erdgoan',
        'Türkiye',
        "'",
        '\\',
        '\u0000',
        '\ud800',
      ),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(piece, { minLength: 1, maxLength: 8 })
          .map((p) => p.join(fc.sample(fc.constantFrom(' ', ''), 1)[0] ?? ' ')),
        fc.constantFrom('RELEVANCE', 'NEWEST'),
        async (q, orderBy) => {
          const res = await request('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              query: `query($q: String!, $o: SearchOrder) { search(query: $q, orderBy: $o, first: 5) { totalCount edges { score highlights { text } } } }`,
              variables: { q, o: orderBy },
            }),
          });
          const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
          // A blank or overlong query is refused as bad input; anything else answers.
          if (res.status !== 200) {
            expect(res.status, q).toBe(400);
            expect(body.errors?.[0]?.extensions?.code, q).toBe('BAD_USER_INPUT');
          } else {
            expect(body.errors, q).toBeUndefined();
          }
        },
      ),
      { numRuns: 150, seed: 20261204 },
    );
  });

  it('on the REST routes and the JSON-LD is a 2xx, a 304 or a 4xx with JSON, never a 5xx', async () => {
    const resource = fc.constantFrom(
      'actor',
      'actors',
      'article',
      'statements',
      'statement',
      'meetings',
      'draft-clauses',
      'search',
      'topics',
      'node',
      '',
    );
    const segment = fc.oneof(
      fc.constantFrom('sergei-markov', 'istanbul-talks-2025', '%', '%E0%A4%A', '..', ''),
      fc.string({ maxLength: 30 }).map(encodeURIComponent),
    );
    const param = fc.tuple(
      fc.constantFrom(
        'first',
        'last',
        'after',
        'before',
        'kind',
        'speaker',
        'status',
        'query',
        'kinds',
        'search',
        'x',
        'filter',
      ),
      fc.oneof(
        fc.constantFrom('1', '-1', '0', '101', '1e9', 'abc', 'PERSON', 'DIRECT_QUOTE', 'T2Zm', ''),
        fc.string({ maxLength: 20 }),
      ),
    );
    const junkRest = fc.record({
      method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'DELETE'),
      path: fc.oneof(
        fc
          .tuple(resource, fc.array(segment, { maxLength: 2 }))
          .map(([r, rest]) => ['/rest', r, ...rest].join('/')),
        segment.map((slug) => `/articles/${slug}.jsonld`),
      ),
      params: fc.array(param, { maxLength: 4 }),
      accept: header(['*/*', 'application/json', 'application/ld+json', 'text/html']),
      ifNoneMatch: fc.oneof(fc.constant(''), fc.constant('*'), fc.string({ maxLength: 20 })),
    });
    await fc.assert(
      fc.asyncProperty(junkRest, async (junk) => {
        const headers = new Headers();
        try {
          headers.set('accept', junk.accept);
          if (junk.ifNoneMatch) headers.set('if-none-match', junk.ifNoneMatch);
        } catch {
          // A header value the Fetch API itself refuses never reaches a Worker.
        }
        const search = new URLSearchParams(junk.params).toString();
        const res = await request(`${junk.path}${search ? `?${search}` : ''}`, {
          method: junk.method,
          headers,
        });
        const text = await res.text();
        expect(res.status, `${junk.path} ${text}`).toBeLessThan(500);
        if ((res.headers.get('content-type') ?? '').includes('json') && text) {
          expect(() => JSON.parse(text), text).not.toThrow();
          expect(text).not.toMatch(/"stack"|originalError/);
        }
      }),
      { numRuns: 200, seed: 20261203 },
    );
  });
});
