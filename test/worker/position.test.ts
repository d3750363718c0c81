import { describe, expect, it } from 'vitest';
import { graphql } from './client.ts';

describe('Position', () => {
  it('states what each side wants: a truce for Ukraine, guarantees for Russia', async () => {
    const { ukraine, russia } = await graphql<{
      ukraine: { positions: { subject: string; stance: string; actor: { slug: string } }[] };
      russia: {
        positions: { slug: string; stance: string; summary: string; topics: { slug: string }[] }[];
      };
    }>(`{
      ukraine: actor(slug: "ukraine") { positions { subject stance actor { slug } } }
      russia: actor(slug: "russia") { positions { slug stance summary topics { slug } excerpts { text } } }
    }`);
    expect(ukraine.positions).toContainEqual(
      expect.objectContaining({ stance: 'DEMANDS', subject: 'A ceasefire of at least 30 days' }),
    );
    expect(ukraine.positions.every((p) => p.actor.slug === 'ukraine')).toBe(true);
    const guarantees = russia.positions.find(
      (p) => p.slug === 'russia-conditional-ceasefire-with-guarantees',
    );
    expect(guarantees?.stance).toBe('CONDITIONAL');
    expect(guarantees?.topics.map((t) => t.slug)).toContain('ceasefire');
  });
});
