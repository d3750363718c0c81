import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { exampleOperations } from '../../examples/operations/index.ts';
import { graphql } from './client.ts';

interface Span {
  start: number;
  end: number;
  text: string;
}

describe('the example operations', () => {
  it('are one named operation a file, named as the playground lists them', () => {
    for (const [name, text] of Object.entries(exampleOperations)) {
      const definitions = parse(text).definitions;
      expect(definitions).toHaveLength(1);
      const [operation] = definitions;
      expect(operation?.kind).toBe(Kind.OPERATION_DEFINITION);
      expect(operation?.kind === Kind.OPERATION_DEFINITION && operation.name?.value).toBe(name);
    }
  });

  it('run without errors with their default variables', async () => {
    for (const text of Object.values(exampleOperations)) {
      const data = await graphql(text);
      expect(Object.values(data).every((value) => value !== null)).toBe(true);
    }
  });

  it('find who said what about the ceasefire, with the words behind each statement', async () => {
    const data = await graphql<{
      statements: {
        totalCount: number;
        nodes: { speaker: { name: string }; excerpt: Span }[];
      };
    }>(exampleOperations.CeasefireStatements ?? '');
    expect(data.statements.totalCount).toBeGreaterThan(0);
    const speakers = data.statements.nodes.map((s) => s.speaker.name);
    expect(speakers).toContain('Sergei Markov');
    for (const { excerpt } of data.statements.nodes) {
      expect(excerpt.end - excerpt.start).toBe(excerpt.text.length);
    }
  });

  it('list the 2022 draft clauses with who opposes each', async () => {
    const data = await graphql<{
      draftAgreement: {
        title: string;
        clauses: { title: string; opposedBy: { name: string }[] }[];
      };
    }>(exampleOperations.DraftAgreementClauses ?? '');
    expect(data.draftAgreement.clauses.length).toBeGreaterThan(1);
    const opponents = data.draftAgreement.clauses.flatMap((c) => c.opposedBy.map((a) => a.name));
    expect(opponents.length).toBeGreaterThan(0);
  });

  it('list the meetings with their participants', async () => {
    const data = await graphql<{
      meetings: { nodes: { slug: string; participants: { name: string }[] }[] };
    }>(exampleOperations.MeetingsAndParticipants ?? '');
    const talks = data.meetings.nodes.find((m) => m.slug === 'istanbul-talks-2025');
    expect(talks?.participants.map((a) => a.name)).toEqual(
      expect.arrayContaining(['Russia', 'Ukraine']),
    );
  });

  it('search for a 30-day truce and find Ukraine’s demand, with the words highlighted', async () => {
    const data = await graphql<{
      search: { edges: { node: { __typename: string; subject?: string }; highlights: Span[] }[] };
    }>(exampleOperations.Search ?? '');
    const positions = data.search.edges.filter((e) => e.node.__typename === 'Position');
    expect(positions.map((e) => e.node.subject)).toContain('A ceasefire of at least 30 days');
    expect(data.search.edges[0]?.highlights.map((h) => h.text)).toContain('30-day');
  });

  it('narrow the meetings by status through a variable', async () => {
    const data = await graphql<{ meetings: { nodes: { status: string }[] } }>(
      exampleOperations.MeetingsAndParticipants ?? '',
      { status: ['PROPOSED'] },
    );
    expect(data.meetings.nodes.length).toBeGreaterThan(0);
    expect(new Set(data.meetings.nodes.map((m) => m.status))).toEqual(new Set(['PROPOSED']));
  });

  it('give Sergei Markov with everything he said, each with its excerpt', async () => {
    const data = await graphql<{
      actor: {
        name: string;
        affiliation: { name: string } | null;
        statements: { totalCount: number; nodes: { kind: string; text: string; excerpt: Span }[] };
        positions: unknown[];
      };
    }>(exampleOperations.ActorWithStatements ?? '');
    expect(data.actor.name).toBe('Sergei Markov');
    expect(data.actor.affiliation?.name).toBe('Russia');
    expect(data.actor.statements.nodes).toHaveLength(data.actor.statements.totalCount);
    expect(data.actor.statements.nodes).toContainEqual(
      expect.objectContaining({ kind: 'DIRECT_QUOTE', text: 'quite small' }),
    );
    // Empty today: the article gives the Russian side's positions to Russia, not to Markov.
    expect(data.actor.positions).toEqual(expect.any(Array));
  });

  it('refetch a node by the global ID another example returned', async () => {
    const { actor } = await graphql<{ actor: { id: string } }>(
      exampleOperations.ActorWithStatements ?? '',
    );
    const byDefault = await graphql<{ node: { id: string; name: string } }>(
      exampleOperations.NodeById ?? '',
    );
    expect(byDefault.node).toMatchObject({ id: actor.id, name: 'Sergei Markov' });

    const { statements } = await graphql<{ statements: { nodes: { id: string }[] } }>(
      '{ statements(first: 1, filter: { speaker: ["sergei-lavrov"] }) { nodes { id } } }',
    );
    const id = statements.nodes[0]?.id;
    const { node } = await graphql<{ node: { __typename: string; text: string } }>(
      exampleOperations.NodeById ?? '',
      { id },
    );
    expect(node).toMatchObject({ __typename: 'Statement', text: 'intrigue' });
  });

  it('list the archive newest first, with each article’s outlet, byline and the actors it names', async () => {
    type Articles = {
      articles: {
        totalCount: number;
        nodes: {
          slug: string;
          publisher: { name: string } | null;
          authors: { name: string }[];
          actors: { totalCount: number; nodes: { name: string }[] };
        }[];
      };
    };
    const all = await graphql<Articles>(exampleOperations.ArchiveArticles ?? '');
    expect(all.articles.nodes.map((a) => a.slug)).toEqual([
      'harbour-accord-2031',
      'istanbul-talks-2025',
    ]);
    expect(all.articles.nodes[0]).toMatchObject({
      publisher: { name: 'Celest Courier' },
      authors: [{ name: 'Wren Adeyemi' }],
    });
    expect(all.articles.nodes[1]?.actors.nodes.map((a) => a.name)).toContain('Russia');
    const named = await graphql<Articles>(exampleOperations.ArchiveArticles ?? '', {
      publishedAfter: '2025-05-01',
      mentions: ['volodymyr-zelenskyy'],
    });
    expect(named.articles.nodes.map((a) => a.slug)).toEqual(['istanbul-talks-2025']);
  });
});
