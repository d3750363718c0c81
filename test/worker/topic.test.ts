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

  it('lists topics in order of first appearance', async () => {
    const { topics } = await graphql<{ topics: { totalCount: number; nodes: { slug: string }[] } }>(
      '{ topics(first: 2) { totalCount nodes { slug } } }',
    );
    expect(topics.nodes.map((t) => t.slug)).toEqual(['istanbul-talks', 'leadership-meeting']);
    expect(topics.totalCount).toBeGreaterThan(15);
  });
});
