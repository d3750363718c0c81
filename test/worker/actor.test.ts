import { describe, expect, it } from 'vitest';
import { graphql } from './client.ts';

describe('Actor', () => {
  it('looks up an actor by slug with roles, aliases and affiliation as the text gives them', async () => {
    const { actor } = await graphql<{ actor: Record<string, unknown> }>(`{
      actor(slug: "sergei-markov") {
        slug name kind roles aliases editorialNote
        affiliation { slug name kind }
        positions { subject stance }
        excerpts { text }
      }
    }`);
    expect(actor).toMatchObject({
      slug: 'sergei-markov',
      name: 'Sergei Markov',
      kind: 'PERSON',
      affiliation: { slug: 'russia', name: 'Russia', kind: 'COUNTRY' },
      editorialNote: null,
    });
    expect(actor.roles).toEqual(expect.arrayContaining(['former advisor to Putin']));
    expect(actor.aliases).toEqual(expect.arrayContaining(['Markov', 'The Russian analyst']));
    expect((actor.excerpts as { text: string }[])[0]?.text).toContain('Sergei Markov');
  });

  it('keeps the name the text uses and notes the likely intended one', async () => {
    const { actor } = await graphql<{ actor: { name: string; editorialNote: string } }>(
      '{ actor(slug: "david-johnson") { name editorialNote } }',
    );
    expect(actor.name).toBe('David Johnson');
    expect(actor.editorialNote).toContain('Boris Johnson');
  });

  it('names Russia by every surface form the text uses', async () => {
    const { actor } = await graphql<{ actor: { aliases: string[] } }>(
      '{ actor(slug: "russia") { aliases } }',
    );
    expect(actor.aliases).toEqual(expect.arrayContaining(['Moscow', 'the Kremlin']));
    const { actor: ukraine } = await graphql<{ actor: { aliases: string[] } }>(
      '{ actor(slug: "ukraine") { aliases } }',
    );
    expect(ukraine.aliases).toContain('Kiev');
  });

  it('lists what an actor said and the meetings they take part in', async () => {
    const { actor } = await graphql<{
      actor: {
        statements: {
          totalCount: number;
          nodes: { kind: string; text: string; speaker: { slug: string } }[];
        };
        meetings: { slug: string }[];
      };
    }>(`{
      actor(slug: "donald-trump") {
        statements(first: 100) { totalCount nodes { kind text speaker { slug } } }
        meetings { slug }
      }
    }`);
    expect(actor.statements.nodes.every((s) => s.speaker.slug === 'donald-trump')).toBe(true);
    expect(actor.statements.totalCount).toBe(actor.statements.nodes.length);
    expect(actor.statements.nodes.map((s) => s.text)).toContain(
      'if something happened, I’d go (to Istanbul) on Friday if it was appropriate',
    );
    expect(actor.meetings.map((m) => m.slug)).toEqual(
      expect.arrayContaining(['trump-middle-east-tour', 'trump-possible-istanbul-trip']),
    );
  });

  it('lists the statements that mention an actor', async () => {
    const { actor } = await graphql<{
      actor: { mentionedIn: { totalCount: number; nodes: { mentions: { slug: string }[] }[] } };
    }>(
      '{ actor(slug: "volodymyr-zelenskyy") { mentionedIn(first: 100) { totalCount nodes { mentions { slug } } } } }',
    );
    expect(actor.mentionedIn.totalCount).toBeGreaterThan(3);
    for (const s of actor.mentionedIn.nodes) {
      expect(s.mentions.map((m) => m.slug)).toContain('volodymyr-zelenskyy');
    }
  });

  it('lists actors newest article first, in order of first appearance within it', async () => {
    const { actors, articles } = await graphql<{
      actors: { nodes: { slug: string }[] };
      articles: { nodes: { slug: string; actors: { nodes: { slug: string }[] } }[] };
    }>(
      '{ actors(first: 3) { nodes { slug } } articles(first: 1) { nodes { slug actors(first: 3) { nodes { slug } } } } }',
    );
    expect(articles.nodes[0]?.slug).toBe('harbour-accord-2031');
    expect(actors.nodes.map((a) => a.slug)).toEqual(['valmora', 'ostrel', 'ilsa-marrow']);
    expect(actors.nodes).toEqual(articles.nodes[0]?.actors.nodes);
  });

  it('filters actors by kind', async () => {
    const { actors } = await graphql<{
      actors: { totalCount: number; nodes: { kind: string; slug: string }[] };
    }>(
      '{ actors(first: 100, filter: { kind: [MEDIA, GROUP] }) { totalCount nodes { kind slug } } }',
    );
    expect(new Set(actors.nodes.map((a) => a.kind))).toEqual(new Set(['MEDIA', 'GROUP']));
    expect(actors.nodes.map((a) => a.slug)).toEqual(
      expect.arrayContaining([
        'trt-world',
        'the-wall-street-journal',
        'western-analysts',
        'other-analysts',
      ]),
    );
    expect(actors.totalCount).toBe(actors.nodes.length);
  });
});
