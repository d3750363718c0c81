import { JSONResolver } from 'graphql-scalars';
import { builder } from '../builder.ts';

// A document whose shape is another vocabulary's (schema.org JSON-LD), passed through whole.
builder.addScalarType('JSON', JSONResolver, {
  description:
    'A JSON value, passed through as it is: a document whose shape another standard defines (schema.org JSON-LD).',
});
