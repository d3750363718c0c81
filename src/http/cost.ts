import { complexityFromQuery } from '@pothos/plugin-complexity';
import { type DocumentNode, getOperationAST, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { clientError } from '../schema/errors.ts';
import { schema } from '../schema/index.ts';
import { recordOf } from './request-context.ts';

/**
 * The most an operation may cost: about three times the costliest example operation the
 * playground ships (test/worker/cost.test.ts keeps the two in step), so that every real
 * front-end query passes with room to grow and a scraper cannot ask for everything at once.
 */
export const costLimit = 2_300;

// Costs by document (the parser cache hands back the same object for the same text), then by
// operation name and variables: a repeated operation is measured once per isolate.
const measured = new WeakMap<DocumentNode, Map<string, number | undefined>>();

/** operationCost, remembered per document, operation and variables. */
function cachedCost(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  context: object,
): number | undefined {
  let byRequest = measured.get(document);
  if (!byRequest) {
    byRequest = new Map();
    measured.set(document, byRequest);
  }
  const key = `${operationName ?? ''}\n${variables ? JSON.stringify(variables) : ''}`;
  if (byRequest.has(key)) return byRequest.get(key);
  const cost = operationCost(document, operationName, variables, context);
  // Bounded: an attacker varying variables must not grow memory without end.
  if (byRequest.size < 256) byRequest.set(key, cost);
  return cost;
}

/** The cost of the operation a request selects, or undefined when it cannot be measured. */
export function operationCost(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  context: object,
): number | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  // complexityFromQuery measures the first operation of a document: hand it the one selected.
  const selected: DocumentNode = {
    ...document,
    definitions: [
      operation,
      ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION),
    ],
  };
  try {
    return complexityFromQuery(selected, { schema, ctx: context, variables: variables ?? {} })
      .complexity;
  } catch {
    // Variables that do not coerce: execution reports them with their own error.
    return undefined;
  }
}

/**
 * Measures each operation before it runs, refuses one over the limit with
 * COST_LIMIT_EXCEEDED, and reports `extensions.cost { requested, limit }` on every response.
 */
export function useCostLimit(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue;
      const requested = cachedCost(
        args.document,
        args.operationName,
        args.variableValues as Record<string, unknown> | undefined,
        context,
      );
      const record = recordOf(context.request);
      if (record) {
        record.cost = requested;
        record.operation =
          getOperationAST(args.document, args.operationName)?.name?.value ?? undefined;
      }
      if (requested !== undefined && requested > costLimit) {
        setResultAndStopExecution({
          errors: [
            clientError(
              'COST_LIMIT_EXCEEDED',
              `This operation would cost ${requested}, over the limit of ${costLimit}. Ask for smaller pages or fewer nested lists.`,
            ),
          ],
        });
      }
    },
    onResultProcess({ result, setResult, request }) {
      if (Array.isArray(result) || !('data' in result || 'errors' in result)) return;
      const cost = { requested: recordOf(request)?.cost ?? 0, limit: costLimit };
      setResult({ ...result, extensions: { ...result.extensions, cost } });
    },
  };
}
