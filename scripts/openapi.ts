import {
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNullableType,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { costLimit, operationCost } from '../src/http/cost.ts';
import type { RestParam, RestRoute } from '../src/http/rest/routes.ts';
import { maxPageSize } from '../src/schema/pagination.ts';

// The OpenAPI 3.1 description of the REST twin, generated from the same routes the Worker
// serves (`npm run schema` writes it to schema/openapi.json, which the build copies into
// the static assets): each response's schema is the route's own selection walked through the GraphQL
// types (so it says exactly which fields come back), and every operation, parameter and
// property carries the schema's description.

type JsonSchema = Record<string, unknown>;

const scalars: Record<string, JsonSchema> = {
  Int: { type: 'integer' },
  Float: { type: 'number' },
  String: { type: 'string' },
  ID: { type: 'string' },
  Boolean: { type: 'boolean' },
  JSON: {},
};

function nullable(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string') {
    const widened: JsonSchema = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum)) widened.enum = [...schema.enum, null];
    return widened;
  }
  if (Array.isArray(schema.oneOf)) return { ...schema, oneOf: [...schema.oneOf, { type: 'null' }] };
  if (schema.$ref) return { oneOf: [schema, { type: 'null' }] };
  return schema;
}

function enumSchema(type: GraphQLInputType | GraphQLOutputType): JsonSchema | undefined {
  if (!isEnumType(type)) return undefined;
  return { type: 'string', enum: type.getValues().map((v) => v.name) };
}

/**
 * The named object schemas of the document: one for each shape a type is answered in (an
 * actor in full, in brief as a list item, as a link), so that a client generator makes one
 * type for each and a shape met twice is described once.
 */
class Components {
  readonly schemas: Record<string, JsonSchema> = {};
  private readonly names = new Map<string, string>();

  ref(names: string[], schema: JsonSchema): JsonSchema {
    const key = JSON.stringify(schema);
    let name = this.names.get(key);
    if (!name) {
      const base = names[names.length - 1] ?? 'Object';
      name = names.find((n) => !this.schemas[n]);
      for (let i = 2; !name; i++) if (!this.schemas[`${base}${i}`]) name = `${base}${i}`;
      this.schemas[name] = schema;
      this.names.set(key, name);
    }
    return { $ref: `#/components/schemas/${name}` };
  }
}

const isLink = (selection: SelectionSetNode | undefined) =>
  selection?.selections.length === 2 &&
  selection.selections.every(
    (s) => s.kind === Kind.FIELD && (s.name.value === 'id' || s.name.value === 'slug'),
  );

function outputSchema(
  components: Components,
  schema: GraphQLSchema,
  type: GraphQLOutputType,
  selection: SelectionSetNode | undefined,
): JsonSchema {
  const inner = getNullableType(type);
  let result: JsonSchema;
  if (isListType(inner)) {
    result = { type: 'array', items: outputSchema(components, schema, inner.ofType, selection) };
  } else if (isScalarType(inner)) {
    result = { ...(scalars[inner.name] ?? { type: 'string' }) };
  } else if (isEnumType(inner)) {
    result = enumSchema(inner) as JsonSchema;
  } else if (isObjectType(inner)) {
    result = objectSchema(components, schema, inner.name, selection);
  } else if (isAbstractType(inner)) {
    const fragments = (selection?.selections ?? []).flatMap((s) =>
      s.kind === Kind.INLINE_FRAGMENT && s.typeCondition
        ? [{ name: s.typeCondition.name.value, selection: s.selectionSet }]
        : [],
    );
    const typenamed = (selection?.selections ?? []).some(
      (s) => s.kind === Kind.FIELD && s.name.value === '__typename',
    );
    result = {
      oneOf: fragments.map(({ name, selection: own }) =>
        objectSchema(components, schema, name, own, typenamed ? `${name}Hit` : undefined),
      ),
    };
  } else {
    result = {};
  }
  return isNonNullType(type) ? result : nullable(result);
}

