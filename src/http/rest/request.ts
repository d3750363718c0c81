import { type GraphQLInputType, getNullableType, isListType, isScalarType } from 'graphql';
import { restBase } from '../../model/resource-path.ts';
import { errorResponse } from '../edge.ts';
import type { OperationParams } from '../request.ts';
import type { ResourceOperation } from '../resource.ts';
import type { RestParam, RestRoute } from './routes.ts';

// A REST URL read as the operation its route runs: the path names the route (and the slug),
// the query string gives the arguments, each parsed as its GraphQL type expects. A value
// that does not parse is passed on as it came, so GraphQL refuses it with its own message
// and code; a parameter the route does not have is refused here, so that a misspelt
// filter fails loudly instead of being ignored (and cannot make an endless set of cache keys).

const integer = /^-?\d+$/;
const decimal = /^-?\d+(\.\d+)?(e-?\d+)?$/i;

function parsed(value: string, type: GraphQLInputType): unknown {
  const named = getNullableType(type);
  if (isScalarType(named)) {
    if (named.name === 'Int') return integer.test(value) ? Number(value) : value;
    if (named.name === 'Float') return decimal.test(value) ? Number(value) : value;
    if (named.name === 'Boolean')
      return value === 'true' ? true : value === 'false' ? false : value;
  }
  // An enum value, an ID or a string is the text as given.
  return value;
}

function variableValue(param: RestParam, values: string[]): unknown {
  const type = getNullableType(param.type);
  if (isListType(type)) {
    // `?kind=A&kind=B`, or `?kind=A,B`.
    return values.flatMap((v) => v.split(',')).map((v) => parsed(v, type.ofType));
  }
  return parsed(values[0] ?? '', param.type);
}

const badRequest = (message: string) => errorResponse(400, 'BAD_REQUEST', message);

/** A path segment as the slug it encodes, or the 400 for one that is not valid encoding. */
export function decodedSlug(encoded: string, path: string): string | Response {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return badRequest(`The slug in ${path} is not valid percent-encoding.`);
  }
}

export interface RestTable {
  /** Routes by their first path segment after `/rest/`. */
  byResource: Map<string, RestRoute>;
}

export function restTable(routes: readonly RestRoute[]): RestTable {
  return { byResource: new Map(routes.map((route) => [route.resource, route])) };
}

/** The operation a REST URL stands for, or the response that refuses it. */
export function restOperation(url: URL, table: RestTable): ResourceOperation | Response {
  const segments = url.pathname.slice(restBase.length + 1).split('/');
  const route = table.byResource.get(segments[0] ?? '');
  const expected = route?.pathParam ? 2 : 1;
  if (!route || segments.length !== expected || (route.pathParam && !segments[1])) {
    return errorResponse(
      404,
      'NOT_FOUND',
      `No REST route is ${url.pathname}; /openapi.json lists them, and /rest documents them.`,
    );
  }
  const variables: Record<string, unknown> = {};
  const filters: Record<string, Record<string, unknown>> = {};
  if (route.pathParam) {
    const slug = decodedSlug(segments[1] ?? '', url.pathname);
    if (slug instanceof Response) return slug;
    variables[route.pathParam] = slug;
  }
  for (const name of new Set(url.searchParams.keys())) {
    const param = route.queryParams.get(name);
    if (!param) {
      const known = [...route.queryParams.keys()].join(', ') || 'none';
      return badRequest(`${route.path} has no parameter \`${name}\` (it takes: ${known}).`);
    }
    const value = variableValue(param, url.searchParams.getAll(name));
    if (param.field) {
      filters[param.variable] ??= {};
      (filters[param.variable] as Record<string, unknown>)[param.field] = value;
    } else {
      variables[param.variable] = value;
    }
  }
  Object.assign(variables, filters);
  for (const param of route.queryParams.values()) {
    if (param.required && !(param.variable in variables)) {
      return badRequest(`${route.path} needs the parameter \`${param.name}\`.`);
    }
  }
  const params: OperationParams = {
    query: route.query,
    documentId: null,
    operationName: route.operationName,
    variables,
    extensions: null,
  };
  return {
    params,
    path: [route.field],
    contentType: 'application/json; charset=utf-8',
    notFound: `No ${route.noun} has the ${route.pathParam} “${String(variables[route.pathParam ?? ''])}”.`,
  };
}
