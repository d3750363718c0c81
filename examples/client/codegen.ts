import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for a front end, from the committed contract: the example operations and
// the `graphql()` calls in this folder. `npm run codegen` writes gql/ (generated, ignored by
// git); `npm test` regenerates and type-checks it, so a schema change that breaks a client
// fails the build.
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['examples/operations/*.graphql', 'examples/client/*.ts', '!examples/client/gql/**'],
  generates: {
    'examples/client/gql/': {
      preset: 'client',
      // Documents as plain strings: a front end sends them as they are, without graphql-js.
      config: { documentMode: 'string', useTypeImports: true, enumsAsTypes: true },
      presetConfig: { fragmentMasking: false },
    },
  },
  silent: true,
};

export default config;
