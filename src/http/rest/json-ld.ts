import type { ResourceOperation } from '../resource.ts';
import { errorResponse } from '../responses.ts';

const query = 'query ArticleJsonLd($slug: String!) { article(slug: $slug) { jsonLd } }';

/** The operation behind `/articles/<slug>.jsonld`, or the response that refuses the slug. */
export function articleJsonLdOperation(encoded: string): ResourceOperation | Response {
  let slug: string;
  try {
    slug = decodeURIComponent(encoded);
  } catch {
    return errorResponse(400, 'BAD_REQUEST', 'The article slug is not valid percent-encoding.');
  }
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