function objectSchema(
  components: Components,
  schema: GraphQLSchema,
  typeName: string,
  selection: SelectionSetNode | undefined,
  hit?: string,
): JsonSchema {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return { type: 'object' };
  const fields = type.getFields();
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  // A search hit says its type (`__typename`, selected beside the fragments).
  if (hit) {
    properties.__typename = { const: type.name, description: 'Which type this item is.' };
    required.push('__typename');
  }
  for (const s of selection?.selections ?? []) {
    if (s.kind !== Kind.FIELD) continue;
    const field = fields[s.name.value];
    if (!field) continue;
    properties[field.name] = {
      ...outputSchema(components, schema, field.type, s.selectionSet),
      ...(field.description ? { description: field.description } : {}),
    };
    required.push(field.name);
  }
  const names = hit
    ? [hit]
    : isLink(selection)
      ? [`${type.name}Link`]
      : [type.name, `${type.name}Brief`];
  return components.ref(names, {
    type: 'object',
    ...(type.description ? { description: type.description } : {}),
    properties,
    // Every selected field is in the answer, null where the schema allows it.
    required,
    additionalProperties: false,
  });
}

function paramSchema(type: GraphQLInputType): JsonSchema {
  const inner = getNullableType(type);
  if (isListType(inner)) return { type: 'array', items: paramSchema(inner.ofType) };
  if (isScalarType(inner)) return { ...(scalars[inner.name] ?? { type: 'string' }) };
  return enumSchema(inner) ?? { type: 'string' };
}

/**
 * The largest page a list route takes: its items' fields priced by the same cost limit as
 * any GraphQL operation, so a route whose items carry more fields takes fewer a page.
 */
function largestPage(route: RestRoute): number {
  let low = 0;
  let high = maxPageSize;
  while (low < high) {
    const first = Math.ceil((low + high) / 2);
    // A required argument (a search's words) does not change the price: any value serves.
    const required = route.params.filter((p) => p.required).map((p) => [p.variable, 'x']);
    const variables = { ...Object.fromEntries(required), first };
    const cost = operationCost(route.document, route.operationName, variables, {});
    if (cost !== undefined && cost <= costLimit) low = first;
    else high = first - 1;
  }
  return low;
}

function parameter(param: RestParam, largest: number | undefined): JsonSchema {
  const paged = largest !== undefined && (param.name === 'first' || param.name === 'last');
  return {
    name: param.name,
    in: param.in,
    required: param.in === 'path' || param.required,
    description: paged
      ? `${param.description} On this route at most ${largest}: a page is priced by the cost limit like any GraphQL operation, and its items carry every field of their record.`
      : param.description,
    schema: paged ? { type: 'integer', minimum: 1, maximum: largest } : paramSchema(param.type),
    ...(isListType(getNullableType(param.type)) ? { explode: true } : {}),
  };
}

const errorRef = { $ref: '#/components/schemas/Errors' };
const errorResponses = (codes: string[]) =>
  Object.fromEntries(
    codes.map((code) => [
      code,
      {
        description: errorDescriptions[code] ?? 'An error.',
        content: { 'application/json': { schema: errorRef } },
      },
    ]),
  );
const errorDescriptions: Record<string, string> = {
  '400': 'A parameter is missing, unknown or of the wrong type, or the page is over its limits.',
  '404': 'Nothing has that slug.',
  '429': 'Too many requests from this client: wait for `Retry-After` seconds.',
  '503': 'The data store is unavailable: try again after `Retry-After` seconds.',
};

function summaryOf(description: string): string {
  const first = description.split(/(?<=\.)\s/)[0] ?? description;
  return first.replace(/\.$/, '');
}

// A lookup field answers null for a slug that names nothing (src/schema/slug-lookup.ts); its
// route answers 404 instead, and its description says so.
const nullForUnknownSlug = /; null when none has that slug\./;

