import { buildOperationNodeForField } from '@graphql-tools/utils';
import {
  type DocumentNode,
  type FieldNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  OperationTypeNode,
  print,
  type SelectionSetNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { pathSegment, restBase } from '../../model/resource-path.ts';

// The REST twin's routes, generated from the schema on an isolate's first REST request (and
// by `npm run schema` for the OpenAPI document): one GET a root
// field, its path from the field's name (sofa-api's convention: `draftClauses` is
// `/rest/draft-clauses`, a lookup by slug takes it in the path), and the operation it runs
// built by @graphql-tools' `buildOperationNodeForField`, the generator sofa-api runs on.
// Three rules shape a resource for REST: a record nested in another is a link (its `id` and
// `slug`, the way to its own route); a paged relation nested in a record is left to the
// list routes and their filters (and the article's JSON-LD to its own URL); and a page lists
// its items once, as `edges`.

/** One query parameter (or the path's one), and where its value goes in the variables. */
export interface RestParam {
  name: string;
  in: 'path' | 'query';
  /** The variable it sets, and the input field inside it for a flattened filter. */
  variable: string;
  field?: string;
  type: GraphQLInputType;
  required: boolean;
  description: string;
}

export interface RestRoute {
  /** The root field it answers with. */
  field: string;
  /** `/rest/actor/{slug}`, OpenAPI's spelling. */
  path: string;
  /** The path's first segment after `/rest/` (`draft-clauses`). */
  resource: string;
  /** The path's parameter after it (`slug`): a lookup, naming one record; else a page. */
  pathParam?: string;
  /** What a lookup names, in words (`draft clause`). */
  noun: string;
  params: RestParam[];
  queryParams: Map<string, RestParam>;
  query: string;
  operationName: string;
  description: string;
  document: DocumentNode;
}

// Addressed by slug in REST; a global ID is GraphQL's way in.
const skipped = new Set(['node', 'nodes']);

function nodeTypes(schema: GraphQLSchema): string[] {
  const node = schema.getType('Node');
  if (!isInterfaceType(node)) return [];
  return schema.getImplementations(node).objects.map((type) => type.name);
}

/** The record type a root field gives, or its page's items; none for a page of several. */
function itemType(field: GraphQLField<unknown, unknown>): string | undefined {
  let named = getNamedType(field.type);
  const edges = isObjectType(named) ? named.getFields().edges : undefined;
  const edge = edges && getNamedType(edges.type);
  const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
  if (node) named = getNamedType(node.type);
  return isAbstractType(named) ? undefined : named.name;
}

/** A selection of `id` alone (the generator's link to a record) with its `slug` too. */
function withSlug(selection: SelectionSetNode): SelectionSetNode {
  const only = selection.selections[0];
  if (selection.selections.length !== 1 || only?.kind !== Kind.FIELD || only.name.value !== 'id') {
    return selection;
  }
  return link;
}

const link: SelectionSetNode = {
  kind: Kind.SELECTION_SET,
  selections: ['id', 'slug'].map((name) => ({
    kind: Kind.FIELD,
    name: { kind: Kind.NAME, value: name },
  })),
};

const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/** The generated operation, shaped for REST by the three rules above. */
function shaped(schema: GraphQLSchema, document: DocumentNode, records: Set<string>): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  const path: string[] = [];
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const definition = typeInfo.getFieldDef();
          const item = path.length === 2 && path[1] === 'edges' && node.name.value === 'node';
          if (path.length > 0 && definition && !item) {
            // A page of a relation has the list routes; JSON-LD has its own URL.
            if (definition.args.length > 0 || getNamedType(definition.type).name === 'JSON') {
              return null;
            }
            const type = getNamedType(definition.type);
            // An item of a page is its record in brief: the lists of spans and stances
            // nested in it are its own route's, which keeps a full page within the cost limit.
            const inItem = path[1] === 'edges' && path[2] === 'node';
            const listed = isListType(getNullableType(definition.type));
            if (inItem && listed && !records.has(type.name) && isObjectType(type)) return null;
            if (records.has(type.name)) {
              path.push(node.name.value);
              return { ...node, selectionSet: link };
            }
          }
          path.push(node.name.value);
          return undefined;
        },
        leave() {
          path.pop();
        },
      },
      // A hit of several types (a search's) is a link to its record's route, with its type;
      // each type in full would price a page of 20 over the cost limit.
      InlineFragment(node) {
        return { ...node, selectionSet: withSlug(node.selectionSet) };
      },
      SelectionSet: {
        leave(node) {
          if (node.selections.some((s) => s.kind === Kind.INLINE_FRAGMENT)) {
            return { ...node, selections: [typename, ...node.selections] };
          }
          const fields = node.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
          if (!fields.some((f) => f.name.value === 'edges')) return undefined;
          return {
            ...node,
            selections: node.selections.filter(
              (s) => !(s.kind === Kind.FIELD && s.name.value === 'nodes'),
            ),
          };
        },
      },
    }),
  );
}

