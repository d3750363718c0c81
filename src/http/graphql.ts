import { createYoga } from 'graphql-yoga';
import { bundledStore } from '../model/bundled.ts';
import { schema } from '../schema/index.ts';
import { useCacheOutcome } from './cache.ts';
import { useCostLimit } from './cost.ts';
import { useDocumentLimits } from './document-limits.ts';
import { usePersistedDocuments } from './persisted.ts';
import { usePreparation } from './prepared.ts';
import { recordOf } from './request-context.ts';
import { useSafeErrors, useVariableErrorCodes } from './safe-errors.ts';

/** The GraphQL endpoint, built once per isolate. */
export const yoga = createYoga({
  schema,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  batching: false,
  // The body limit (64 KiB) is enforced before Yoga, by src/http/request-guard.ts; Yoga's own
  // would pipe every body through a counting TransformStream a second time.
  maxRequestBodySize: false,
  // CORS is answered for every path by src/http/cors.ts, with a literal "*".
  cors: false,
  maskedErrors: { isDev: false },
  // The store travels with the request's record (src/http/execute.ts).
  context: ({ request }) => ({ store: recordOf(request)?.store ?? bundledStore }),
  plugins: [
    useSafeErrors(),
    useVariableErrorCodes(),
    ...usePersistedDocuments(),
    ...useDocumentLimits(),
    useCostLimit(),
    useCacheOutcome(),
    usePreparation(),
  ],
});
