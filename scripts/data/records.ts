import { z } from 'zod';
import {
  actorKinds,
  agreementStatuses,
  clauseStatuses,
  meetingKinds,
  meetingStatuses,
  paragraphKinds,
  stances,
  statementKinds,
} from '../../src/model/enums.ts';

// The authored shape of the corpus. Every file under data/articles/<article>/ is checked
// against these schemas before anything is compiled; `.strict()` so that a misspelt key is
// an error rather than a silently ignored field.

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, single hyphens)');
const slugs = z.array(slug).default([]);
const note = z.string().min(1).optional();
/**
 * Set by `npm run article:draft` on what it proposes: the rule that proposed it. The editor
 * accepts a draft by removing the mark; a draft is a valid record meanwhile, so it serves.
 */
const draft = z.string().min(1).optional();

/**
 * A span of an article: its offsets (UTF-16 code units, end exclusive) and the words they
 * hold, or only the words, which the build finds (scripts/data/locate.ts), `occurrence`
 * saying which when they stand more than once.
 */
export const excerptRecord = z
  .object({
    /** Defaults to the article of the folder the record lives in. */
    article: slug.optional(),
    start: z.number().int().nonnegative().optional(),
    end: z.number().int().positive().optional(),
    text: z.string().min(1),
    /** Which time the words stand in the article (1 is the first), when they stand more than once. */
    occurrence: z.number().int().positive().optional(),
    draft,
  })
  .strict()
  .refine((e) => (e.start === undefined) === (e.end === undefined), {
    message: 'give start and end together, or neither (the build then finds the words)',
  })
  .refine((e) => e.start === undefined || e.end === undefined || e.end > e.start, {
    message: 'end must be greater than start',
  })
  .refine((e) => e.occurrence === undefined || e.start === undefined, {
    message:
      'occurrence is for an excerpt given by its words alone: give start and end, or occurrence',
  });

const excerpts = z.array(excerptRecord).min(1, 'needs at least one excerpt');

export const partialDateRecord = z
  .object({
    year: z.number().int().min(1000).max(9999),
    month: z.number().int().min(1).max(12).optional(),
    day: z.number().int().min(1).max(31).optional(),
    /** The date as the article words it ("Friday", "February 2022"). */
    text: z.string().min(1).optional(),
  })
  .strict()
  .refine((d) => d.day === undefined || d.month !== undefined, {
    message: 'a day needs a month',
  });

export const articleRecord = z
  .object({
    slug,
    title: z.string().min(1),
    publisher: slug.optional(),
    /** The byline: registry actors, in the order the article credits them. */
    authors: slugs,
    publishedOn: partialDateRecord.optional(),
    /** Where the outlet published it. */
    url: z.url().optional(),
    /** The verbatim text, a file beside article.json. Paragraphs are its non-empty lines. */
    textFile: z.string().min(1),
    /** Paragraph index (0-based, over non-empty lines) → kind; unlisted paragraphs are BODY. */
    paragraphKinds: z.record(z.string().regex(/^\d+$/), z.enum(paragraphKinds)).default({}),
    editorialNote: note,
  })
  .strict();

export const actorRecord = z
  .object({
    slug,
    name: z.string().min(1),
    kind: z.enum(actorKinds),
    roles: z.array(z.string().min(1)).default([]),
    aliases: z.array(z.string().min(1)).default([]),
    affiliation: slug.optional(),
    editorialNote: note,
    draft,
    excerpts,
  })
  .strict();

export const statementRecord = z
  .object({
    slug,
    kind: z.enum(statementKinds),
    text: z.string().min(1),
    speaker: slug,
    reportedBy: slug.optional(),
    mentions: slugs,
    meeting: slug.optional(),
    draftClauses: slugs,
    topics: slugs,
    /** The span the statement stands in; for a DIRECT_QUOTE, exactly the quoted words. */
    excerpt: excerptRecord,
    /** Further spans (a quote repeated, the attribution); the primary excerpt is added first. */
    excerpts: z.array(excerptRecord).default([]),
    editorialNote: note,
    draft,
  })
  .strict();

