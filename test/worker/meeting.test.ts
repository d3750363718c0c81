import { describe, expect, it } from 'vitest';
import { graphql } from './client.ts';

describe('Meeting', () => {
  it('describes the May 2025 Istanbul talks brokered by Türkiye', async () => {
    const { meeting } = await graphql<{ meeting: Record<string, unknown> }>(`{
      meeting(slug: "istanbul-talks-2025") {
        name kind status location outcome editorialNote
        date { year month day iso text }
        participants { slug } mediators { slug }
        statements(first: 3) { totalCount nodes { meeting { slug } } }
      }
    }`);
    expect(meeting).toMatchObject({
      kind: 'NEGOTIATION',
      status: 'SCHEDULED',
      location: 'Istanbul',
      date: { year: 2025, month: 5, day: null, iso: '2025-05', text: null },
      participants: [{ slug: 'russia' }, { slug: 'ukraine' }],
      mediators: [{ slug: 'turkiye' }],
    });
    expect(meeting.editorialNote).toContain('16 May 2025');
    const statements = meeting.statements as { totalCount: number; nodes: unknown[] };
    expect(statements.nodes).toHaveLength(3);
    expect(statements.totalCount).toBeGreaterThan(3);
  });

  it('links the 2022 negotiations to the draft they produced', async () => {
    const { meeting } = await graphql<{ meeting: Record<string, unknown> }>(
      '{ meeting(slug: "istanbul-negotiations-2022") { status date { iso } draftAgreements { slug status } } }',
    );
    expect(meeting).toEqual({
      status: 'HELD',
      date: { iso: '2022' },
      draftAgreements: [{ slug: 'istanbul-draft-agreement-2022', status: 'NOT_RATIFIED' }],
    });
  });

  it('dates the start of the war as the article words it', async () => {
    const { meeting } = await graphql<{ meeting: Record<string, unknown> }>(
      '{ meeting(slug: "russia-ukraine-war-start") { kind status date { iso text } } }',
    );
    expect(meeting).toEqual({
      kind: 'OTHER',
      status: 'HELD',
      date: { iso: '2022-02', text: 'February 2022' },
    });
  });

  it('filters meetings by status and kind', async () => {
    const { meetings } = await graphql<{
      meetings: { totalCount: number; nodes: { slug: string; status: string; kind: string }[] };
    }>(
      '{ meetings(first: 100, filter: { status: [POSSIBLE], kind: [VISIT] }) { totalCount nodes { slug status kind } } }',
    );
    expect(meetings.nodes.map((m) => m.slug)).toEqual(
      expect.arrayContaining([
        'trump-possible-istanbul-trip',
        'putin-possible-istanbul-attendance',
      ]),
    );
    expect(meetings.nodes.every((m) => m.status === 'POSSIBLE' && m.kind === 'VISIT')).toBe(true);
    const { meetings: tours } = await graphql<{ meetings: { nodes: { slug: string }[] } }>(
      '{ meetings(filter: { kind: [TOUR] }) { nodes { slug } } }',
    );
    expect(tours.nodes).toEqual([{ slug: 'trump-middle-east-tour' }]);
  });
});
