import { createYoga } from 'graphql-yoga';
import { schema } from '../schema/index.ts';
import { useCacheOutcome } from './cache.ts';
import { useCostLimit } from './cost.ts';
import { useDocumentLimits } from './document-limits.ts';
import { usePersistedDocuments } from './persisted.ts';
import { usePreparation } from './prepared.ts';
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