function operation(components: Components, schema: GraphQLSchema, route: RestRoute): JsonSchema {
  const root = route.document.definitions[0];
  const selection =
    root?.kind === Kind.OPERATION_DEFINITION ? root.selectionSet.selections[0] : undefined;
  const field = schema.getQueryType()?.getFields()[route.field];
  const type = field ? getNullableType(field.type) : undefined;
  const body =
    type && selection?.kind === Kind.FIELD
      ? outputSchema(components, schema, type as GraphQLOutputType, selection.selectionSet)
      : {};
  const lookup = route.pathParam !== undefined;
  const largest = lookup ? undefined : largestPage(route);
  const described = lookup
    ? route.description.replace(nullForUnknownSlug, '; 404 NOT_FOUND when none has that slug.')
    : route.description;
  return {
    operationId: route.field,
    summary: summaryOf(described),
    description: `${described}\n\nThe REST twin of \`Query.${route.field}\`.`,
    tags: [lookup ? 'Lookups' : 'Lists'],
    parameters: route.params.map((p) => parameter(p, largest)),
    responses: {
      '200': {
        description: lookup ? `The ${route.noun}.` : 'A page of the list.',
        headers: cacheHeaders,
        content: { 'application/json': { schema: body } },
      },
      '304': { description: 'Not modified: the `If-None-Match` ETag is current.' },
      ...errorResponses(lookup ? ['400', '404', '429', '503'] : ['400', '429', '503']),
    },
  };
}

const cacheHeaders = {
  ETag: {
    description: 'Changes with the data version: send it back as `If-None-Match`.',
    schema: { type: 'string' },
  },
  'x-data-version': {
    description: 'Which load of the data answered.',
    schema: { type: 'string' },
  },
};

/** The OpenAPI 3.1 document of the REST routes (and the article JSON-LD). */
export function openApiDocument(schema: GraphQLSchema, routes: readonly RestRoute[]): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  const components = new Components();
  for (const route of routes) paths[route.path] = { get: operation(components, schema, route) };
  const jsonLd = schema.getType('Article');
  const jsonLdDescription = isObjectType(jsonLd) ? jsonLd.getFields().jsonLd?.description : '';
  paths['/articles/{slug}.jsonld'] = {
    get: {
      operationId: 'articleJsonLd',
      summary: 'An article as schema.org NewsArticle JSON-LD',
      description: jsonLdDescription,
      tags: ['Linked data'],
      parameters: [
        {
          name: 'slug',
          in: 'path',
          required: true,
          description: 'A slug, as the `slug` field gives it (kebab-case).',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': {
          description: 'The JSON-LD document.',
          headers: cacheHeaders,
          content: { 'application/ld+json': { schema: { type: 'object' } } },
        },
        '304': { description: 'Not modified: the `If-None-Match` ETag is current.' },
        ...errorResponses(['400', '404', '429', '503']),
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'newsgraph REST',
      version: '1.0.0',
      summary: 'The entities of news coverage, as REST resources.',
      description:
        'The REST twin of the newsgraph GraphQL API (`/graphql`), generated from its schema: the same records, filters, cursors, page and cost limits, error codes and caching. A record nested in another is a link (`id`, `slug`) to its own route.',
    },
    servers: [{ url: '/', description: 'This deployment.' }],
    security: [],
    tags: [
      { name: 'Lookups', description: 'One record by its slug.' },
      { name: 'Lists', description: 'Pages of a list, with filters and cursors.' },
      { name: 'Linked data', description: 'schema.org JSON-LD for the open web.' },
    ],
    paths,
    components: {
      schemas: {
        ...components.schemas,
        Errors: {
          type: 'object',
          description: 'Why a request was refused: the GraphQL error shape.',
          properties: {
            errors: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  message: { type: 'string', description: 'What went wrong, in words.' },
                  extensions: {
                    type: 'object',
                    properties: {
                      code: { type: 'string', description: 'A stable code to branch on.' },
                    },
                    required: ['code'],
                  },
                },
                required: ['message', 'extensions'],
              },
            },
          },
          required: ['errors'],
        },
      },
    },
  };
}
