import { describe, expect, it } from 'vitest';
import { ranked } from '../../src/model/search.ts';
import { codes, graphql, graphqlRaw } from './client.ts';

interface Hit {
  cursor: string;
  score: number;
  node: { __typename: string; slug: string };
  highlights: {
    article: { text: string };
    start: number;
    end: number;
    text: string;
    paragraph: number;
  }[];
}

interface SearchPage {
  search: {
    totalCount: number;
    edges: Hit[];
    pageInfo: { hasNextPage: boolean; endCursor: string };
  };
}

const searchQuery = `query($q: String!, $kinds: [SearchKind!], $first: Int, $after: String) {
  search(query: $q, kinds: $kinds, first: $first, after: $after) {
    totalCount
    edges {
      cursor score
      node { __typename ... on Sourced { slug } }
      highlights { article { text } start end text paragraph }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function search(q: string, variables: Record<string, unknown> = {}) {
  return (await graphql<SearchPage>(searchQuery, { q, ...variables })).search;
}

const slugs = (edges: Hit[]) => edges.map((e) => `${e.node.__typename}:${e.node.slug}`);

describe('search', () => {
  it('ranks the Istanbul talks among the first two for "Istanbul", meetings named for it first', async () => {
    const result = await search('Istanbul', { first: 5 });
    const found = slugs(result.edges);
    expect(found.slice(0, 2)).toContain('Meeting:istanbul-talks-2025');
    expect(found.every((s) => s.startsWith('Meeting:'))).toBe(true);
    expect(found).toContain('Meeting:istanbul-negotiations-2022');
    expect(result.totalCount).toBeGreaterThan(10);
  });

  it('finds Ukraine’s position and the statements about a 30-day truce', async () => {
    const result = await search('30-day truce', { first: 10 });
    const found = slugs(result.edges);
    expect(found.slice(0, 2)).toEqual(
      expect.arrayContaining(['Position:ukraine-demands-30-day-truce']),
    );
    expect(found).toContain('Statement:markov-moscow-sees-ceasefire-call-as-enemies-proposal');
    const scores = result.edges.map((e) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('finds the Azov clause and the group for "azov"', async () => {
    const found = slugs((await search('azov')).edges);
    expect(found[0]).toBe('Actor:azov-brigade');
    expect(found).toContain('DraftClause:azov-brigade-dismantling');
  });

  it('ignores case and diacritics, matches prefixes and forgives one typo', async () => {
    expect(slugs((await search('turkiye')).edges)[0]).toBe('Actor:turkiye');
    expect(slugs((await search('TÜRKIYE')).edges)[0]).toBe('Actor:turkiye');
    expect(slugs((await search('erdogan')).edges)[0]).toBe('Actor:recep-tayyip-erdogan');
    expect(slugs((await search('zelensky')).edges)[0]).toBe('Actor:volodymyr-zelenskyy');
    expect(slugs((await search('zelenskiy')).edges)[0]).toBe('Actor:volodymyr-zelenskyy');
    const prefix = await search('ceasef', { first: 5 });
    expect(prefix.totalCount).toBeGreaterThan(5);
    expect(prefix.edges[0]?.highlights[0]?.text).toBe('ceasefire');
  });

  it('forgives two adjacent letters swapped in a long word, and no typo in a short one', async () => {
    expect(slugs((await search('Erdgoan')).edges)[0]).toBe('Actor:recep-tayyip-erdogan');
    expect(slugs((await search('Zelesnkyy')).edges)[0]).toBe('Actor:volodymyr-zelenskyy');
    const swapped = await search('negotiaitons', { first: 50 });
    const exact = await search('negotiations', { first: 50 });
    expect(swapped.totalCount).toBeGreaterThan(0);
    expect(new Set(slugs(swapped.edges))).toEqual(new Set(slugs(exact.edges)));
    // Five letters forgive nothing (search-options.ts typoMinLength): "peaxe" is not "peace".
    expect((await search('peaxe')).totalCount).toBe(0);
    expect((await search('peace')).totalCount).toBeGreaterThan(0);
  });

  it('drops stop words: a query of them alone matches nothing', async () => {
    expect(await search('the and of with')).toMatchObject({ totalCount: 0, edges: [] });
    expect((await search('the ceasefire')).totalCount).toBe((await search('ceasefire')).totalCount);
  });

  it('orders by date on request, newest first, within date bounds', async () => {
    const query = `query($q: String!, $after: Date, $before: Date, $cursor: String) {
      search(query: $q, kinds: [STATEMENT], orderBy: NEWEST, publishedAfter: $after,
        publishedBefore: $before, first: 50, after: $cursor) {
        totalCount
        nodes { ... on Statement { slug article { slug publishedOn { iso } } } }
      }
    }`;
    type Newest = {
      search: {
        totalCount: number;
        nodes: { slug: string; article: { slug: string; publishedOn: { iso: string } } }[];
      };
    };
    const all = (await graphql<Newest>(query, { q: 'ceasefire' })).search;
    const dates = all.nodes.map((n) => n.article.publishedOn.iso);
    expect(new Set(dates).size).toBeGreaterThan(1);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(all.totalCount).toBe((await search('ceasefire', { kinds: ['STATEMENT'] })).totalCount);
    const [newest] = dates;
    const bounded = (await graphql<Newest>(query, { q: 'ceasefire', after: `${newest}-01` }))
      .search;
    expect(bounded.nodes.length).toBeGreaterThan(0);
    expect(bounded.nodes.every((n) => n.article.publishedOn.iso === newest)).toBe(true);
    const before = (await graphql<Newest>(query, { q: 'ceasefire', before: '2030-12-31' })).search;
    expect(before.totalCount).toBe(all.totalCount - bounded.totalCount);
    expect(before.nodes.every((n) => n.article.publishedOn.iso < '2030')).toBe(true);
  });

  it('ranks a name match above a passing mention', async () => {
    const found = slugs((await search('markov', { first: 1 })).edges);
    expect(found).toEqual(['Actor:sergei-markov']);
  });

  it('restricts results to the kinds asked for', async () => {
    const result = await search('ceasefire', { kinds: ['STATEMENT', 'DRAFT_CLAUSE'], first: 50 });
    expect(result.totalCount).toBeGreaterThan(3);
    expect(new Set(result.edges.map((e) => e.node.__typename))).toEqual(
      new Set(['Statement', 'DraftClause']),
    );
  });

  it('highlights the words where they stand in the article, exactly', async () => {
    for (const q of ['Istanbul', 'turkiye', '30-day truce', 'azov']) {
      for (const edge of (await search(q, { first: 20 })).edges) {
        expect(edge.highlights.length).toBeGreaterThan(0);
        for (const h of edge.highlights) {
          expect(h.article.text.slice(h.start, h.end)).toBe(h.text);
        }
      }
    }
    const turkiye = (await search('turkiye', { first: 1 })).edges[0];
    expect(turkiye?.highlights.map((h) => h.text)).toEqual(['Türkiye', 'Türkiye']);
    const truce = (await search('30-day truce', { kinds: ['POSITION'], first: 1 })).edges[0];
    expect(truce?.highlights.map((h) => h.text)).toEqual(['30-day', 'truce']);
  });

  it('pages through results with stable cursors', async () => {
    const all = await search('Istanbul', { first: 20 });
    const first = await search('Istanbul', { first: 5 });
    const second = await search('Istanbul', { first: 5, after: first.pageInfo.endCursor });
    expect(slugs([...first.edges, ...second.edges])).toEqual(slugs(all.edges.slice(0, 10)));
    expect(second.totalCount).toBe(all.totalCount);
    const again = await search('Istanbul', { first: 5, after: first.pageInfo.endCursor });
    expect(again.edges.map((e) => e.cursor)).toEqual(second.edges.map((e) => e.cursor));
  });

  it('ranks a search once for all its pages and selections, kinds in any order', async () => {
    const statements = ranked('Istanbul', ['Statement', 'Meeting']);
    expect(statements.length).toBeGreaterThan(3);
    expect(ranked('Istanbul', ['Meeting', 'Statement'])).toBe(statements);
    expect(ranked('Istanbul')).not.toBe(statements);
    expect(ranked('Istanbul').length).toBeGreaterThan(statements.length);
    // A remembered ranking answers exactly as a fresh one would.
    const page = await search('Istanbul', { kinds: ['STATEMENT', 'MEETING'], first: 5 });
    expect(page.totalCount).toBe(statements.length);
  });

  it('refuses an empty, blank or overlong query, and an oversized page', async () => {
    for (const variables of [
      { q: '' },
      { q: '   ' },
      { q: 'x'.repeat(201) },
      { q: 'talks', first: 101 },
    ]) {
      const { status, body } = await graphqlRaw(searchQuery, variables);
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    }
    const longest = await graphqlRaw(searchQuery, { q: `talks ${'x'.repeat(194)}` });
    expect(longest.status).toBe(200);
  });

  it('answers a query that matches nothing with an empty page', async () => {
    expect(await search('qwertyuiop')).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('narrows the actor and statement lists by search, in their default order', async () => {
    const { actors, statements } = await graphql<{
      actors: { nodes: { slug: string }[] };
      statements: { totalCount: number; nodes: { speaker: { slug: string } }[] };
    }>(`{
      actors(filter: { search: "analysts", kind: [GROUP] }) { nodes { slug } }
      statements(first: 50, filter: { search: "lavrov" }) { totalCount nodes { speaker { slug } } }
    }`);
    expect(actors.nodes.map((a) => a.slug)).toEqual([
      'analysts',
      'other-analysts',
      'western-analysts',
    ]);
    expect(statements.nodes.map((s) => s.speaker.slug)).toContain('sergei-lavrov');
    const blank = await graphqlRaw('{ actors(filter: { search: " " }) { totalCount } }');
    expect(codes(blank.body)).toEqual(['BAD_USER_INPUT']);
  });
});
