import { describe, expect, it } from 'vitest';
import { findExcerpts, placeExcerpts, segment } from '../../playground/excerpts.ts';

const article = { slug: 'a', title: 'A', text: 'Markov says "quite small" today.' };
const other = { slug: 'b', title: 'B', text: 'quite small, elsewhere' };

describe('the source panel', () => {
  it('finds excerpt-shaped objects anywhere in a result, under any field name', () => {
    const result = {
      data: {
        actor: {
          excerpts: [{ start: 0, end: 6, text: 'Markov' }],
          statements: { nodes: [{ said: { start: 13, end: 24, text: 'quite small' } }] },
        },
        count: { start: 1, end: 2 },
      },
    };
    expect(findExcerpts(result).map((e) => e.path)).toEqual([
      'data.actor.excerpts.0',
      'data.actor.statements.nodes.0.said',
    ]);
  });

  it('places an excerpt in the article whose text matches it, preferring the one it names', () => {
    const [, quote] = findExcerpts({
      x: [
        { start: 0, end: 6, text: 'nobody' },
        { start: 13, end: 24, text: 'quite small' },
        { start: 0, end: 11, text: 'quite small', article: { slug: 'b' } },
      ],
    });
    const placed = placeExcerpts(findExcerpts({ x: [quote] }), [other, article]);
    expect([...placed.keys()]).toEqual(['a']);
    const all = placeExcerpts(
      findExcerpts({
        x: [
          { start: 0, end: 6, text: 'nobody' },
          { start: 0, end: 11, text: 'quite small', article: { slug: 'b' } },
        ],
      }),
      [article, other],
    );
    expect([...all.keys()]).toEqual(['b']);
  });

  it('cuts the text so that nested excerpts are each visible', () => {
    const excerpts = findExcerpts([
      { start: 0, end: 25, text: article.text.slice(0, 25) },
      { start: 13, end: 24, text: 'quite small' },
    ]);
    const cuts = segment(article.text.length, excerpts).map((s) => [
      article.text.slice(s.start, s.end),
      s.excerpts.length,
    ]);
    expect(cuts).toEqual([
      ['Markov says "', 1],
      ['quite small', 2],
      ['"', 1],
      [' today.', 0],
    ]);
  });
});
