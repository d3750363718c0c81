import { builder } from '../builder.ts';
import { meetingKinds, meetingStatuses } from '../model/enums.ts';
import { modelEnum } from './model-enum.ts';
import { connection, pageCost } from './pagination.ts';
import {
  ActorRef,
  DraftAgreementRef,
  MeetingConnectionRef,
  MeetingRef,
  PartialDateRef,
  StatementConnectionRef,
} from './refs.ts';
import { slugLookup } from './slug-lookup.ts';
import { isA, SourcedRef } from './sourced.ts';

export const MeetingKindRef = modelEnum('MeetingKind', meetingKinds, {
  description: 'What kind of meeting or event.',
  values: {
    NEGOTIATION: 'Talks between parties.',
    SIGNING: 'The signing of a deal.',
    SUMMIT: 'A meeting of leaders.',
    VISIT: 'A trip by one party to a place or another party.',
    TOUR: 'A trip through several places.',
    OTHER: 'Any other event, such as the start of a war.',
  },
});

export const MeetingStatusRef = modelEnum('MeetingStatus', meetingStatuses, {
  description: 'Whether a meeting happened, as of the article.',
  values: {
    HELD: 'It took place (or is under way).',
    SCHEDULED: 'It is set to take place.',
    PROPOSED: 'A party proposed it.',
    POSSIBLE: 'It may happen; nothing is decided.',
    CANCELLED: 'It was called off.',
  },
});

const MeetingFilterRef = builder.inputType('MeetingFilter', {
  description: 'Narrows a list of meetings; criteria combine with AND, values within one with OR.',
  fields: (t) => ({
    status: t.field({
      type: [MeetingStatusRef],
      required: false,
      description: 'Only meetings with these statuses.',
    }),
    kind: t.field({
      type: [MeetingKindRef],
      required: false,
      description: 'Only meetings of these kinds.',
    }),
  }),
});

builder.node(MeetingRef, {
  description: 'A meeting or event: talks, a signing, a visit, a tour, the start of a war.',
  interfaces: [SourcedRef],
  isTypeOf: isA('Meeting'),
  id: { resolve: (meeting) => meeting.slug },
  loadOne: (slug, { store }) => store.bySlug('Meeting', slug),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'A descriptive name.' }),
    kind: t.field({ type: MeetingKindRef, description: 'What kind.', resolve: (m) => m.kind }),
    status: t.field({
      type: MeetingStatusRef,
      description: 'Whether it happened, as of the article.',
      resolve: (m) => m.status,
    }),
    date: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'When, as precisely as known.',
      resolve: (m) => m.date,
    }),
    location: t.exposeString('location', {
      nullable: true,
      description: 'Where, as the text names the place.',
    }),
    participants: t.field({
      type: [ActorRef],
      description: 'The parties that take part.',
      resolve: (m, _args, { store }) => store.allAt('Actor', m.participants),
    }),
    mediators: t.field({
      type: [ActorRef],
      description: 'The parties that broker or host it.',
      resolve: (m, _args, { store }) => store.allAt('Actor', m.mediators),
    }),
    outcome: t.exposeString('outcome', {
      nullable: true,
      description: 'What came of it, when the text says.',
    }),
    draftAgreements: t.field({
      type: [DraftAgreementRef],
      description: 'The draft agreements it produced.',
      resolve: (m, _args, { store }) => store.relatedAll('Meeting', m, 'draftAgreements'),
    }),
    statements: t.field({
      type: StatementConnectionRef,
      description: 'Statements about it, in order of appearance.',
      args: t.arg.connectionArgs(),
      complexity: pageCost,
      resolve: (m, args, { store }) => connection(args, store.related('Meeting', m, 'statements')),
    }),
  }),
});

slugLookup('meeting', 'Meeting', MeetingRef, 'A meeting');

builder.queryFields((t) => ({
  meetings: t.field({
    type: MeetingConnectionRef,
    description: 'Meetings and events in order of first appearance, optionally filtered.',
    complexity: pageCost,
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({ type: MeetingFilterRef, required: false, description: 'Narrows the list.' }),
    },
    resolve: (_root, args, { store }) => connection(args, store.meetings(args.filter)),
  }),
}));