function paramsOf(field: GraphQLField<unknown, unknown>, pathParam: string | null): RestParam[] {
  const params: RestParam[] = [];
  for (const arg of field.args as readonly GraphQLArgument[]) {
    const named = getNamedType(arg.type);
    if (isInputObjectType(named) && !isListType(arg.type)) {
      // A filter's fields are the list's own query parameters: `?speaker=…&kind=…`.
      for (const inner of Object.values(named.getFields())) {
        params.push({
          name: inner.name,
          in: 'query',
          variable: arg.name,
          field: inner.name,
          type: inner.type,
          required: false,
          description: inner.description ?? '',
        });
      }
      continue;
    }
    params.push({
      name: arg.name,
      in: arg.name === pathParam ? 'path' : 'query',
      variable: arg.name,
      type: arg.type,
      required: isNonNullType(arg.type),
      description: arg.description ?? '',
    });
  }
  return params;
}

/**
 * The hits of a search are of several types, and GraphQL refuses one response key with two
 * types (`kind` is an ActorKind on an actor, a StatementKind on a statement): such fields are
 * left to each hit's own route.
 */
function withoutConflicts(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  const typesByName = new Map<string, Set<string>>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      InlineFragment(node) {
        const type = typeInfo.getType();
        if (!isObjectType(type)) return;
        for (const s of node.selectionSet.selections) {
          const field = s.kind === Kind.FIELD ? type.getFields()[s.name.value] : undefined;
          if (!field) continue;
          const types = typesByName.get(field.name) ?? new Set();
          types.add(String(field.type));
          typesByName.set(field.name, types);
        }
      },
    }),
  );
  const conflicting = new Set(
    [...typesByName].filter(([, types]) => types.size > 1).map(([name]) => name),
  );
  return visit(document, {
    InlineFragment(node) {
      const selections = node.selectionSet.selections.filter(
        (s) => !(s.kind === Kind.FIELD && conflicting.has(s.name.value)),
      );
      return { ...node, selectionSet: { ...node.selectionSet, selections } };
    },
  });
}

/** Every REST route of a schema, in the order of its root fields. */
export function restRoutes(schema: GraphQLSchema): RestRoute[] {
  const query = schema.getQueryType();
  if (!query) return [];
  const models = nodeTypes(schema);
  const records = new Set(models);
  const routes: RestRoute[] = [];
  for (const field of Object.values(query.getFields())) {
    if (skipped.has(field.name)) continue;
    const own = itemType(field);
    const pathParam = field.args.find((a) => a.name === 'slug' && isNonNullType(a.type))?.name;
    const params = paramsOf(field, pathParam ?? null);
    const names = params.map((p) => p.name);
    if (new Set(names).size !== names.length) {
      throw new Error(`Query.${field.name}: a filter field and an argument share a name.`);
    }
    const generated = buildOperationNodeForField({
      schema,
      kind: OperationTypeNode.QUERY,
      field: field.name,
      // The route's own records in full, every other record as a link.
      models: models.filter((m) => m !== own),
      ignore: [],
      circularReferenceDepth: 1,
      argNames: field.args.map((a) => a.name),
    });
    const document = withoutConflicts(
      schema,
      shaped(schema, { kind: Kind.DOCUMENT, definitions: [generated] }, records),
    );
    const path = `${restBase}/${pathSegment(field.name)}${pathParam ? `/{${pathParam}}` : ''}`;
    routes.push({
      field: field.name,
      path,
      resource: pathSegment(field.name),
      ...(pathParam ? { pathParam } : {}),
      noun: pathSegment(field.name).replaceAll('-', ' '),
      params,
      queryParams: new Map(params.filter((p) => p.in === 'query').map((p) => [p.name, p])),
      query: print(document),
      operationName: generated.name?.value ?? field.name,
      description: field.description ?? '',
      document,
    });
  }
  return routes;
}
