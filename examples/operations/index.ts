import actorWithStatements from './actor-with-statements.graphql?raw';
import archiveArticles from './archive-articles.graphql?raw';
import ceasefireStatements from './ceasefire-statements.graphql?raw';
import draftAgreementClauses from './draft-agreement-clauses.graphql?raw';
import meetingsAndParticipants from './meetings-and-participants.graphql?raw';
import nodeById from './node-by-id.graphql?raw';
import search from './search.graphql?raw';

/**
 * The example operations, in the order the playground opens them as tabs (the first is the
 * one a visitor runs first). The playground and the tests that run each one import this
 * list, so an example cannot be shown without being tested.
 */
export const exampleOperations: Readonly<Record<string, string>> = {
  CeasefireStatements: ceasefireStatements,
  DraftAgreementClauses: draftAgreementClauses,
  MeetingsAndParticipants: meetingsAndParticipants,
  ActorWithStatements: actorWithStatements,
  NodeById: nodeById,
  Search: search,
  ArchiveArticles: archiveArticles,
};
