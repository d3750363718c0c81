import { describe, expect, it } from 'vitest';
import { codes, type GraphQLBody, graphql, graphqlRaw, request } from './client.ts';

async function postRaw(body: string) {
  const res = await request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body,
  });
  return { status: res.status, text: await res.text() };
}

describe('bad input', () => {
  it('answers an unknown slug with null, not an error', async () => {
    const data = await graphql<{ actor: null; statement: null; constructor: null }>(
      '{ actor(slug: "nobody") { name } statement(slug: "nothing") { text } constructor: topic(slug: "constructor") { name } }',
    );
    expect(data).toEqual({ actor: null, statement: null, constructor: null });
  });

  it('refuses a malformed global ID with BAD_USER_INPUT and a 400', async () => {
    for (const id of ['!!!', 'Zm9vOmJhcg==', btoa('Actor'), btoa('Secret:x')]) {
      const { status, body } = await graphqlRaw('query($id: ID!) { node(id: $id) { id } }', { id });
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('answers a well-formed global ID that names nothing with null', async () => {
    const data = await graphql('{ node(id: "QWN0b3I6bm9ib2R5") { id } }');
    expect(data).toEqual({ node: null });
  });

  it('refuses a cursor that this API did not issue', async () => {
    for (const after of [
      'xx',
      btoa('OffsetConnection:-1'),
      btoa('OffsetConnection:abc'),
      btoa('Other:1'),
    ]) {
      const { status, body } = await graphqlRaw(
        'query($a: String) { actors(after: $a) { totalCount } }',
        { a: after },
      );
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors?.[0]?.message).toContain('cursor');
    }
  });

  it('refuses a page larger than 100, and a negative or empty one', async () => {
    for (const [arg, size] of [
      ['first', 101],
      ['last', 1000],
      ['first', -1],
      ['first', 0],
    ] as const) {
      const { status, body } = await graphqlRaw(`{ statements(${arg}: ${size}) { totalCount } }`);
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors?.[0]?.message).toContain(arg);
    }
  });

  it('refuses an unknown enum value, inline or in variables', async () => {
    const inline = await graphqlRaw('{ actors(filter: { kind: [ALIEN] }) { totalCount } }');
    expect(inline.status).toBe(400);
    expect(codes(inline.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const variable = await graphqlRaw(
      'query($k: [ActorKind!]) { actors(filter: { kind: $k }) { totalCount } }',
      { k: ['ALIEN'] },
    );
    expect(variable.status).toBe(400);
    expect(codes(variable.body)).toEqual(['BAD_USER_INPUT']);
    expect(variable.body.errors?.[0]?.message).toContain('ALIEN');
    expect(variable.body.data).toBeUndefined();
  });

  it('refuses a syntax error with GRAPHQL_PARSE_FAILED', async () => {
    const { status, body } = await graphqlRaw('{ actor(');
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('refuses malformed JSON without leaking the parser’s own error', async () => {
    const { status, text } = await postRaw('{"query":');
    expect(status).toBe(400);
    const body = JSON.parse(text);
    expect(body.errors[0].extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(text).not.toContain('originalError');
    expect(text).not.toContain('SyntaxError');
  });

  it('refuses a request without a query', async () => {
    const { status, text } = await postRaw('{}');
    expect(status).toBe(400);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

// GraphQL over HTTP lets the status of an error depend on the media type the client accepts:
// under application/json a request that reached GraphQL answers 200 and the client reads
// `errors`; under application/graphql-response+json it answers 4xx.
const graphqlResponse = 'application/graphql-response+json';
const plainJson = [undefined, '*/*', 'application/json'];

async function postAccepting(accept: string | undefined, body: string) {
  const res = await request('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accept ? { accept } : {}) },
    body,
  });
  return { res, body: (await res.json()) as GraphQLBody };
}

const operation = (query: string, variables?: Record<string, unknown>) =>
  JSON.stringify({ query, variables });

describe('the status of an error, by the media type the client accepts', () => {
  it('answers a parse, validation or shape error, and a body that is not JSON, with 400 under application/graphql-response+json and 200 under application/json, */* or no Accept', async () => {
    const refused: [string, string][] = [
      ['GRAPHQL_PARSE_FAILED', operation('{ actor(')],
      ['GRAPHQL_VALIDATION_FAILED', operation('{ nothing }')],
      [
        'GRAPHQL_VALIDATION_FAILED',
        operation('{ articles(filter: { publishedAfter: "2025-02-30" }) { totalCount } }'),
      ],
      [
        'DEPTH_LIMIT_EXCEEDED',
        operation(
          `{ actor(slug: "sergei-markov") { ${'affiliation { '.repeat(7)}name${' }'.repeat(7)} } }`,
        ),
      ],
      ['TOKEN_LIMIT_EXCEEDED', operation(`{ ${'__typename '.repeat(1_001)}}`)],
      ['BAD_REQUEST', '{"query":'],
    ];
    for (const [code, sent] of refused) {
      for (const accept of [graphqlResponse, ...plainJson]) {
        const { res, body } = await postAccepting(accept, sent);
        const strict = accept === graphqlResponse;
        expect(res.status, `${code}, Accept: ${accept}`).toBe(strict ? 400 : 200);
        expect(res.headers.get('content-type')).toContain(strict ? accept : 'application/json');
        expect(codes(body), `${code}, Accept: ${accept}`).toEqual([code]);
        expect(body.data).toBeUndefined();
      }
    }
    // A GET likewise.
    for (const accept of [graphqlResponse, ...plainJson]) {
      const res = await request(`/graphql?query=${encodeURIComponent('{ actor(')}`, {
        headers: accept ? { accept } : {},
      });
      expect(res.status, `GET, Accept: ${accept}`).toBe(accept === graphqlResponse ? 400 : 200);
      expect(codes((await res.json()) as GraphQLBody)).toEqual(['GRAPHQL_PARSE_FAILED']);
    }
  });

  it('answers bad input, a cost over the limit, an oversized document, a request with no query or a batch, and an unknown document with the same 4xx whatever the client accepts', async () => {
    const refused: [string, number, string][] = [
      ['BAD_USER_INPUT', 400, operation('{ statements(first: 500) { totalCount } }')],
      [
        'BAD_USER_INPUT',
        400,
        operation('query($k: [ActorKind!]) { actors(filter: { kind: $k }) { totalCount } }', {
          k: ['ALIEN'],
        }),
      ],
      [
        'COST_LIMIT_EXCEEDED',
        400,
        operation(
          '{ statements(first: 100) { nodes { mentions { statements(first: 10) { nodes { text } } } } } }',
        ),
      ],
      ['DOCUMENT_TOO_LARGE', 400, operation(`{ __typename } # ${'x'.repeat(16_100)}`)],
      ['BAD_REQUEST', 400, '{}'],
      ['BAD_REQUEST', 400, '[{"query":"{ __typename }"}]'],
      ['PERSISTED_QUERY_NOT_FOUND', 404, JSON.stringify({ documentId: 'f'.repeat(64) })],
    ];
    for (const [code, status, sent] of refused) {
      for (const accept of [graphqlResponse, ...plainJson]) {
        const { res, body } = await postAccepting(accept, sent);
        expect(res.status, `${code}, Accept: ${accept}`).toBe(status);
        expect(codes(body), `${code}, Accept: ${accept}`).toEqual([code]);
      }
    }
  });
});
