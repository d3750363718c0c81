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

interface Entity {
  slug: string;
  excerpts: Excerpt[];
}

/** Every node of a root connection, paged within the cost limit. */
async function everything(field: string, selection: string, first = 40): Promise<Entity[]> {
  const nodes: Entity[] = [];
  let after: string | null = null;
  do {
    const data: Record<
      string,
      { nodes: Entity[]; pageInfo: { hasNextPage: boolean; endCursor: string } }
    > = await graphql(
      `query($first: Int, $after: String) { page: ${field}(first: $first, after: $after) { nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`,
      { first, after },
    );
    const page = data.page;
    if (!page) throw new Error(`no ${field}`);
    nodes.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

describe('a corpus of several articles', () => {
  it('serves a second article added as data files alone', async () => {
    const { articles } = await graphql<{
      articles: { totalCount: number; nodes: { slug: string }[] };
    }>('{ articles { totalCount nodes { slug } } }');
    // Newest first: 2031-03 before 2025-05.
    expect(articles.nodes.map((a) => a.slug)).toEqual([
      'harbour-accord-2031',
      'istanbul-talks-2025',
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
    // Default order: the newer article's statements, then the older's.
    expect(topic.statements.nodes.at(0)?.article.slug).toBe('harbour-accord-2031');
    expect(topic.statements.nodes.at(-1)?.article.slug).toBe('istanbul-talks-2025');
  });

  it('points every excerpt of every entity at exactly the slice of its article', async () => {
    const { articles } = await graphql<{
      articles: {
        nodes: { slug: string; text: string; paragraphs: { start: number; end: number }[] }[];
      };
    }>('{ articles { nodes { slug text paragraphs { start end } } } }');
    const texts = new Map(articles.nodes.map((a) => [a.slug, a]));
    const entities = [
      ...(await everything('actors', `slug ${excerptFields}`)),
      ...(await everything('statements', `slug ${excerptFields}`)),
      ...(await everything('meetings', `slug ${excerptFields}`)),
      ...(await everything('draftAgreements', `slug ${excerptFields}`)),
      ...(await everything('draftClauses', `slug ${excerptFields}`)),
      ...(await everything('topics', `slug ${excerptFields}`)),
      ...(await everything('actors', `positions { slug ${excerptFields} }`, 10)).flatMap(
        (a) => (a as unknown as { positions: Entity[] }).positions,
      ),
    ];
    expect(entities.length).toBeGreaterThan(150);
    for (const entity of entities) {
      // An actor named only in a byline stands nowhere in the text.
      if (entity.slug !== 'wren-adeyemi') {
        expect(entity.excerpts.length, entity.slug).toBeGreaterThan(0);
      }
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
