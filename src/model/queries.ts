import { bySlug, corpus, type NodeType, type RecordTypes, records } from './corpus.ts';
import { indexedList, intersect, type ListView, union, wholeList } from './list.ts';
import { matching } from './search.ts';
import type {
  ActorData,
  ActorKind,
  ClauseStatus,
  DraftClauseData,
  Index,
  MeetingData,
  MeetingKind,
  MeetingStatus,
  Postings,
  StatementData,
  StatementKind,
} from './types.ts';

// The list filters. Each criterion is a precomputed posting list; a filter is the
// intersection of its criteria, each the union of its values. An unknown slug in a filter
// matches nothing rather than failing, like an unknown slug in a lookup.

type Criterion = readonly Index[] | undefined;

function postings(table: Postings, keys: readonly string[]): Index[] {
  return union(keys.map((k) => (Object.hasOwn(table, k) ? (table[k] as Index[]) : [])));
}

/** The union of a reverse relation over the records that `slugs` name. */
function via<T extends NodeType>(
  type: T,
  slugs: readonly string[],
  pick: (record: RecordTypes[T]) => readonly Index[],
): Index[] {
  return union(
    slugs.map((s) => {
      const record = bySlug(type, s);
      return record ? pick(record) : [];
    }),
  );
}

function select<T>(items: readonly T[], criteria: Criterion[]): ListView<T> {
  const active = criteria.filter((c): c is readonly Index[] => c !== undefined);
  return active.length === 0 ? wholeList(items) : indexedList(items, intersect(active));
}

export interface ActorFilter {
  kind?: readonly ActorKind[] | null;
  search?: string | null;
}

export function listActors(filter: ActorFilter | null | undefined): ListView<ActorData> {
  return select(records.Actor, [
    filter?.kind ? postings(corpus.filters.actorsByKind, filter.kind) : undefined,
    filter?.search != null ? matching('Actor', filter.search) : undefined,
  ]);
}

export interface StatementFilter {
  speaker?: readonly string[] | null;
  kind?: readonly StatementKind[] | null;
  topic?: readonly string[] | null;
  mentions?: readonly string[] | null;
  meeting?: string | null;
  search?: string | null;
}

export function listStatements(
  filter: StatementFilter | null | undefined,
): ListView<StatementData> {
  return select(records.Statement, [
    filter?.speaker ? via('Actor', filter.speaker, (a) => a.statements) : undefined,
    filter?.kind ? postings(corpus.filters.statementsByKind, filter.kind) : undefined,
    filter?.topic ? via('Topic', filter.topic, (t) => t.statements) : undefined,
    filter?.mentions ? via('Actor', filter.mentions, (a) => a.mentionedIn) : undefined,
    filter?.meeting != null ? via('Meeting', [filter.meeting], (m) => m.statements) : undefined,
    filter?.search != null ? matching('Statement', filter.search) : undefined,
  ]);
}

export interface MeetingFilter {
  status?: readonly MeetingStatus[] | null;
  kind?: readonly MeetingKind[] | null;
}

export function listMeetings(filter: MeetingFilter | null | undefined): ListView<MeetingData> {
  return select(records.Meeting, [
    filter?.status ? postings(corpus.filters.meetingsByStatus, filter.status) : undefined,
    filter?.kind ? postings(corpus.filters.meetingsByKind, filter.kind) : undefined,
  ]);
}

export interface DraftClauseFilter {
  agreement?: string | null;
  status?: readonly ClauseStatus[] | null;
  opposedBy?: readonly string[] | null;
}

export function listDraftClauses(
  filter: DraftClauseFilter | null | undefined,
): ListView<DraftClauseData> {
  return select(records.DraftClause, [
    filter?.agreement != null
      ? postings(corpus.filters.clausesByAgreement, [filter.agreement])
      : undefined,
    filter?.status ? postings(corpus.filters.clausesByStatus, filter.status) : undefined,
    filter?.opposedBy ? postings(corpus.filters.clausesByOpposer, filter.opposedBy) : undefined,
  ]);
}
