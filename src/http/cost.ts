import { complexityFromQuery } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  type GraphQLError,
  getOperationAST,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { clientError } from '../schema/errors.ts';
import { schema } from '../schema/index.ts';

/**
 * The most an operation may cost: about three times the costliest example operation the
 * playground ships (test/worker/protection.test.ts keeps the two in step), so that every real
 * front-end query passes with room to grow and a scraper cannot ask for everything at once.
 */
export const costLimit = 2_300;

interface Measured {
  /** The variables the cost can depend on, by name, sorted. */
  inputs: string[];
  /** Costs by operation name and the values of those variables. */
  costs: Map<string, number>;
}

// Costs by document (the parser cache hands back the same object for the same text), then by
// operation name and the values of the variables the cost depends on: a repeated operation
// is measured once per isolate, and so is an entity detail asked for many slugs.
const measured = new WeakMap<DocumentNode, Measured>();

/**
 * The variables inside the arguments of fields whose cost is computed from their arguments
 * (a connection's page size, the ids of `nodes`): no other variable can change the cost.
 */
function costInputs(document: DocumentNode): string[] {
  const names = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(field) {
        if (typeof typeInfo.getFieldDef()?.extensions?.complexity !== 'function') return;
        for (const argument of field.arguments ?? []) {
          visit(argument, { Variable: (variable) => void names.add(variable.name.value) });
        }
      },
    }),
  );
  return [...names].sort();
}

/** operationCost, remembered per document, operation and the variables that price it. */
export function measuredCost(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  context: object,
): number | undefined {
  let known = measured.get(document);
  if (!known) {
    known = { inputs: costInputs(document), costs: new Map() };
    measured.set(document, known);
  }
  const key = `${operationName ?? ''}\n${JSON.stringify(known.inputs.map((n) => variables?.[n]))}`;
  const remembered = known.costs.get(key);
  if (remembered !== undefined) return remembered;
  const cost = operationCost(document, operationName, variables, context);
  // Only a measured cost is kept: variables that do not coerce say nothing about the next
  // request's. Bounded: an attacker varying page sizes must not grow memory without end.
  if (cost !== undefined && known.costs.size < 256) known.costs.set(key, cost);
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

/** What refuses an operation over the limit, before it runs: both numbers, and what to do. */
export function overLimit(requested: number): GraphQLError {
  return clientError(
    'COST_LIMIT_EXCEEDED',
    `This operation would cost ${requested}, over the limit of ${costLimit}. Ask for smaller pages or fewer nested lists.`,
  );
}
