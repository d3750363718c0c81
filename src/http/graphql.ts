import { createYoga } from 'graphql-yoga';
import { schema } from '../schema/index.ts';
import { useSafeErrors } from './safe-errors.ts';

/** The GraphQL endpoint, built once per isolate. */
export const yoga = createYoga({
  schema,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  batching: false,
  maskedErrors: true,
  plugins: [useSafeErrors()],
});
