import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLFormattedError,
  getOperationAST,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Context } from '../builder.ts';
import { StoreUnavailable } from '../model/store.ts';
import { clientError } from '../schema/errors.ts';
import { schema } from '../schema/index.ts';
import { costLimit, measuredCost, overLimit } from './cost.ts';
import type { Ran } from './edge.ts';
import { invalidities, oversized, parsed } from './limits.ts';
import { namedDocument } from './persisted.ts';
import { checkParams, type OperationParams, Refusal } from './request.ts';

// Every operation, whatever asked for it (a POST, a GET, a REST route, an article's JSON-LD),
// runs here, once, in the order a request needs: the document it names (persisted or sent),
// its parameters, its size, its parse, its validation and shape limits, its cost, then its
// execution; and every answer, success or error, is made here.

/** The media types an answer can take (GraphQL over HTTP). */
export type MediaType = 'application/graphql-response+json' | 'application/json';

/** An operation's answer: its result's parts, and the status and headers it goes out with. */
export interface Answer {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  extensions: Record<string, unknown>;
  status: number;
  headers?: Record<string, string>;
  /** A 200 without errors: the only answers a cache keeps. */
  succeeded: boolean;
  ran: Ran;
}

/** An answer's body, in the shape GraphQL gives a result. */
export function bodyOf(answer: Answer): string {
  const { errors, data, extensions } = answer;
  return JSON.stringify({ errors, data, extensions });
}

// Parsed documents (and parse errors) by text, and what refuses each document: a repeated
// document is parsed and validated once per isolate. Bounded like every per-isolate store: an
// attacker sending endless new documents only cycles this memory, and the bound in
// characters keeps the largest documents (16,000 each) from pinning more of the isolate's
// 128 MB than the usual few hundred characters do.
const documents = new LRUCache<string, DocumentNode | GraphQLError>({
  max: 1_000,
  maxSize: 4_000_000,
  sizeCalculation: (_document, text) => Math.max(text.length, 1),
});
const refusals = new WeakMap<DocumentNode, GraphQLError[]>();

function documentOf(text: string): DocumentNode | GraphQLError {
  let document = documents.get(text);
  if (!document) {
    document = parsed(text);
    documents.set(text, document);
  }
  return document;
}

function refusalsOf(document: DocumentNode): GraphQLError[] {
  let found = refusals.get(document);
  if (!found) {
    found = invalidities(document);
    refusals.set(document, found);
  }
  return found;
}

/** Whether an error is GraphQL's or ours all the way down, not a failure it wraps. */
function isOwn(error: unknown): boolean {
  return (
    error instanceof GraphQLError && (error.originalError == null || isOwn(error.originalError))
  );
}

/**
 * A resolver's failure that is not a client error (a bug, a broken record) is logged and
 * answered as "Unexpected error.", never with its message or stack.
 */
function masked(error: GraphQLError): GraphQLError {
  if (isOwn(error)) return error;
  console.error(error.originalError ?? error);
  return new GraphQLError('Unexpected error.', {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', unexpected: true },
  });
}

/**
 * Variables that do not coerce to their declared types fail the request before anything runs
 * (graphql-js reports them without a data key and without a code): they are bad input, and
 * say so with the stable code and status every other bad input carries.
 */
function asBadInput(error: GraphQLError): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/** An error as the body shows it: no HTTP status or headers, no internal flag. */
function shown(error: GraphQLError): GraphQLFormattedError {
  const { http: _http, unexpected: _unexpected, ...extensions } = error.extensions;
  return {
    message: error.message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    ...(Object.keys(extensions).length > 0 ? { extensions } : {}),
  };
}

interface HttpExtension {
  status?: number;
  headers?: Record<string, string>;
}

/**
 * The status GraphQL over HTTP gives a result with errors: the highest an error asks for; an
 * unexpected failure with no data, 500; anything else, 200 (the client reads `errors`). A
 * document refused before it runs (it does not parse, is invalid, breaks a shape limit) is a
 * 400 under application/graphql-response+json and a 200 under application/json.
 */
