import { ArticleRef, ExcerptRef } from './refs.ts';

ExcerptRef.implement({
  description:
    'A span of an article: the evidence for a record. `text` is always exactly `article.text.slice(start, end)`.',
  fields: (t) => ({
    article: t.field({
      type: ArticleRef,
      description: 'The article the span belongs to.',
      resolve: (excerpt, _args, { store }) => store.at('Article', excerpt.article),
    }),
    paragraph: t.exposeInt('paragraph', {
      description: 'The 0-based index of the paragraph, into `Article.paragraphs`.',
    }),
    start: t.exposeInt('start', {
      description:
        'Where the span starts in `Article.text`, in UTF-16 code units (JavaScript string index).',
    }),
    end: t.exposeInt('end', {
      description: 'Where the span ends in `Article.text` (exclusive), in UTF-16 code units.',
    }),
    text: t.string({
      description: 'The words of the span, verbatim.',
      resolve: (excerpt, _args, { store }) => store.spanText(excerpt),
    }),
  }),
});
