import { builder } from '../builder.ts';
import { clauseStatuses } from '../model/enums.ts';
import { modelEnum } from './model-enum.ts';
import { connection, pageCost } from './pagination.ts';
import {
  ActorRef,
  DraftAgreementRef,
  DraftClauseConnectionRef,
  DraftClauseRef,
  StatementRef,
  TopicRef,
} from './refs.ts';
import { slugLookup } from './slug-lookup.ts';
import { isA, SourcedRef } from './sourced.ts';

export const ClauseStatusRef = modelEnum('ClauseStatus', clauseStatuses, {
  description: 'Where a clause or condition stands between the parties.',
  values: {
    PROPOSED: 'Put forward; not settled.',
    DISPUTED: 'Contested by a party.',
    REJECTED: 'Refused by a party.',
    ACCEPTED: 'Agreed by the parties.',
  },
});

const DraftClauseFilterRef = builder.inputType('DraftClauseFilter', {
  description:
    'Narrows a list of clauses; references take slugs. Criteria combine with AND, values within one with OR.',
  fields: (t) => ({
    agreement: t.string({ required: false, description: 'Only clauses of this draft agreement.' }),
    status: t.field({
      type: [ClauseStatusRef],
      required: false,
      description: 'Only clauses with these statuses.',
    }),
    opposedBy: t.stringList({
      required: false,
      description: 'Only clauses opposed by these actors.',
    }),
  }),
});

builder.node(DraftClauseRef, {
  description:
    'A clause of a draft agreement, or a condition a party demands outside any draft (then `agreement` is null).',
  interfaces: [SourcedRef],
  isTypeOf: isA('DraftClause'),
  id: { resolve: (clause) => clause.slug },
  loadOne: (slug, { store }) => store.bySlug('DraftClause', slug),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'A short title.' }),
    text: t.exposeString('text', { description: 'What the clause or condition says.' }),
    agreement: t.field({
      type: DraftAgreementRef,
      nullable: true,
      description: 'The draft it belongs to; null for a condition demanded outside any draft.',
      resolve: (c, _args, { store }) => store.atOptional('DraftAgreement', c.agreement),
    }),
    status: t.field({
      type: ClauseStatusRef,
      description: 'Where it stands.',
      resolve: (c) => c.status,
    }),
    proposedBy: t.field({
      type: [ActorRef],
      description: 'Who put it forward.',
      resolve: (c, _args, { store }) => store.allAt('Actor', c.proposedBy),
    }),
    supportedBy: t.field({
      type: [ActorRef],
      description: 'Who backs it.',
      resolve: (c, _args, { store }) => store.allAt('Actor', c.supportedBy),
    }),
    opposedBy: t.field({
      type: [ActorRef],
      description: 'Who opposes or refuses it.',
      resolve: (c, _args, { store }) => store.allAt('Actor', c.opposedBy),
    }),
    statements: t.field({
      type: [StatementRef],
      description: 'Statements about it, in order of appearance.',
      resolve: (c, _args, { store }) => store.relatedAll('DraftClause', c, 'statements'),
    }),
    topics: t.field({
      type: [TopicRef],
      description: 'What it is about.',
      resolve: (c, _args, { store }) => store.allAt('Topic', c.topics),
    }),
  }),
});

slugLookup('draftClause', 'DraftClause', DraftClauseRef, 'A clause or condition');

builder.queryFields((t) => ({
  draftClauses: t.field({
    type: DraftClauseConnectionRef,
    description:
      'Clauses and demanded conditions in order of first appearance, optionally filtered.',
    complexity: pageCost,
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({
        type: DraftClauseFilterRef,
        required: false,
        description: 'Narrows the list.',
      }),
    },
    resolve: (_root, args, { store }) => connection(args, store.draftClauses(args.filter)),
  }),
}));
