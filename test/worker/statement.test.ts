import { describe, expect, it } from 'vitest';
import { graphql } from './client.ts';

interface Quote {
  slug: string;
  kind: string;
  text: string;
  speaker: { name: string };
  reportedBy: { name: string } | null;
  excerpt: { start: number; end: number; text: string; paragraph: number };
  excerpts: { start: number; end: number; text: string }[];
}

const quotesQuery = `{
  article(slug: "istanbul-talks-2025") { text paragraphs { text } }
  statements(first: 50, filter: { kind: [DIRECT_QUOTE] }) {
    nodes {
      slug kind text speaker { name } reportedBy { name }
      excerpt { start end text paragraph article { slug } }
      excerpts { start end text }
    }
  }
}`;

interface QuotesData {
  article: { text: string; paragraphs: { text: string }[] };
  statements: { nodes: (Quote & { excerpt: { article: { slug: string } } })[] };
}

/** The article and its DIRECT_QUOTE statements (the test corpus has a second article). */
async function quotes() {
  const { article, statements } = await graphql<QuotesData>(quotesQuery);
  const quotes = statements.nodes.filter((s) => s.excerpt.article.slug === 'istanbul-talks-2025');
  return { article, quotes };
}

describe('Statement', () => {
  it('makes every quotation in the article a DIRECT_QUOTE with its speaker and exact excerpt', async () => {
    const { article, quotes: statements } = await quotes();
    const spans = [...article.text.matchAll(/[“"]([^“”"\n]+)[”"]/g)];
    expect(spans.length).toBe(22);
    for (const span of spans) {
      const start = (span.index ?? 0) + 1;
      const words = span[1] ?? '';
      const quote = statements.find((s) =>
        s.excerpts.some((e) => e.start === start && words.startsWith(e.text)),
      );
      expect(quote, `no DIRECT_QUOTE for ${words}`).toBeDefined();
      expect(quote?.speaker.name).toBeTruthy();
      expect(words.replace(/[,.]$/, '')).toBe(quote?.text);
    }
    for (const s of statements) {
      expect(s.text).toBe(s.excerpt.text);
      expect(article.text.slice(s.excerpt.start, s.excerpt.end)).toBe(s.excerpt.text);
      expect(article.paragraphs[s.excerpt.paragraph]?.text).toContain(s.excerpt.text);
    }
  });

  it('attributes the article’s quotations to their speakers', async () => {
    const { quotes: statements } = await quotes();
    const speakerOf = (text: string) => statements.find((s) => s.text === text)?.speaker.name;
    expect(speakerOf('quite small')).toBe('Sergei Markov');
    expect(speakerOf('intrigue')).toBe('Sergei Lavrov');
    expect(speakerOf('eliminate the root causes')).toBe('Vladimir Putin');
    expect(speakerOf('direct talks')).toBe('Vladimir Putin');
    expect(speakerOf('officials briefed on Kiev’s position')).toBe('The Wall Street Journal');
    expect(
      speakerOf(
        'Ukraine is ready for any format of negotiations, and we are not afraid of meetings',
      ),
    ).toBe('Volodymyr Zelenskyy');
    expect(
      speakerOf(
        'The difficulties of a leadership-level meeting show that negotiating conditions for a peace deal will be very tough between the two sides',
      ),
    ).toBe('Abdullah Erboga');
  });

  it('records a quotation the article repeats as one statement with both spans', async () => {
    const { quotes: statements } = await quotes();
    const directTalks = statements.filter((s) => s.text === 'direct talks');
    expect(directTalks).toHaveLength(1);
    expect(directTalks[0]?.excerpts.map((e) => e.text)).toEqual(['direct talks', 'direct talks']);
  });

  it('records a claim attributed through a newspaper as REPORTED, with the outlet', async () => {
    const { statements } = await graphql<{ statements: { nodes: Quote[] } }>(
      '{ statements(filter: { kind: [REPORTED] }) { nodes { slug kind text speaker { name } reportedBy { name } excerpt { text start end paragraph } excerpts { text start end } } } }',
    );
    expect(statements.nodes).toHaveLength(1);
    expect(statements.nodes[0]).toMatchObject({
      speaker: { name: 'Officials briefed on Kiev’s position' },
      reportedBy: { name: 'The Wall Street Journal' },
    });
    expect(statements.nodes[0]?.excerpt.text).toContain('only aim to talk about a ceasefire');
  });

  it('links a statement to its mentions, meeting, clauses, topics and article', async () => {
    const { statement } = await graphql<{ statement: Record<string, unknown> }>(`{
      statement(slug: "markov-moscow-embraces-2022-draft") {
        kind speaker { slug } mentions { slug } meeting { slug }
        draftClauses { slug } topics { slug } article { slug }
      }
    }`);
    expect(statement).toMatchObject({ kind: 'PARAPHRASE', speaker: { slug: 'sergei-markov' } });
    expect((statement.draftClauses as { slug: string }[]).map((c) => c.slug)).toContain(
      'ukrainian-neutrality',
    );
    expect((statement.topics as { slug: string }[]).map((t) => t.slug)).toContain('neutrality');
    expect(statement.article).toEqual({ slug: 'istanbul-talks-2025' });
  });

  it('filters statements by speaker, kind, topic, mention and meeting, combining with AND', async () => {
    type Page = { statements: { totalCount: number; nodes: Record<string, unknown>[] } };
    const bySpeaker = await graphql<Page>(
      '{ statements(first: 100, filter: { speaker: ["sergei-markov"], kind: [DIRECT_QUOTE] }) { totalCount nodes { speaker { slug } kind } } }',
    );
    expect(bySpeaker.statements.totalCount).toBe(11);
    expect(
      bySpeaker.statements.nodes.every(
        (s) =>
          (s.speaker as { slug: string }).slug === 'sergei-markov' && s.kind === 'DIRECT_QUOTE',
      ),
    ).toBe(true);

    const twoSpeakers = await graphql<Page>(
      '{ statements(first: 100, filter: { speaker: ["sergei-lavrov", "vladimir-putin"] }) { totalCount nodes { speaker { slug } } } }',
    );
    expect(
      new Set(twoSpeakers.statements.nodes.map((s) => (s.speaker as { slug: string }).slug)),
    ).toEqual(new Set(['sergei-lavrov', 'vladimir-putin']));

    const byTopic = await graphql<Page>(
      '{ statements(first: 100, filter: { topic: ["ceasefire"] }) { totalCount nodes { topics { slug } } } }',
    );
    expect(byTopic.statements.totalCount).toBeGreaterThan(5);
    for (const s of byTopic.statements.nodes) {
      expect((s.topics as { slug: string }[]).map((t) => t.slug)).toContain('ceasefire');
    }

    const byMention = await graphql<Page>(
      '{ statements(first: 100, filter: { mentions: ["joe-biden"] }) { nodes { slug } } }',
    );
    expect(byMention.statements.nodes.map((s) => s.slug)).toContain(
      'markov-2022-deal-interrupted-by-johnson-and-biden',
    );

    const byMeeting = await graphql<Page>(
      '{ statements(first: 100, filter: { meeting: "istanbul-talks-2025" }) { totalCount nodes { meeting { slug } } } }',
    );
    expect(byMeeting.statements.totalCount).toBeGreaterThan(0);
    expect(
      byMeeting.statements.nodes.every(
        (s) => (s.meeting as { slug: string }).slug === 'istanbul-talks-2025',
      ),
    ).toBe(true);

    const unknown = await graphql<Page>(
      '{ statements(filter: { speaker: ["nobody"] }) { totalCount nodes { slug } } }',
    );
    expect(unknown.statements).toEqual({ totalCount: 0, nodes: [] });
  });
});