function statusOf(
  errors: readonly GraphQLError[],
  hasData: boolean,
  media: MediaType,
  beforeGraphQL: boolean,
): { status: number; headers?: Record<string, string> } {
  let status = 0;
  let headers: Record<string, string> | undefined;
  let unexpected = false;
  for (const error of errors) {
    const http = error.extensions.http as HttpExtension | undefined;
    if (http?.headers) headers = { ...headers, ...http.headers };
    if (http?.status && http.status > status) status = http.status;
    if (error.extensions.unexpected) unexpected = true;
  }
  if (beforeGraphQL) status = media === 'application/json' ? 200 : 400;
  return { status: status || (unexpected && !hasData ? 500 : 200), headers };
}

/**
 * Runs the operation a request names, for one media type, and answers it. `input` is the
 * request's parameters, or its refusal. A store fault anywhere in the operation is thrown
 * (StoreUnavailable), for the edge to answer 503: nothing is run twice.
 */
export async function runOperation(
  input: OperationParams | Refusal,
  context: Context,
  media: MediaType,
  method: string,
): Promise<Answer> {
  const ran: Ran = {};
  const extensions = (requested = 0): Record<string, unknown> => {
    // A D1 store reports how many queries it made; the bundle makes none.
    const { queries } = context.store;
    const cost = { requested, limit: costLimit };
    return queries === undefined ? { cost } : { cost, d1: { queries } };
  };
  const refused = (errors: GraphQLError[], beforeGraphQL = false, requested = 0): Answer => ({
    errors: errors.map(shown),
    extensions: extensions(requested),
    ...statusOf(errors, false, media, beforeGraphQL),
    succeeded: false,
    ran,
  });

  if (input instanceof Refusal) return refused([input.error], input.beforeGraphQL);
  const named = await namedDocument(input);
  if (named instanceof GraphQLError) return refused([named]);
  ran.documentId = named.documentId;
  const params = checkParams(input, named.query);
  if (params instanceof GraphQLError) return refused([params]);
  const large = oversized(params.query);
  if (large) return refused([large]);
  const document = documentOf(params.query);
  if (document instanceof GraphQLError) return refused([document], true);
  const operation = getOperationAST(document, params.operationName);
  if (!operation) {
    const unresolved = 'Could not determine what operation to execute.';
    return refused([clientError('OPERATION_RESOLUTION_FAILURE', unresolved)]);
  }
  if (operation.operation === 'mutation' && method === 'GET') {
    const postOnly = 'Can only perform a mutation operation from a POST request.';
    return refused([clientError('BAD_REQUEST', postOnly, 405, { allow: 'POST' })]);
  }
  const invalid = refusalsOf(document);
  if (invalid.length > 0) return refused(invalid, true);
  ran.operation = operation.name?.value;

  const cost = measuredCost(document, params.operationName, params.variables, context);
  ran.cost = cost;
  if (cost !== undefined && cost > costLimit) return refused([overLimit(cost)], false, cost);

  const executed = execute({
    schema,
    document,
    operationName: params.operationName,
    variableValues: params.variables,
    contextValue: context,
  });
  // Every bundled resolver answers synchronously (test/worker/node.test.ts holds it so), so a
  // bundled operation has no promise to wait for; a D1 store's resolvers wait.
  const result: ExecutionResult = executed instanceof Promise ? await executed : executed;
  const data = result.data as Record<string, unknown> | null | undefined;
  if (!result.errors) {
    return { data, extensions: extensions(cost), status: 200, succeeded: true, ran };
  }
  const fault = result.errors.find((error) => error.originalError instanceof StoreUnavailable);
  if (fault) throw fault.originalError;
  const hasData = 'data' in result;
  const errors = result.errors.map(hasData ? masked : asBadInput);
  return {
    errors: errors.map(shown),
    data,
    extensions: extensions(cost),
    ...statusOf(errors, hasData, media, false),
    succeeded: false,
    ran,
  };
}
