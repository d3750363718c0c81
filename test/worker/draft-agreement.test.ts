import { describe, expect, it } from 'vitest';
import { graphql } from './client.ts';

describe('DraftAgreement and DraftClause', () => {
  it('lists the 2022 draft’s clauses and who opposes each', async () => {
    const { draftAgreement } = await graphql<{
      draftAgreement: {
        title: string;
        status: string;
        meeting: { slug: string };
        clauses: {
          slug: string;
          status: string;
          opposedBy: { slug: string }[];
          agreement: { slug: string };
        }[];
      };
    }>(`{
      draftAgreement(slug: "istanbul-draft-agreement-2022") {
        title status meeting { slug }
        clauses { slug status opposedBy { slug } agreement { slug } }
      }
    }`);
    expect(draftAgreement.status).toBe('NOT_RATIFIED');
    expect(draftAgreement.meeting.slug).toBe('istanbul-negotiations-2022');
    expect(draftAgreement.clauses.map((c) => c.slug)).toEqual([
      'ukrainian-neutrality',
      'russian-second-official-language',
      'ukrainian-army-reduction',
      'russia-security-concerns',
    ]);
    for (const clause of draftAgreement.clauses) {
      expect(clause.opposedBy).toEqual([{ slug: 'ukraine' }]);
      expect(clause.agreement.slug).toBe('istanbul-draft-agreement-2022');
    }
  });

  it('keeps conditions demanded outside any draft with a null agreement', async () => {
    const { draftClause } = await graphql<{ draftClause: Record<string, unknown> }>(`{
      draftClause(slug: "azov-brigade-dismantling") {
        title text status agreement { slug }
        proposedBy { slug } supportedBy { slug } opposedBy { slug }
        statements { slug } topics { slug } excerpts { text }
      }
    }`);
    expect(draftClause).toMatchObject({ agreement: null, status: 'DISPUTED' });
    expect(draftClause.proposedBy).toContainEqual({ slug: 'russia' });
    expect(draftClause.opposedBy).toContainEqual({ slug: 'ukraine' });
    expect(draftClause.statements).toContainEqual({ slug: 'markov-dismantle-far-right-groups' });
    expect(JSON.stringify(draftClause.excerpts)).toContain('Azov Brigade');
  });

  it('filters clauses by agreement, status and opponent', async () => {
    type Page = { draftClauses: { totalCount: number; nodes: { slug: string; status: string }[] } };
    const ofDraft = await graphql<Page>(
      '{ draftClauses(filter: { agreement: "istanbul-draft-agreement-2022" }) { totalCount nodes { slug status } } }',
    );
    expect(ofDraft.draftClauses.totalCount).toBe(4);
    const rejected = await graphql<Page>(
      '{ draftClauses(filter: { status: [REJECTED] }) { nodes { slug status } } }',
    );
    expect(rejected.draftClauses.nodes).toEqual([
      { slug: 'recognition-of-russian-sovereignty', status: 'REJECTED' },
    ]);
    const opposedByRussia = await graphql<Page>(
      '{ draftClauses(filter: { opposedBy: ["russia"] }) { nodes { slug status } } }',
    );
    expect(opposedByRussia.draftClauses.nodes.map((c) => c.slug)).toEqual([
      'unconditional-30-day-ceasefire',
    ]);
    const both = await graphql<Page>(
      '{ draftClauses(filter: { opposedBy: ["ukraine"], status: [DISPUTED] }) { nodes { slug status } } }',
    );
    expect(both.draftClauses.nodes.length).toBeGreaterThan(0);
    expect(both.draftClauses.nodes.every((c) => c.status === 'DISPUTED')).toBe(true);
  });

  it('lists draft agreements', async () => {
    const { draftAgreements } = await graphql<{ draftAgreements: { nodes: { slug: string }[] } }>(
      '{ draftAgreements { nodes { slug } } }',
    );
    expect(draftAgreements.nodes.map((d) => d.slug)).toEqual(
      expect.arrayContaining(['istanbul-draft-agreement-2022', 'grain-deal-2022']),
    );
  });
});
