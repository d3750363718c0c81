import { describe, expect, it } from 'vitest';
import { graphql } from './client.ts';

// The Worker under test serves the real corpus plus a fictional article that exists only in
// test/fixtures/corpus: it was added as data files, with no code change.

interface Excerpt {
  article: { slug: string; text: string };
  start: number;
  end: number;
  text: string;
  paragraph: number;
}

const excerptFields = 'excerpts { article { slug } start end text paragraph }';

describe('a corpus of several articles', () => {
  it('serves a second article added as data files alone', async () => {
    const { articles } = await graphql<{
      articles: { totalCount: number; nodes: { slug: string }[] };
    }>('{ articles { totalCount nodes { slug } } }');
    expect(articles.nodes.map((a) => a.slug)).toEqual([
      'istanbul-talks-2025',
      'harbour-accord-2031',
    ]);
    const { article } = await graphql<{
      article: {
        statements: { nodes: { text: string; kind: string; speaker: { name: string } }[] };
      };
    }>(
      '{ article(slug: "harbour-accord-2031") { statements { nodes { text kind speaker { name } } } } }',
    );
    expect(article.statements.nodes).toContainEqual({
      kind: 'DIRECT_QUOTE',
      text: 'This accord opens our harbour to both fleets on equal terms',
      speaker: { name: expect.any(String) },
    });
  });

  it('resolves references across articles: a topic of one article gathers statements of both', async () => {
    const { topic } = await graphql<{
      topic: { statements: { nodes: { slug: string; article: { slug: string } }[] } };
    }>(
      '{ topic(slug: "ceasefire") { statements(first: 100) { nodes { slug article { slug } } } } }',
    );
    const articles = new Set(topic.statements.nodes.map((s) => s.article.slug));
    expect(articles).toEqual(new Set(['istanbul-talks-2025', 'harbour-accord-2031']));
    // Default order: the first article's statements, then the second's.
    expect(topic.statements.nodes.at(-1)?.article.slug).toBe('harbour-accord-2031');
  });

  it('points every excerpt of every entity at exactly the slice of its article', async () => {
    const data = await graphql<
      Record<string, { nodes: { slug: string; excerpts: Excerpt[] }[] }> & {
        articles: {
          nodes: { slug: string; text: string; paragraphs: { start: number; end: number }[] }[];
        };
        positions: { nodes: { positions: { slug: string; excerpts: Excerpt[] }[] }[] };
      }
    >(`{
      articles { nodes { slug text paragraphs { start end } } }
      actors(first: 100) { nodes { slug ${excerptFields} } }
      statements(first: 100) { nodes { slug ${excerptFields} } }
      meetings(first: 100) { nodes { slug ${excerptFields} } }
      draftAgreements(first: 100) { nodes { slug ${excerptFields} } }
      draftClauses(first: 100) { nodes { slug ${excerptFields} } }
      topics(first: 100) { nodes { slug ${excerptFields} } }
      positions: actors(first: 100) { nodes { positions { slug ${excerptFields} } } }
    }`);
    const texts = new Map(data.articles.nodes.map((a) => [a.slug, a]));
    const entities = [
      ...['actors', 'statements', 'meetings', 'draftAgreements', 'draftClauses', 'topics'].flatMap(
        (key) => data[key]?.nodes ?? [],
      ),
      ...data.positions.nodes.flatMap((a) => a.positions),
    ];
    expect(entities.length).toBeGreaterThan(150);
    for (const entity of entities) {
      expect(entity.excerpts.length, entity.slug).toBeGreaterThan(0);
      for (const e of entity.excerpts) {
        const article = texts.get(e.article.slug);
        expect(article?.text.slice(e.start, e.end), entity.slug).toBe(e.text);
        const paragraph = article?.paragraphs[e.paragraph];
        expect(paragraph && e.start >= paragraph.start && e.end <= paragraph.end, entity.slug).toBe(
          true,
        );
      }
    }
  });
});
