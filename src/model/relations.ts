import type { RecordTypes } from './corpus.ts';

// The reverse relations of the compiled corpus: the lists a record holds of the records that
// point at it (or, for an article, that stand in it). The bundle keeps them as index arrays on
// the record; D1 keeps them as `link` rows named `Type.field` (migrations/0001_corpus.sql).

export const reverseRelations = {
  Article: {
    actors: 'Actor',
    statements: 'Statement',
    meetings: 'Meeting',
    draftAgreements: 'DraftAgreement',
    draftClauses: 'DraftClause',
    topics: 'Topic',
  },
  Actor: {
    statements: 'Statement',
    mentionedIn: 'Statement',
    meetings: 'Meeting',
    positions: 'Position',
    articles: 'Article',
  },
  Meeting: { draftAgreements: 'DraftAgreement', statements: 'Statement' },
  DraftAgreement: { clauses: 'DraftClause' },
  DraftClause: { statements: 'Statement' },
  Topic: {
    statements: 'Statement',
    draftClauses: 'DraftClause',
    positions: 'Position',
    articles: 'Article',
  },
} as const satisfies { [T in keyof RecordTypes]?: Record<string, keyof RecordTypes> };

export type OwnerType = keyof typeof reverseRelations;
export type RelationOf<T extends OwnerType> = keyof (typeof reverseRelations)[T] & string;
export type TargetOf<
  T extends OwnerType,
  F extends RelationOf<T>,
> = (typeof reverseRelations)[T][F] extends keyof RecordTypes
  ? (typeof reverseRelations)[T][F]
  : never;

/**
 * The references each record type holds, by field, and the type they name: what a record's
 * ids point at, the other way round from `reverseRelations`.
 */
export const references: Record<string, Record<string, keyof RecordTypes>> = {
  Article: { publisher: 'Actor', authors: 'Actor' },
  Actor: { affiliation: 'Actor' },
  Statement: {
    speaker: 'Actor',
    reportedBy: 'Actor',
    mentions: 'Actor',
    meeting: 'Meeting',
    draftClauses: 'DraftClause',
    topics: 'Topic',
  },
  Meeting: { participants: 'Actor', mediators: 'Actor' },
  DraftAgreement: { meeting: 'Meeting' },
  DraftClause: {
    agreement: 'DraftAgreement',
    proposedBy: 'Actor',
    supportedBy: 'Actor',
    opposedBy: 'Actor',
    topics: 'Topic',
  },
  Position: { actor: 'Actor', topics: 'Topic' },
  Topic: {},
};
