import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { restRoutes } from '../src/http/rest/routes.ts';
import { schema } from '../src/schema/index.ts';
import { openApiDocument } from './openapi.ts';

// Rewrites the committed SDL and the REST twin's OpenAPI document; test/worker/schema.test.ts
// fails until this has been run after a schema change, so that every change to the public
// surface shows up in review.
const sdl = 'schema/schema.graphql';
writeFileSync(sdl, `${printSchema(schema)}\n`);
console.log(`wrote ${sdl}`);
const openapi = 'schema/openapi.json';
writeFileSync(openapi, `${JSON.stringify(openApiDocument(schema, restRoutes(schema)), null, 2)}\n`);
console.log(`wrote ${openapi}`);
