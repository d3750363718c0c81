import { describe, expect, it } from 'vitest';
import { limits } from '../../src/http/limits.ts';
import { codes, graphqlRaw, request } from './client.ts';

async function refusedWith(code: string, query: string) {
  const { status, body } = await graphqlRaw(query);
  expect(status, JSON.stringify(body)).toBe(400);
  expect(codes(body)).toEqual([code]);
  expect(body.data).toBeUndefined();
  return body.errors?.[0]?.message ?? '';
}

async function accepted(query: string) {
  const { status, body } = await graphqlRaw(query);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(status).toBe(200);
}

const nested = (field: string, levels: number, leaf: string) =>
  `${`${field} { `.repeat(levels)}${leaf}${' }'.repeat(levels)}`;

describe('limits, each at its boundary', () => {
  it(`allows a depth of ${limits.depth} and refuses ${limits.depth + 1}`, async () => {
    // actor (1) + affiliations + name (1)
    await accepted(
      `{ actor(slug: "sergei-markov") { ${nested('affiliation', limits.depth - 2, 'name')} } }`,
    );
    const message = await refusedWith(
      'DEPTH_LIMIT_EXCEEDED',
      `{ actor(slug: "sergei-markov") { ${nested('affiliation', limits.depth - 1, 'name')} } }`,
    );
    expect(message).toContain(String(limits.depth));
  });

  it('counts __type introspection chains in the depth', async () => {
    await accepted(
      `{ __type(name: "Actor") { fields { type { ${nested('ofType', 4, 'name')} } } } }`,
    );
    await refusedWith(
      'DEPTH_LIMIT_EXCEEDED',
      `{ __type(name: "Actor") { fields { type { ${nested('ofType', 5, 'name')} } } } }`,
    );
  });

  it('lets GraphiQL load the whole schema by introspection', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    await accepted(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
  });

  it(`allows lists nested ${limits.listDepth} deep and refuses ${limits.listDepth + 1}`, async () => {
    await accepted(
      '{ actors(first: 1) { nodes { statements(first: 1) { nodes { mentions { name } } } } } }',
    );
    const message = await refusedWith(
      'DEPTH_LIMIT_EXCEEDED',
      '{ actors(first: 1) { nodes { statements(first: 1) { nodes { mentions { positions { subject } } } } } } }',
    );
    expect(message).toContain('Lists may nest at most 3 deep');
    await refusedWith(
      'DEPTH_LIMIT_EXCEEDED',
      '{ __type(name: "SearchResult") { possibleTypes { fields { args { type { enumValues { name } } } } } } }',
    );
  });

  it(`allows ${limits.aliases} aliases, __typename included, and refuses one more`, async () => {
    const aliases = (n: number) =>
      Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ');
    await accepted(`{ ${aliases(limits.aliases)} }`);
    await refusedWith('ALIAS_LIMIT_EXCEEDED', `{ ${aliases(limits.aliases + 1)} }`);
  });

  it(`allows ${limits.directives} directives and refuses one more`, async () => {
    // A directive may stand once per field, so spread them over distinct fields, two each.
    const fields = [
      'slug',
      'name',
      'kind',
      'roles',
      'aliases',
      'editorialNote',
      'id',
      '__typename',
      'statements { totalCount }',
      'mentionedIn { totalCount }',
      'meetings { slug }',
      'positions { subject }',
    ];
    const directives = (n: number) => {
      const selections = fields.map((field, i) => {
        const [name, ...rest] = field.split(' ');
        const own = ['@include(if: true)', '@skip(if: false)'].slice(
          0,
          Math.max(0, Math.min(2, n - 2 * i)),
        );
        return [name, ...own, ...rest].join(' ');
      });
      return `{ actor(slug: "sergei-markov") { ${selections.join(' ')} } }`;
    };
    await accepted(directives(limits.directives));
    await refusedWith('DIRECTIVE_LIMIT_EXCEEDED', directives(limits.directives + 1));
  });

  it(`allows a document of ${limits.documentCharacters} characters and refuses one more`, async () => {
    const padded = (length: number) => `{ __typename }${' '.repeat(length - 14)}`;
    await accepted(padded(limits.documentCharacters));
    const message = await refusedWith('DOCUMENT_TOO_LARGE', padded(limits.documentCharacters + 1));
    expect(message).toContain(String(limits.documentCharacters));
  });

  it(`allows ${limits.documentTokens} tokens and refuses one more`, async () => {
    // "{" + n × "__typename" + "}" is n + 2 tokens.
    const tokens = (n: number) => `{ ${'__typename '.repeat(n - 2)}}`;
    await accepted(tokens(limits.documentTokens));
    await refusedWith('TOKEN_LIMIT_EXCEEDED', tokens(limits.documentTokens + 1));
  });

  it(`allows a body of ${limits.bodyBytes} bytes and refuses a larger one with 413`, async () => {
    const body = (size: number) => {
      const base = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
      return JSON.stringify({
        query: '{ __typename }',
        variables: { pad: 'x'.repeat(size - base.length) },
      });
    };
    const post = (text: string) =>
      request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: text,
      });
    expect((await post(body(limits.bodyBytes))).status).toBe(200);
    const refused = await post(body(limits.bodyBytes + 1));
    expect(refused.status).toBe(413);
    expect(
      ((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]
        ?.extensions.code,
    ).toBe('PAYLOAD_TOO_LARGE');
  });

  it('counts the bytes that arrive, not the Content-Length a client claims', async () => {
    const big = JSON.stringify({ query: `{ __typename }${' '.repeat(limits.bodyBytes)}` });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const res = await request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
    });
    expect(res.status).toBe(413);
  });

  it('refuses batched operations', async () => {
    const res = await request('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });
});
