import { type DocumentNode, type ExecutionResult, execute, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { bundledStore } from '../model/bundled.ts';
import { schema } from '../schema/index.ts';
import { costLimit, measuredCost, queriesOf } from './cost.ts';
import { type RequestRecord, recordOf } from './request-context.ts';
import { documentOf, type OperationParams } from './request-guard.ts';

/**
 * A document that Yoga has already run to a success for this media type: parsed, validated,
 * inside every document limit, with the content type Yoga negotiated for it.
 */
interface Prepared {
  document: DocumentNode;
  operationName: string | undefined;
  /** The operation's own name, for the request log. */
  name: string | undefined;
  documentId: string | undefined;
  contentType: string;
}

// Bounded like every per-isolate store: an attacker sending endless new documents only
// cycles this memory. The documents are the ones Yoga's parser cache holds already; the
// bound in characters (a document is at most 16,000, src/http/limits.ts) keeps the largest
// ones from pinning more of the isolate's 128 MB than the usual few hundred characters do.
const prepared = new LRUCache<string, Prepared>({
  max: 1_000,
  maxSize: 2_000_000,
  sizeCalculation: (_value, key) => key.length,
});

/**
 * The key of a request's prepared operation: its document, operation name and Accept. Null
 * for a request that goes through Yoga every time.
 */
export function preparedKey(params: OperationParams, accept: string | null): string | null {
  // A query sent with a hash or extensions is Yoga's to reconcile (and an APQ registration
  // Yoga's to record), every time.
  if (params.query != null && (params.extensions || params.documentId != null)) return null;
  const document = documentOf(params);
  if (document === null) return null;
  return `${accept ?? ''}\n${params.operationName ?? ''}\n${document}`;
}

/** Captures the document Yoga executes, so that a success can be prepared. */
export function usePreparation(): Plugin {
  return {
    onExecute({ args }) {
      const record = recordOf(args.contextValue.request);
      if (record) record.document = args.document;
    },
  };
}

/** Remembers what Yoga ran to a success under this key: the next such request skips Yoga. */
export function prepare(
  key: string,
  params: OperationParams,
  record: RequestRecord,
  response: Response,
): void {
  const contentType = response.headers.get('content-type');
  if (!record.succeeded || !record.document || !contentType || response.status !== 200) return;
  if (prepared.has(key)) return;
  const operationName = params.operationName ?? undefined;
  prepared.set(key, {
    document: record.document,
    operationName,
    name: getOperationAST(record.document, operationName)?.name?.value,
    documentId: record.documentId,
    contentType,
  });
}

/**
 * What a prepared operation produced: its data, the body Yoga's shape gives it (empty when
 * the caller answers with the data alone, as a REST route does), and its media type.
 */
export interface Answer {
  data: Record<string, unknown>;
  body: string;
  contentType: string;
}

/**
 * Runs a prepared operation straight through graphql-js: no request parsing, no plugin
 * pipeline, no validation (the document was validated when it was prepared). Only a success
 * is answered here; for anything else (a cost over the limit, variables that do not coerce,
 * a resolver's error) it returns null and the caller hands the request to Yoga, which
 * reports it exactly as it always does.
 */
export async function runPrepared(
  key: string,
  params: OperationParams,
  request: Request,
  record: RequestRecord,
  envelope = true,
): Promise<Answer | null> {
  const known = prepared.get(key);
  if (!known) return null;
  const context = { request, store: record.store ?? bundledStore };
  const cost = measuredCost(known.document, known.operationName, params.variables, context);
  if (cost === undefined || cost > costLimit) return null;
  const executed = execute({
    schema,
    document: known.document,
    operationName: known.operationName,
    variableValues: params.variables,
    contextValue: context,
  });
  // Every bundled resolver answers synchronously (test/worker/node.test.ts checks that a page
  // of IDs and a search do), so there is no promise to wait for; a D1 store's resolvers wait.
  const result: ExecutionResult = executed instanceof Promise ? await executed : executed;
  if (result.errors?.length) return null;
  record.operation = known.name;
  record.documentId = known.documentId;
  record.cost = cost;
  record.succeeded = true;
  const data = result.data ?? {};
  // Serialized here and at once: a body made later, from a getter, cost a page of 20
  // statements 15–30 % more CPU (npm run bench, list page of 20).
  const body = envelope
    ? JSON.stringify({
        data,
        // The shape Yoga gives a success, with the cost extension src/http/cost.ts adds.
        extensions: { cost: { requested: cost, limit: costLimit }, ...queriesOf(record) },
      })
    : '';
  return {
    data,
    body,
    contentType: known.contentType,
  };
}
