import { env } from 'cloudflare:workers';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { execute, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { bundledStore } from '../../src/model/bundled.ts';
import { schema } from '../../src/schema/index.ts';
import { graphql } from './client.ts';

const samples = {
  Article: 'article(slug: "istanbul-talks-2025")',
  Actor: 'actor(slug: "vladimir-putin")',
  Statement: 'statement(slug: "lavrov-intrigue")',
  Meeting: 'meeting(slug: "istanbul-talks-2025")',
  DraftAgreement: 'draftAgreement(slug: "istanbul-draft-agreement-2022")',
  DraftClause: 'draftClause(slug: "ukrainian-neutrality")',
  Topic: 'topic(slug: "ceasefire")',
};

describe('global object identification', () => {
  it('refetches every type through node() by the ID it reports', async () => {
    for (const [type, lookup] of Object.entries(samples)) {
      const found = await graphql<{ entity: { id: string; slug: string } }>(
        `{ entity: ${lookup} { id slug } }`,
      );
      const { node } = await graphql<{ node: { __typename: string; id: string; slug: string } }>(
        'query($id: ID!) { node(id: $id) { __typename id ... on Sourced { slug } } }',
        { id: found.entity.id },
      );
      expect(node).toEqual({ __typename: type, id: found.entity.id, slug: found.entity.slug });
    }
  });

  it('fetches several nodes in order, with null for an ID that names nothing', async () => {
    const { a, b } = await graphql<{ a: { id: string }; b: { id: string } }>(
      '{ a: actor(slug: "sergei-lavrov") { id } b: topic(slug: "ceasefire") { id } }',
    );
    const missing = btoa('Actor:nobody');
    const { nodes } = await graphql<{ nodes: ({ __typename: string } | null)[] }>(
      'query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Actor { name } ... on Topic { slug } } }',
      { ids: [b.id, missing, a.id] },
    );
    expect(nodes).toEqual([
      { __typename: 'Topic', slug: 'ceasefire' },
      null,
      { __typename: 'Actor', name: 'Sergei Lavrov' },
    ]);
  });

  it('keeps an ID stable: it encodes the type and the slug, not a position', async () => {
    const { actor } = await graphql<{ actor: { id: string } }>(
      '{ actor(slug: "vladimir-putin") { id } }',
    );
    expect(atob(actor.id)).toBe('Actor:vladimir-putin');
  });

  // The bundled store's promise; a D1 store waits on its database by nature.
  it.skipIf(env.DB)(
    'resolves IDs and searches without a promise, so that a page of them executes synchronously',
    () => {
      const document = parse(`{
      ${Object.entries(samples)
        .map(([type, field]) => `${type.toLowerCase()}: ${field} { id slug }`)
        .join('\n')}
      statements(first: 100) { nodes { id slug speaker { id slug } } }
      search(query: "ceasefire", first: 5) { edges { cursor node { __typename } highlights { text } } }
    }`);
      const result = execute({
        schema,
        document,
        contextValue: { request: new Request('http://x/'), store: bundledStore },
      });
      expect(result).not.toBeInstanceOf(Promise);
      const data = (result as { data: Record<string, { id: string; slug: string }> }).data;
      // The same IDs Pothos's relay plugin gives.
      for (const type of Object.keys(samples)) {
        const node = data[type.toLowerCase()] as { id: string; slug: string };
        expect(node.id).toBe(encodeGlobalID(type, node.slug));
      }
    },
  );
});