export const meetingRecord = z
  .object({
    slug,
    name: z.string().min(1),
    kind: z.enum(meetingKinds),
    status: z.enum(meetingStatuses),
    date: partialDateRecord.optional(),
    location: z.string().min(1).optional(),
    participants: slugs,
    mediators: slugs,
    outcome: z.string().min(1).optional(),
    editorialNote: note,
    excerpts,
  })
  .strict();

export const agreementRecord = z
  .object({
    slug,
    title: z.string().min(1),
    status: z.enum(agreementStatuses),
    meeting: slug.optional(),
    editorialNote: note,
    excerpts,
  })
  .strict();

export const clauseRecord = z
  .object({
    slug,
    title: z.string().min(1),
    text: z.string().min(1),
    agreement: slug.optional(),
    status: z.enum(clauseStatuses),
    proposedBy: slugs,
    supportedBy: slugs,
    opposedBy: slugs,
    topics: slugs,
    editorialNote: note,
    excerpts,
  })
  .strict();

export const positionRecord = z
  .object({
    slug,
    actor: slug,
    subject: z.string().min(1),
    stance: z.enum(stances),
    summary: z.string().min(1),
    topics: slugs,
    editorialNote: note,
    excerpts,
  })
  .strict();

export const topicRecord = z
  .object({
    slug,
    name: z.string().min(1),
    description: z.string().min(1).optional(),
    editorialNote: note,
    excerpts,
  })
  .strict();

// The archive's registry (`<root>/registry/<kind>.json`): what is true of an entity whatever
// the article, without excerpts. An article cites a registry entity in its own folder, with
// the spans of its own text that name it (and, for an actor, the aliases it uses there).
export const registryActor = actorRecord.omit({ excerpts: true });
export const registryMeeting = meetingRecord.omit({ excerpts: true });
export const registryAgreement = agreementRecord.omit({ excerpts: true });
export const registryClause = clauseRecord.omit({ excerpts: true });
export const registryTopic = topicRecord.omit({ excerpts: true });

/** Where an article names a registry entity: the spans of its own text. */
export const citationRecord = z.object({ slug, excerpts, draft }).strict();
/** Where an article names a registry actor, and the surface forms it uses ("Kiev", "the Kremlin"). */
export const actorCitationRecord = z
  .object({ slug, aliases: z.array(z.string().min(1)).default([]), excerpts, draft })
  .strict();

/** The registry's files, each an array of one kind of entity. */
export const registryFiles = {
  'actors.json': registryActor,
  'meetings.json': registryMeeting,
  'agreements.json': registryAgreement,
  'clauses.json': registryClause,
  'topics.json': registryTopic,
} as const;

/** An article folder's citation files: the registry entities it names, one kind a file. */
export const citationFiles = {
  'actors.json': actorCitationRecord,
  'meetings.json': citationRecord,
  'agreements.json': citationRecord,
  'clauses.json': citationRecord,
  'topics.json': citationRecord,
} as const;

/** The files an article folder may hold, each an array: what it says, and what it cites. */
export const recordFiles = {
  'statements.json': statementRecord,
  'positions.json': positionRecord,
  ...citationFiles,
} as const;

export type ExcerptRecord = z.infer<typeof excerptRecord>;
export type PartialDateRecord = z.infer<typeof partialDateRecord>;
export type ArticleRecord = z.infer<typeof articleRecord>;
export type ActorRecord = z.infer<typeof actorRecord>;
export type StatementRecord = z.infer<typeof statementRecord>;
export type MeetingRecord = z.infer<typeof meetingRecord>;
export type AgreementRecord = z.infer<typeof agreementRecord>;
export type ClauseRecord = z.infer<typeof clauseRecord>;
export type PositionRecord = z.infer<typeof positionRecord>;
export type TopicRecord = z.infer<typeof topicRecord>;
export type CitationRecord = z.infer<typeof actorCitationRecord>;
