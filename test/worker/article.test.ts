import { describe, expect, it } from 'vitest';
import { graphql } from './client.ts';

describe('Article', () => {
  it('serves the article verbatim with its paragraphs, kinds and publisher', async () => {
    const { article } = await graphql<{
      article: {
        title: string;
        text: string;
        publisher: { slug: string; kind: string };
        publishedOn: { iso: string };
        paragraphs: { index: number; kind: string; text: string; start: number; end: number }[];
      };
    }>(`{
      article(slug: "istanbul-talks-2025") {
        title text publisher { slug kind } publishedOn { iso }
        paragraphs { index kind text start end }
      }
    }`);
    expect(article.text.startsWith('Top officials from Russia and Ukraine are all set')).toBe(true);
    expect(article.text.length).toBe(7156);
    expect(article.publisher).toEqual({ slug: 'trt-world', kind: 'MEDIA' });
    expect(article.publishedOn.iso).toBe('2025-05');
    expect(article.paragraphs).toHaveLength(38);
    for (const p of article.paragraphs) {
      expect(article.text.slice(p.start, p.end)).toBe(p.text);
    }
    expect(article.paragraphs[24]).toMatchObject({
      kind: 'HEADING',
      text: 'Can both sides return to the Istanbul format?',
    });
    expect(article.paragraphs[33]).toMatchObject({ kind: 'HEADING', text: 'Reluctance factor' });
    expect(article.paragraphs[11]?.kind).toBe('CAPTION');
  });

  it("gives the article's address when the data has one, and null when it does not", async () => {
    const data = await graphql<Record<string, { url: string | null }>>(`{
      istanbul: article(slug: "istanbul-talks-2025") { url }
      harbour: article(slug: "harbour-accord-2031") { url }
    }`);
    expect(data.istanbul?.url).toBeNull();
    expect(data.harbour?.url).toBe('https://courier.example/2031/03/harbour-accord');
  });

  it('pages through the entities the article contains', async () => {
    const { article } = await graphql<{
      article: Record<string, { totalCount: number; nodes: { slug: string }[] }>;
    }>(`{
      article(slug: "istanbul-talks-2025") {
        actors(first: 2) { totalCount nodes { slug } }
        statements(first: 1) { totalCount nodes { slug } }
        meetings(first: 1) { totalCount nodes { slug } }
        draftAgreements { totalCount nodes { slug } }
        draftClauses(first: 1) { totalCount nodes { slug } }
        topics(first: 1) { totalCount nodes { slug } }
      }
    }`);
    expect(article.actors?.nodes.map((a) => a.slug)).toEqual(['russia', 'ukraine']);
    expect(article.statements?.nodes).toEqual([{ slug: 'erboga-leadership-meeting-difficulties' }]);
    expect(article.statements?.totalCount).toBe(52);
    expect(article.meetings?.nodes).toEqual([{ slug: 'istanbul-talks-2025' }]);
    expect(article.draftAgreements?.totalCount).toBe(2);
    expect(article.topics?.totalCount).toBeGreaterThan(10);
  });
});
