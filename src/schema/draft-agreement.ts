import { builder } from '../builder.ts';
import { agreementStatuses } from '../model/enums.ts';
import { modelEnum } from './model-enum.ts';
import { connection, pageCost } from './pagination.ts';
import {
  DraftAgreementConnectionRef,
  DraftAgreementRef,
  DraftClauseRef,
  MeetingRef,
} from './refs.ts';
import { slugLookup } from './slug-lookup.ts';
import { isA, SourcedRef } from './sourced.ts';

export const AgreementStatusRef = modelEnum('AgreementStatus', agreementStatuses, {
  description: 'Where an agreement stands.',
  values: {
    DRAFT: 'Drafted, still open.',
    NOT_RATIFIED: 'Drafted but never ratified.',
    SIGNED: 'Signed by the parties.',
    SUPERSEDED: 'Replaced by a later text.',
  },
});

builder.node(DraftAgreementRef, {
  description: 'A draft agreement between parties, made of clauses.',
  interfaces: [SourcedRef],
  isTypeOf: isA('DraftAgreement'),
  id: { resolve: (agreement) => agreement.slug },
  loadOne: (slug, { store }) => store.bySlug('DraftAgreement', slug),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'A descriptive title.' }),
    status: t.field({
      type: AgreementStatusRef,
      description: 'Where it stands.',
      resolve: (d) => d.status,
    }),
    meeting: t.field({
      type: MeetingRef,
      nullable: true,
      description: 'The meeting that produced it.',
      resolve: (d, _args, { store }) => store.atOptional('Meeting', d.meeting),
    }),
    clauses: t.field({
      type: [DraftClauseRef],
      description: 'Its clauses, in order of appearance.',
      resolve: (d, _args, { store }) => store.relatedAll('DraftAgreement', d, 'clauses'),
    }),
  }),
});

slugLookup('draftAgreement', 'DraftAgreement', DraftAgreementRef, 'A draft agreement');

builder.queryFields((t) => ({
  draftAgreements: t.field({
    type: DraftAgreementConnectionRef,
    description: 'Draft agreements in order of first appearance.',
    args: t.arg.connectionArgs(),
    complexity: pageCost,
    resolve: (_root, args, { store }) => connection(args, store.listAll('DraftAgreement')),
  }),
}));
