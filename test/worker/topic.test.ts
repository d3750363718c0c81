import { describe, expect, it } from 'vitest';
import { graphql } from './client.ts';

describe('Topic', () => {
  it('gathers the statements, clauses and positions on a topic', async () => {
    const { topic } = await graphql<{
      topic: {
        name: string;
        description: string;
        statements: { totalCount: number; nodes: { topics: { slug: string }[] }[] };
        draftClauses: { slug: string }[];
        positions: { slug: string }[];
      };
    }>(`{
      topic(slug: "ceasefire") {
        name description
        statements(first: 100) { totalCount nodes { topics { slug } } }
        draftClauses { slug }
        positions { slug }
      }
    }`);
    expect(topic.name).toBeTruthy();
    expect(topic.statements.nodes.every((s) => s.topics.some((t) => t.slug === 'ceasefire'))).toBe(
      true,
    );
    expect(topic.draftClauses.map((c) => c.slug)).toContain('unconditional-30-day-ceasefire');
    expect(topic.positions.map((p) => p.slug)).toContain('ukraine-demands-30-day-truce');
  });

  it('lists topics newest article first, in order of first appearance within each', async () => {
    const { topics, article } = await graphql<{
      topics: { totalCount: number; nodes: { slug: string }[] };
      article: { topics: { totalCount: number; nodes: { slug: string }[] } };
    }>(
      '{ topics(first: 100) { totalCount nodes { slug } } article(slug: "harbour-accord-2031") { topics(first: 100) { totalCount nodes { slug } } } }',
    );
    const newest = article.topics.nodes.map((t) => t.slug);
    expect(topics.nodes.slice(0, newest.length).map((t) => t.slug)).toEqual(newest);
    // Then the shipped article's, which names the Istanbul talks first.
    expect(topics.nodes[newest.length]?.slug).toBe('istanbul-talks');
    expect(topics.totalCount).toBeGreaterThan(15);
  });
});
