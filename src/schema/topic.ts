import { builder } from '../builder.ts';
import { connection, pageCost } from './pagination.ts';
import {
  ArticleConnectionRef,
  DraftClauseRef,
  PositionRef,
  StatementConnectionRef,
  TopicConnectionRef,
  TopicRef,
} from './refs.ts';
import { slugLookup } from './slug-lookup.ts';
import { isA, SourcedRef } from './sourced.ts';

builder.node(TopicRef, {
  description:
    'A subject the coverage returns to: the ceasefire, the 2022 draft, demilitarisation.',
  interfaces: [SourcedRef],
  isTypeOf: isA('Topic'),
  id: { resolve: (topic) => topic.slug },
  loadOne: (slug, { store }) => store.bySlug('Topic', slug),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The topic’s name.' }),
    description: t.exposeString('description', {
      nullable: true,
      description: 'What the topic covers.',
    }),
    statements: t.field({
      type: StatementConnectionRef,
      description: 'Statements on this topic, in order of appearance.',
      args: t.arg.connectionArgs(),
      complexity: pageCost,
      resolve: (topic, args, { store }) =>
        connection(args, store.related('Topic', topic, 'statements')),
    }),
    draftClauses: t.field({
      type: [DraftClauseRef],
      description: 'Clauses and conditions on this topic.',
      resolve: (topic, _args, { store }) => store.relatedAll('Topic', topic, 'draftClauses'),
    }),
    positions: t.field({
      type: [PositionRef],
      description: 'Positions that bear on this topic.',
      resolve: (topic, _args, { store }) => store.relatedAll('Topic', topic, 'positions'),
    }),
    articles: t.field({
      type: ArticleConnectionRef,
      description: 'The articles whose text names this topic, newest first.',
      args: t.arg.connectionArgs(),
      complexity: pageCost,
      resolve: (topic, args, { store }) =>
        connection(args, store.related('Topic', topic, 'articles')),
    }),
  }),
});

slugLookup('topic', 'Topic', TopicRef, 'A topic');

builder.queryFields((t) => ({
  topics: t.field({
    type: TopicConnectionRef,
    description: 'Topics in order of first appearance.',
    args: t.arg.connectionArgs(),
    complexity: pageCost,
    resolve: (_root, args, { store }) => connection(args, store.listAll('Topic')),
  }),
}));
