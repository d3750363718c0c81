import { stances } from '../model/enums.ts';
import { modelEnum } from './model-enum.ts';
import { ActorRef, PositionRef, TopicRef } from './refs.ts';
import { isA, SourcedRef } from './sourced.ts';

export const StanceRef = modelEnum('Stance', stances, {
  description: 'How an actor stands on a subject.',
  values: {
    SUPPORTS: 'In favour.',
    OPPOSES: 'Against.',
    DEMANDS: 'Insists on it.',
    CONDITIONAL: 'In favour only under conditions.',
    REJECTS: 'Refuses it outright.',
  },
});

PositionRef.implement({
  description: 'Where an actor stands on one subject: what each side wants.',
  interfaces: [SourcedRef],
  isTypeOf: isA('Position'),
  fields: (t) => ({
    actor: t.field({
      type: ActorRef,
      description: 'Whose position.',
      resolve: (p, _args, { store }) => store.at('Actor', p.actor),
    }),
    subject: t.exposeString('subject', { description: 'What it is about ("a 30-day truce").' }),
    stance: t.field({ type: StanceRef, description: 'How they stand.', resolve: (p) => p.stance }),
    summary: t.exposeString('summary', { description: 'The position in one sentence.' }),
    topics: t.field({
      type: [TopicRef],
      description: 'The topics it bears on.',
      resolve: (p, _args, { store }) => store.allAt('Topic', p.topics),
    }),
  }),
});
