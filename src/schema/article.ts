import { builder } from '../builder.ts';
import { paragraphKinds } from '../model/enums.ts';
import { articleJsonLd } from '../model/json-ld.ts';
import { archiveOrderEnum, dateBounds, orderByArg } from './archive-order.ts';
import { modelEnum } from './model-enum.ts';
import { connection, pageCost } from './pagination.ts';
import {
  ActorConnectionRef,
  ActorRef,
  ArticleConnectionRef,
  ArticleRef,
  DraftAgreementConnectionRef,
  DraftClauseConnectionRef,
  MeetingConnectionRef,
  ParagraphRef,
  PartialDateRef,
  StatementConnectionRef,
  TopicConnectionRef,
} from './refs.ts';
import { checkFilterSearch } from './search.ts';
import { slugLookup } from './slug-lookup.ts';
import { isA, SourcedRef } from './sourced.ts';

export const ParagraphKindRef = modelEnum('ParagraphKind', paragraphKinds, {
  description: 'What a paragraph of an article is.',
  values: {
    BODY: 'Running text.',
    HEADING: 'A subheading inside the article.',
    CAPTION: 'A caption or standfirst set apart from the running text.',
  },
});

ParagraphRef.implement({
  description: 'A paragraph of an article: one non-empty line of its text.',
  fields: (t) => ({
    index: t.exposeInt('index', { description: 'The 0-based position among the paragraphs.' }),
    kind: t.field({
      type: ParagraphKindRef,
      description: 'What the paragraph is.',
      resolve: (p) => p.kind,
    }),
    text: t.string({
      description: 'The paragraph, verbatim.',
      resolve: (paragraph, _args, { store }) => store.spanText(paragraph),
    }),
    start: t.exposeInt('start', {
      description: 'Where it starts in `Article.text` (UTF-16 code units).',
    }),
    end: t.exposeInt('end', { description: 'Where it ends in `Article.text` (exclusive).' }),
  }),
});

const ArticleOrderRef = archiveOrderEnum('ArticleOrder', 'articles');

const ArticleFilterRef = builder.inputType('ArticleFilter', {
  description:
    'Narrows a list of articles; references take slugs. Criteria combine with AND, values within one with OR.',
  fields: (t) => ({
    ...dateBounds(t, 'articles'),
    publisher: t.stringList({
      required: false,
      description: 'Only articles these outlets published.',
    }),
    author: t.stringList({ required: false, description: 'Only articles these actors wrote.' }),
    mentions: t.stringList({
      required: false,
      description: 'Only articles whose text names these actors.',
    }),
    topic: t.stringList({
      required: false,
      description: 'Only articles whose text names these topics.',
    }),
    search: t.string({
      required: false,
      description:
        'Only articles holding a statement, or naming an actor, that matches these words as `Query.search` matches them (the list keeps its order).',
    }),
  }),
});

builder.node(ArticleRef, {
  description: 'A news article: the verbatim source that every other record points into.',
  interfaces: [SourcedRef],
  isTypeOf: isA('Article'),
  id: { resolve: (article) => article.slug },
  loadOne: (slug, { store }) => store.bySlug('Article', slug),
  fields: (t) => ({
    title: t.exposeString('title', { description: 'The headline.' }),
    publisher: t.field({
      type: ActorRef,
      nullable: true,
      description: 'The outlet that published the article.',
      resolve: (article, _args, { store }) => store.atOptional('Actor', article.publisher),
    }),
    authors: t.field({
      type: [ActorRef],
      description: 'The byline, in the order the article credits it; empty when it has none.',
      // A database loaded before articles had authors has none in its rows.
      resolve: (article, _args, { store }) => store.allAt('Actor', article.authors ?? []),
    }),
    publishedOn: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'When it was published, as precisely as known (to the day where known).',
      resolve: (article) => article.publishedOn,
    }),
    url: t.field({
      type: 'String',
      nullable: true,
      description: "Where the outlet published it (the article's own address), when known.",
      // A database loaded before articles had a URL has none in its rows.
      resolve: (article) => article.url ?? null,
    }),
    text: t.string({
      description: 'The full text, verbatim. Every `Excerpt` offset indexes into this string.',
      resolve: (article, _args, { store }) => store.articleText(article),
    }),
    paragraphs: t.field({
      type: [ParagraphRef],
      description: 'The text split into paragraphs, in order.',
      resolve: (article, _args, { store }) => store.paragraphs(article),
    }),
    actors: t.field({
      type: ActorConnectionRef,
      description: 'The actors the article names, in order of first appearance.',
      args: t.arg.connectionArgs(),
      complexity: pageCost,
      resolve: (article, args, { store }) =>
        connection(args, store.related('Article', article, 'actors')),
    }),
    statements: t.field({
      type: StatementConnectionRef,
      description: 'The statements the article reports, in order of appearance.',
      args: t.arg.connectionArgs(),
      complexity: pageCost,
      resolve: (article, args, { store }) =>
        connection(args, store.related('Article', article, 'statements')),
    }),
    meetings: t.field({
      type: MeetingConnectionRef,
      description: 'The meetings and events the article covers, in order of first appearance.',
      args: t.arg.connectionArgs(),
      complexity: pageCost,
      resolve: (article, args, { store }) =>
        connection(args, store.related('Article', article, 'meetings')),
    }),
    draftAgreements: t.field({
      type: DraftAgreementConnectionRef,
      description: 'The draft agreements the article discusses.',
      args: t.arg.connectionArgs(),
      complexity: pageCost,
      resolve: (article, args, { store }) =>
        connection(args, store.related('Article', article, 'draftAgreements')),
    }),
    draftClauses: t.field({
      type: DraftClauseConnectionRef,
      description: 'The draft clauses and demanded conditions the article discusses.',
      args: t.arg.connectionArgs(),
      complexity: pageCost,
      resolve: (article, args, { store }) =>
        connection(args, store.related('Article', article, 'draftClauses')),
    }),
    jsonLd: t.field({
      type: 'JSON',
      description:
        'The article as schema.org `NewsArticle` JSON-LD (what `/articles/{slug}.jsonld` serves): its publisher, date and URL; the actors as `Person`, `Organization` or `Country` and the meetings as `Event` in `mentions`; each direct quote as a `Quotation` with its speaker in `hasPart`. Every item carries the spans it came from as Web Annotation `TextPositionSelector`s (`oa:start`, `oa:end`: offsets into `text`). Items are named by their REST URLs.',
      // It reads every list of the article: priced like a full page.
      complexity: 100,
      resolve: (article, _args, { request, store }) =>
        articleJsonLd(store, article, { origin: new URL(request.url).origin }),
    }),
    topics: t.field({
      type: TopicConnectionRef,
      description: 'The topics the article touches.',
      args: t.arg.connectionArgs(),
      complexity: pageCost,
      resolve: (article, args, { store }) =>
        connection(args, store.related('Article', article, 'topics')),
    }),
  }),
});

slugLookup('article', 'Article', ArticleRef, 'An article');

builder.queryFields((t) => ({
  articles: t.field({
    type: ArticleConnectionRef,
    description:
      'The articles of the archive, newest first unless `orderBy` says otherwise, optionally filtered.',
    complexity: pageCost,
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({ type: ArticleFilterRef, required: false, description: 'Narrows the list.' }),
      orderBy: t.arg(orderByArg(ArticleOrderRef)),
    },
    resolve: (_root, args, { store }) =>
      connection(args, store.articles(checkFilterSearch(args.filter), args.orderBy ?? 'NEWEST')),
  }),
}));
