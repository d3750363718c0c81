import { builder } from '../builder.ts';
import { actorKinds } from '../model/enums.ts';
import { modelEnum } from './model-enum.ts';
import { connection, pageCost } from './pagination.ts';
import {
  ActorConnectionRef,
  ActorRef,
  ArticleConnectionRef,
  MeetingRef,
  PositionRef,
  StatementConnectionRef,
} from './refs.ts';
import { checkFilterSearch } from './search.ts';
import { slugLookup } from './slug-lookup.ts';
import { isA, SourcedRef } from './sourced.ts';

export const ActorKindRef = modelEnum('ActorKind', actorKinds, {
  description: 'What kind of actor.',
  values: {
    PERSON: 'A named person.',
    COUNTRY: 'A state, also when the text names it by its capital or government.',
    ORGANIZATION: 'An organisation, administration or armed group.',
    MEDIA: 'A news outlet.',
    GROUP:
      'An unnamed collective voice, such as "Western analysts" or "officials briefed on Kiev’s position".',
  },
});

const ActorFilterRef = builder.inputType('ActorFilter', {
  description: 'Narrows a list of actors; criteria combine with AND, values within one with OR.',
  fields: (t) => ({
    kind: t.field({
      type: [ActorKindRef],
      required: false,
      description: 'Only actors of these kinds.',
    }),
    search: t.string({
      required: false,
      description:
        'Only actors whose name or alias matches these words, as `Query.search` matches them (the list keeps its default order; `Query.search` ranks).',
    }),
  }),
});

builder.node(ActorRef, {
  description:
    'A person, country, organisation, outlet or collective voice that the coverage names.',
  interfaces: [SourcedRef],
  isTypeOf: isA('Actor'),
  id: { resolve: (actor) => actor.slug },
  loadOne: (slug, { store }) => store.bySlug('Actor', slug),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The name, as the text gives it.' }),
    kind: t.field({
      type: ActorKindRef,
      description: 'What kind of actor.',
      resolve: (a) => a.kind,
    }),
    roles: t.exposeStringList('roles', {
      description: 'The roles the text gives them ("President of Ukraine").',
    }),
    aliases: t.exposeStringList('aliases', {
      description:
        'Every surface form the text uses for them ("Kiev", "the Kremlin", "the Russian president").',
    }),
    affiliation: t.field({
      type: ActorRef,
      nullable: true,
      description: 'The country or organisation they belong to or speak for, when the text says.',
      resolve: (actor, _args, { store }) => store.atOptional('Actor', actor.affiliation),
    }),
    statements: t.field({
      type: StatementConnectionRef,
      description: 'What they said, in order of appearance.',
      args: t.arg.connectionArgs(),
      complexity: pageCost,
      resolve: (actor, args, { store }) =>
        connection(args, store.related('Actor', actor, 'statements')),
    }),
    mentionedIn: t.field({
      type: StatementConnectionRef,
      description: 'Statements by others that mention them, in order of appearance.',
      args: t.arg.connectionArgs(),
      complexity: pageCost,
      resolve: (actor, args, { store }) =>
        connection(args, store.related('Actor', actor, 'mentionedIn')),
    }),
    meetings: t.field({
      type: [MeetingRef],
      description: 'The meetings and events they take part in or mediate.',
      resolve: (actor, _args, { store }) => store.relatedAll('Actor', actor, 'meetings'),
    }),
    positions: t.field({
      type: [PositionRef],
      description: 'Where they stand, subject by subject.',
      resolve: (actor, _args, { store }) => store.relatedAll('Actor', actor, 'positions'),
    }),
    articles: t.field({
      type: ArticleConnectionRef,
      description: 'The articles whose text names them, newest first.',
      args: t.arg.connectionArgs(),
      complexity: pageCost,
      resolve: (actor, args, { store }) =>
        connection(args, store.related('Actor', actor, 'articles')),
    }),
  }),
});

slugLookup('actor', 'Actor', ActorRef, 'An actor');

builder.queryFields((t) => ({
  actors: t.field({
    type: ActorConnectionRef,
    description:
      'Actors in order of first appearance (in the newest article that names each), optionally filtered.',
    complexity: pageCost,
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({ type: ActorFilterRef, required: false, description: 'Narrows the list.' }),
    },
    resolve: (_root, args, { store }) =>
      connection(args, store.actors(checkFilterSearch(args.filter))),
  }),
}));
