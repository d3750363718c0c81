import { describe, expect, it } from 'vitest';
import { codes, graphql, graphqlRaw, request } from './client.ts';

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
