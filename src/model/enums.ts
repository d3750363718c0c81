// Each enumeration of the model, once: the record schemas (scripts/data/records.ts), the
// record types (types.ts) and the GraphQL enums (src/schema/model-enum.ts) are made from these
// lists, in this order.

export const actorKinds = ['PERSON', 'COUNTRY', 'ORGANIZATION', 'MEDIA', 'GROUP'] as const;
export type ActorKind = (typeof actorKinds)[number];

export const statementKinds = ['DIRECT_QUOTE', 'PARAPHRASE', 'REPORTED'] as const;
export type StatementKind = (typeof statementKinds)[number];

export const meetingKinds = ['NEGOTIATION', 'SIGNING', 'SUMMIT', 'VISIT', 'TOUR', 'OTHER'] as const;
export type MeetingKind = (typeof meetingKinds)[number];

export const meetingStatuses = ['HELD', 'SCHEDULED', 'PROPOSED', 'POSSIBLE', 'CANCELLED'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const agreementStatuses = ['DRAFT', 'NOT_RATIFIED', 'SIGNED', 'SUPERSEDED'] as const;
export type AgreementStatus = (typeof agreementStatuses)[number];

export const clauseStatuses = ['PROPOSED', 'DISPUTED', 'REJECTED', 'ACCEPTED'] as const;
export type ClauseStatus = (typeof clauseStatuses)[number];

export const stances = ['SUPPORTS', 'OPPOSES', 'DEMANDS', 'CONDITIONAL', 'REJECTS'] as const;
export type Stance = (typeof stances)[number];

export const paragraphKinds = ['BODY', 'HEADING', 'CAPTION'] as const;
export type ParagraphKind = (typeof paragraphKinds)[number];

/** The orders of a list that spans the archive (ArticleOrder, StatementOrder). */
export const archiveOrders = ['NEWEST', 'OLDEST'] as const;
export type ArchiveOrder = (typeof archiveOrders)[number];

/** The orders of search results. */
export const searchOrders = ['RELEVANCE', 'NEWEST'] as const;
export type SearchOrder = (typeof searchOrders)[number];
