import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { codes, graphql, graphqlRaw, request } from '../worker/client.ts';

// The archive: the test corpus (the shipped article, 2025-05, and a fictional one, 2031-03)
// and a later report on the Istanbul talks (2025-06-02) that cites the shipped article's
// registry entities from its own folder (test/archive-copy.ts). The same tests run on the
// bundle and on D1, where the later article came in through d1:add's statements.

const shipped = 'istanbul-talks-2025';
const copy = 'istanbul-talks-2025-copy';
const harbour = 'harbour-accord-2031';

interface Page {
  totalCount: number;
  nodes: { slug: string }[];
}
const slugs = (page: Page) => page.nodes.map((n) => n.slug);

async function articles(args = ''): Promise<string[]> {
  const data = await graphql<{ articles: Page }>(
    `{ articles(first: 100${args}) { totalCount nodes { slug } } }`,
  );
  expect(data.articles.totalCount).toBe(data.articles.nodes.length);
  return slugs(data.articles);
}

describe(`the archive${env.DB ? ' (D1)' : ''}`, () => {
  it('lists articles newest first by default, oldest first on request', async () => {
    expect(await articles()).toEqual([harbour, copy, shipped]);
    expect(await articles(', orderBy: NEWEST')).toEqual([harbour, copy, shipped]);
    expect(await articles(', orderBy: OLDEST')).toEqual([shipped, copy, harbour]);
  });

  it('bounds articles by date, inclusively, a month-only date counting as its first day', async () => {
    expect(await articles(', filter: { publishedAfter: "2025-05-02" }')).toEqual([harbour, copy]);
    expect(await articles(', filter: { publishedAfter: "2025-05-01" }')).toEqual([
      harbour,
      copy,
      shipped,
    ]);
    expect(await articles(', filter: { publishedBefore: "2025-05-01" }')).toEqual([shipped]);
    expect(await articles(', filter: { publishedBefore: "2025-04-30" }')).toEqual([]);
    expect(
      await articles(', filter: { publishedAfter: "2025-06-02", publishedBefore: "2025-06-02" }'),
    ).toEqual([copy]);
    expect(
      await articles(
        ', orderBy: OLDEST, filter: { publishedAfter: "2025-01-01", publishedBefore: "2031-12-31" }',
      ),
    ).toEqual([shipped, copy, harbour]);
  });

  it('filters articles by publisher, author, the actors and topics they name, and words', async () => {
    expect(await articles(', filter: { publisher: ["trt-world"] }')).toEqual([copy, shipped]);
    expect(await articles(', filter: { author: ["wren-adeyemi"] }')).toEqual([harbour]);
    expect(await articles(', filter: { mentions: ["sergei-markov"] }')).toEqual([copy, shipped]);
    expect(await articles(', filter: { topic: ["ceasefire"] }')).toEqual([copy, shipped]);
    expect(await articles(', filter: { search: "Markov" }')).toEqual([copy, shipped]);
    expect(
      await articles(', filter: { mentions: ["sergei-markov"], publishedAfter: "2025-06-01" }'),
    ).toEqual([copy]);
    expect(await articles(', filter: { publisher: ["no-such-outlet"] }')).toEqual([]);
  });

  it('holds each registry entity once, gathering the excerpts of every article that names it', async () => {
    const { actor } = await graphql<{
      actor: {
        articles: Page;
        excerpts: { article: { slug: string }; start: number; text: string }[];
      };
    }>(
      '{ actor(slug: "sergei-markov") { articles { totalCount nodes { slug } } excerpts { article { slug } start text } } }',
    );
    expect(slugs(actor.articles)).toEqual([copy, shipped]);
    const inCopy = actor.excerpts.filter((e) => e.article.slug === copy);
    const inShipped = actor.excerpts.filter((e) => e.article.slug === shipped);
    expect(inCopy.length).toBeGreaterThan(0);
    expect(inCopy.map((e) => [e.start, e.text])).toEqual(inShipped.map((e) => [e.start, e.text]));

    // Every actor once: the list's slugs are distinct, and as many as the registry holds.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { actors: Page & { pageInfo: { endCursor: string; hasNextPage: boolean } } } =
        await graphql(
          'query ($after: String) { actors(first: 50, after: $after) { totalCount nodes { slug } pageInfo { endCursor hasNextPage } } }',
          { after },
        );
      seen.push(...slugs(page.actors));
      after = page.actors.pageInfo.hasNextPage ? page.actors.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('sergei-markov');
    const { topic } = await graphql<{ topic: { articles: Page } }>(
      '{ topic(slug: "ceasefire") { articles { totalCount nodes { slug } } } }',
    );
    expect(slugs(topic.articles)).toEqual([copy, shipped]);
  });

  it('orders statements by article, newest first, then by appearance, and filters them by article and date', async () => {
    const page = async (args: string) =>
      (
        await graphql<{
          statements: {
            totalCount: number;
            nodes: { slug: string; excerpt: { article: { slug: string }; start: number } }[];
          };
        }>(
          `{ statements(first: 100${args}) { totalCount nodes { slug excerpt { article { slug } start } } } }`,
        )
      ).statements;
    const newest = await page(', filter: { speaker: ["sergei-markov"] }');
    const articlesOf = (p: typeof newest) => [
      ...new Set(p.nodes.map((n) => n.excerpt.article.slug)),
    ];
    expect(articlesOf(newest)).toEqual([copy, shipped]);
    const copyStarts = newest.nodes
      .filter((n) => n.excerpt.article.slug === copy)
      .map((n) => n.excerpt.start);
    expect(copyStarts).toEqual([...copyStarts].sort((a, b) => a - b));

    const oldest = await page(', filter: { speaker: ["sergei-markov"] }, orderBy: OLDEST');
    expect(articlesOf(oldest)).toEqual([shipped, copy]);
    expect(oldest.totalCount).toBe(newest.totalCount);
    // Within an article, appearance order either way.
    expect(oldest.nodes.filter((n) => n.excerpt.article.slug === copy).map((n) => n.slug)).toEqual(
      newest.nodes.filter((n) => n.excerpt.article.slug === copy).map((n) => n.slug),
    );

    const ofCopy = await page(`, filter: { article: ["${copy}"], speaker: ["sergei-markov"] }`);
    expect(articlesOf(ofCopy)).toEqual([copy]);
    expect(ofCopy.totalCount * 2).toBe(newest.totalCount);
    const june = await page(
      ', filter: { speaker: ["sergei-markov"], publishedAfter: "2025-06-01" }',
    );
    expect(slugs(june)).toEqual(slugs(ofCopy));
    const may = await page(
      ', filter: { publishedBefore: "2025-05-31", speaker: ["sergei-markov"] }',
    );
    expect(articlesOf(may)).toEqual([shipped]);
  });

  it('gives the byline, and takes an actor named only there with no excerpt', async () => {
    const { article } = await graphql<{
      article: {
        authors: { slug: string; excerpts: unknown[]; articles: Page }[];
        publisher: { slug: string };
      };
    }>(
      `{ article(slug: "${harbour}") { publisher { slug } authors { slug excerpts { start } articles { totalCount nodes { slug } } } } }`,
    );
    expect(article.publisher.slug).toBe('celest-courier');
    expect(article.authors.map((a) => a.slug)).toEqual(['wren-adeyemi']);
    expect(article.authors[0]?.excerpts).toEqual([]);
    // Actor.articles are the articles whose text names them; a byline is not a mention.
    expect(article.authors[0]?.articles.totalCount).toBe(0);
    const { article: other } = await graphql<{ article: { authors: unknown[] } }>(
      `{ article(slug: "${copy}") { authors { slug } } }`,
    );
    expect(other.authors).toEqual([]);
  });

  it('refuses a date that is not YYYY-MM-DD, with a 400 and a stable code', async () => {
    for (const bad of ['"2025-5-1"', '"2025-02-30"', '"yesterday"', '20250501']) {
      const { status, body } = await graphqlRaw(
        `{ articles(filter: { publishedAfter: ${bad} }) { totalCount } }`,
      );
      expect(status, bad).toBe(400);
      expect(codes(body), bad).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    }
    const { status, body } = await graphqlRaw(
      'query ($d: Date) { statements(filter: { publishedBefore: $d }) { totalCount } }',
      { d: '2025-13-01' },
    );
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
  });

  it('takes the same order and filters on the REST twin', async () => {
    const rest = async (query: string) => {
      const res = await request(`/rest/articles?${query}`);
      expect(res.status, query).toBe(200);
      const body = (await res.json()) as { edges: { node: { slug: string } }[] };
      return body.edges.map((e) => e.node.slug);
    };
    expect(await rest('orderBy=OLDEST')).toEqual([shipped, copy, harbour]);
    expect(await rest('publishedAfter=2025-05-02&publisher=trt-world')).toEqual([copy]);
    expect(await rest('mentions=sergei-markov,valmora')).toEqual([harbour, copy, shipped]);
    const bad = await request('/rest/articles?publishedAfter=May');
    expect(bad.status).toBe(400);
  });
});
