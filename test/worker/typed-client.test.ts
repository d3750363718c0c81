import { exports } from 'cloudflare:workers';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ApiErrors, createClient } from '../../examples/client/execute.ts';
import {
  ActorWithStatementsDocument,
  CeasefireStatementsDocument,
  type CeasefireStatementsQuery,
  NodeByIdDocument,
} from '../../examples/client/gql/graphql.ts';
import { type Quote, quotesOnTopic } from '../../examples/client/quotes.ts';
import { origin } from './client.ts';

// The typed client of examples/client, against the Worker's real fetch handler.
const execute = createClient(`${origin}/graphql`, (input, init) =>
  exports.default.fetch(new Request(input, init)),
);

describe('the typed client', () => {
  it('runs a generated example document and returns its typed data', async () => {
    const data = await execute(CeasefireStatementsDocument, { topic: 'ceasefire', first: 3 });
    expectTypeOf(data).toEqualTypeOf<CeasefireStatementsQuery>();
    expectTypeOf(data.statements.nodes[0]?.speaker.name).toEqualTypeOf<string | undefined>();
    expect(data.statements.nodes).toHaveLength(3);
    for (const node of data.statements.nodes) {
      expect(node.excerpt.end - node.excerpt.start).toBe(node.excerpt.text.length);
    }
  });

  it('leaves out variables that the operation defaults', async () => {
    const data = await execute(ActorWithStatementsDocument);
    expect(data.actor?.name).toBe('Sergei Markov');
  });

  it('types a node lookup as a union narrowed by __typename', async () => {
    const { actor } = await execute(ActorWithStatementsDocument, { slug: 'sergei-lavrov' });
    const { node } = await execute(NodeByIdDocument, { id: actor?.id ?? '' });
    if (node?.__typename !== 'Actor') throw new Error(`expected an Actor, got ${node?.__typename}`);
    expectTypeOf(node.name).toEqualTypeOf<string>();
    expect(node.name).toBe('Sergei Lavrov');
  });

  it('shapes the quotes on a topic for a UI from a graphql() document', async () => {
    const quotes = await quotesOnTopic(execute, 'ceasefire');
    expectTypeOf(quotes).toEqualTypeOf<Quote[]>();
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes.every((q) => q.words.length === q.at[1] - q.at[0])).toBe(true);
  });

  it('throws the API errors, with their codes, on a bad request', async () => {
    const failure = await execute(NodeByIdDocument, { id: 'not-an-id' }).catch((e) => e);
    expect(failure).toBeInstanceOf(ApiErrors);
    expect((failure as ApiErrors).errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
