import SchemaBuilder from '@pothos/core';
import { createYoga } from 'graphql-yoga';

// The yardstick: the stack a GraphQL Worker starts from (Yoga + Pothos on workerd), with
// nothing of ours in it, answering `{ __typename }`. The API's entity detail should be as fast.
const builder = new SchemaBuilder({});
builder.queryType({ fields: (t) => ({ hello: t.string({ resolve: () => 'world' }) }) });
const yoga = createYoga({
  schema: builder.toSchema(),
  graphqlEndpoint: '/graphql',
  landingPage: false,
});

export default {
  fetch: (request: Request) => yoga.fetch(request),
};
