// The compiled corpus: what scripts/build-data.ts writes and the Worker loads. References
// between records are indexes into the arrays of `Corpus`, and every list of indexes is in
// the corpus's default order (article, then first appearance), so a list is a page source
// as it stands.

import type {
  ActorKind,
  AgreementStatus,
  ClauseStatus,
  MeetingKind,
  MeetingStatus,
  ParagraphKind,
  Stance,
  StatementKind,
} from './enums.ts';
import type { FacetName } from './list-filters.ts';
import type { SearchableType } from './search-options.ts';

export type Index = number;

/**
 * A span of an article, by offsets only: its words are the article's own, sliced when asked
 * for (src/model/corpus.ts), so they cannot drift from the text and the bundle carries the
 * text once.
 */
export interface ExcerptData {
  article: Index;
  paragraph: number;
  start: number;
  end: number;
}

export interface PartialDateData {
  year: number;
  month: number | null;
  day: number | null;
  iso: string;
  text: string | null;
}

/** A paragraph of an article, by offsets, like an excerpt. */
export interface ParagraphData {
  article: Index;
  index: number;
  kind: ParagraphKind;
  start: number;
  end: number;
}

interface Entity<T extends string> {
  /** The GraphQL type name: lets the Node interface and unions resolve without guessing. */
  typename: T;
  slug: string;
  editorialNote: string | null;
  excerpts: ExcerptData[];
}

export interface ArticleData extends Entity<'Article'> {
  title: string;
  publisher: Index | null;
  /** The byline, in the order the article credits it. */
  authors: Index[];
  publishedOn: PartialDateData | null;
  url: string | null;
  text: string;
  paragraphs: ParagraphData[];
  actors: Index[];
  statements: Index[];
  meetings: Index[];
  draftAgreements: Index[];
  draftClauses: Index[];
  topics: Index[];
}

export interface ActorData extends Entity<'Actor'> {
  name: string;
  kind: ActorKind;
  roles: string[];
  aliases: string[];
  affiliation: Index | null;
  /** Statements this actor made. */
  statements: Index[];
  /** Statements that mention this actor. */
  mentionedIn: Index[];
  /** Meetings this actor takes part in or mediates. */
  meetings: Index[];
  positions: Index[];
  /** Articles whose text names this actor, newest first. */
  articles: Index[];
}

export interface StatementData extends Entity<'Statement'> {
  kind: StatementKind;
  text: string;
  speaker: Index;
  reportedBy: Index | null;
  mentions: Index[];
  meeting: Index | null;
  draftClauses: Index[];
  topics: Index[];
  excerpt: ExcerptData;
}

export interface MeetingData extends Entity<'Meeting'> {
  name: string;
  kind: MeetingKind;
  status: MeetingStatus;
  date: PartialDateData | null;
  location: string | null;
  participants: Index[];
  mediators: Index[];
  outcome: string | null;
  draftAgreements: Index[];
  statements: Index[];
}

export interface DraftAgreementData extends Entity<'DraftAgreement'> {
  title: string;
  status: AgreementStatus;
  meeting: Index | null;
  clauses: Index[];
}

export interface DraftClauseData extends Entity<'DraftClause'> {
  title: string;
  text: string;
  agreement: Index | null;
  status: ClauseStatus;
  proposedBy: Index[];
  supportedBy: Index[];
  opposedBy: Index[];
  statements: Index[];
  topics: Index[];
}

export interface PositionData extends Entity<'Position'> {
  actor: Index;
  subject: string;
  stance: Stance;
  summary: string;
  topics: Index[];
}

export interface TopicData extends Entity<'Topic'> {
  name: string;
  description: string | null;
  statements: Index[];
  draftClauses: Index[];
  positions: Index[];
  /** Articles whose text names this topic, newest first. */
  articles: Index[];
}

/** slug → index, one table per type. A Map: it builds and looks up faster at 50,000 slugs. */
export type SlugTable = ReadonlyMap<string, Index>;

/** value → indexes in default order, for the list filters. */
export type Postings = Record<string, Index[]>;

export interface Corpus {
  /** A content hash of everything below: changes exactly when the data does. */
  version: string;
  articles: ArticleData[];
  actors: ActorData[];
  statements: StatementData[];
  meetings: MeetingData[];
  draftAgreements: DraftAgreementData[];
  draftClauses: DraftClauseData[];
  positions: PositionData[];
  topics: TopicData[];
  slugs: {
    Article: SlugTable;
    Actor: SlugTable;
    Statement: SlugTable;
    Meeting: SlugTable;
    DraftAgreement: SlugTable;
    DraftClause: SlugTable;
    Topic: SlugTable;
  };
  /**
   * Search document id → the record it stands for, and the boost its prominence earns (how
   * much the coverage says about it), computed at build time.
   */
  searchTargets: [SearchableType, Index, number][];
  /** Each facet's postings (list-filters.ts), by value or by the slug the facet keys on. */
  filters: Record<FacetName, Postings>;
}
