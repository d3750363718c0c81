import {
  allAt,
  at,
  atOptional,
  bySlug,
  listAll,
  listAt,
  type RecordTypes,
  spanText,
} from './corpus.ts';
import { highlights } from './highlights.ts';
import { wholeList } from './list.ts';
import {
  listActors,
  listArticles,
  listDraftClauses,
  listMeetings,
  listStatements,
} from './queries.ts';
import { reverseRelations } from './relations.ts';
import { bundledText, search } from './search.ts';
import type { Store } from './store.ts';
import type { Index } from './types.ts';

type Relations = Record<string, Record<string, keyof RecordTypes>>;
const targetOf = (type: string, field: string) =>
  (reverseRelations as Relations)[type]?.[field] as keyof RecordTypes;
const indexesOf = (record: object, field: string) =>
  (record as Record<string, readonly Index[]>)[field] as readonly Index[];

/**
 * The corpus compiled into the bundle: every answer synchronous, so graphql-js executes a
 * whole operation without a promise (test/worker/node.test.ts holds it so).
 */
export const bundledStore: Store = {
  bySlug,
  at,
  atOptional,
  allAt,
  related: (type, record, field) =>
    listAt(targetOf(type, field), indexesOf(record, field)) as never,
  relatedAll: (type, record, field) =>
    allAt(targetOf(type, field), indexesOf(record, field)) as never,
  listAll,
  actors: listActors,
  articles: listArticles,
  statements: listStatements,
  meetings: listMeetings,
  draftClauses: listDraftClauses,
  search: (query, scope) => wholeList(search(query, scope)),
  highlights: (hit) => highlights(hit, bundledText),
  excerpts: (record) => record.excerpts as never,
  articleText: (article) => article.text,
  paragraphs: (article) => article.paragraphs,
  spanText,
};

// The bundle's version is the content hash of its data.
export { dataVersion } from './corpus.ts';
