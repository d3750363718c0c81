import type { ResourceOperation } from '../resource.ts';
import { decodedSlug } from './request.ts';

const query = 'query ArticleJsonLd($slug: String!) { article(slug: $slug) { jsonLd } }';

/** The operation behind `/articles/<slug>.jsonld`, or the response that refuses the slug. */
export function articleJsonLdOperation(
  encoded: string,
  path: string,
): ResourceOperation | Response {
  const slug = decodedSlug(encoded, path);
  if (slug instanceof Response) return slug;
  return {
    params: {
      query,
      documentId: null,
      operationName: 'ArticleJsonLd',
      variables: { slug },
      extensions: null,
    },
    path: ['article', 'jsonLd'],
    contentType: 'application/ld+json; charset=utf-8',
    notFound: `No article has the slug “${slug}”.`,
  };
}
