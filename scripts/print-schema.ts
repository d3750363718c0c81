import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { schema } from '../src/schema/index.ts';

// Rewrites the committed SDL; test/worker/schema.test.ts fails until this has been run after
// a schema change, so that every change to the public surface shows up in review.
const out = 'schema/schema.graphql';
writeFileSync(out, `${printSchema(schema)}\n`);
console.log(`wrote ${out}`);
