import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type SelectionSetNode,
  specifiedRules,
  TypeMetaFieldDef,
  type ValidationContext,
  type ValidationRule,
  validate,
} from 'graphql';
import { clientError } from '../schema/errors.ts';
import { schema } from '../schema/index.ts';

/**
 * Every limit the endpoint enforces, in one place: the README's table, the tests and the
 * benchmark read them from here.
 */
export const limits = {
  /** Request body, bytes: anything larger is refused with 413 before it is read whole. */
  bodyBytes: 64 * 1024,
  /** Characters in one GraphQL document. */
  documentCharacters: 16_000,
  /** Lexical tokens in one document: bounds parse work whatever the characters. */
  documentTokens: 1_000,
  /** Selection depth, `__type` chains included (the `__schema` introspection tree is not). */
  depth: 8,
  /** How deeply list fields may nest inside one another. */
  listDepth: 3,
  /** Aliased fields per operation, `__typename` included. */
  aliases: 15,
  /** Directives per operation. */
  directives: 20,
  // Items per page (1 to 100) are checked where connections are resolved:
  // src/schema/pagination.ts (maxPageSize), the one place that number lives.
} as const;

// graphql-armor's rules report a bare "Syntax Error: …"; each limit is given its own stable
// code instead, reported through the validation context so that nothing is executed.
const reportAs =
  (code: string) =>
  (context: ValidationContext | null, error: GraphQLError): void => {
    context?.reportError(clientError(code, error.message.replace(/^Syntax Error: /, '')));
  };

/** How deeply list fields nest in a selection set, fragments expanded once each. */
function listDepth(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  type: GraphQLNamedType,
  seen: Map<FragmentDefinitionNode, number>,
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      // The introspection tree GraphiQL loads is exempt, as it is from the depth limit.
      if (name === '__schema' || !selection.selectionSet) continue;
      const field =
        name === '__type'
          ? TypeMetaFieldDef
          : isObjectType(type) || isInterfaceType(type)
            ? type.getFields()[name]
            : undefined;
      if (!field) continue;
      const fieldType = isNonNullType(field.type) ? field.type.ofType : field.type;
      const own = isListType(fieldType) ? 1 : 0;
      deepest = Math.max(
        deepest,
        own + listDepth(context, selection.selectionSet, getNamedType(field.type), seen),
      );
    } else {
      const fragment =
        selection.kind === Kind.FRAGMENT_SPREAD
          ? context.getFragment(selection.name.value)
          : selection;
      if (!fragment) continue;
      const condition = fragment.typeCondition
        ? context.getSchema().getType(fragment.typeCondition.name.value)
        : type;
      if (!condition || !isCompositeType(condition)) continue;
      if (fragment.kind === Kind.FRAGMENT_DEFINITION) {
        // Memoised, and cut at a cycle (which validation reports on its own).
        const known = seen.get(fragment);
        if (known !== undefined) {
          deepest = Math.max(deepest, known);
          continue;
        }
        seen.set(fragment, 0);
        const depth = listDepth(context, fragment.selectionSet, condition, seen);
        seen.set(fragment, depth);
        deepest = Math.max(deepest, depth);
      } else {
        deepest = Math.max(deepest, listDepth(context, fragment.selectionSet, condition, seen));
      }
    }
  }
  return deepest;
}

const listDepthRule: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    const root = context.getSchema().getRootType(operation.operation);
    if (!root) return;
    const depth = listDepth(context, operation.selectionSet, root, new Map());
    if (depth > limits.listDepth) {
      context.reportError(
        clientError(
          'DEPTH_LIMIT_EXCEEDED',
          `Lists may nest at most ${limits.listDepth} deep; this operation nests ${depth}.`,
        ),
      );
    }
  },
});

const rules: readonly ValidationRule[] = [
  ...specifiedRules,
  maxDepthRule({
    n: limits.depth,
    flattenFragments: true,
    propagateOnRejection: false,
    onReject: [reportAs('DEPTH_LIMIT_EXCEEDED')],
  }),
  maxAliasesRule({
    n: limits.aliases,
    allowList: [],
    propagateOnRejection: false,
    onReject: [reportAs('ALIAS_LIMIT_EXCEEDED')],
  }),
  maxDirectivesRule({
    n: limits.directives,
    propagateOnRejection: false,
    onReject: [reportAs('DIRECTIVE_LIMIT_EXCEEDED')],
  }),
  listDepthRule,
];

/** A document over the size limit, refused before it is parsed; null for any other. */
export function oversized(text: string): GraphQLError | null {
  if (text.length <= limits.documentCharacters) return null;
  return clientError(
    'DOCUMENT_TOO_LARGE',
    `A document may have at most ${limits.documentCharacters} characters; this one has ${text.length}.`,
  );
}

/** A document parsed within the token limit, or the error that refuses it. */
export function parsed(text: string): DocumentNode | GraphQLError {
  try {
    return parse(text, { maxTokens: limits.documentTokens });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    if (error.message.includes('tokens. Parsing aborted')) {
      return clientError(
        'TOKEN_LIMIT_EXCEEDED',
        `A document may have at most ${limits.documentTokens} tokens.`,
      );
    }
    return new GraphQLError(error.message, {
      source: error.source,
      positions: error.positions,
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  }
}

/**
 * The errors that refuse a document: GraphQL's validation and each shape limit, each with its
 * stable code. "Did you mean …?" is cut from their messages: it would make a message change
 * with every schema change.
 */
export function invalidities(document: DocumentNode): GraphQLError[] {
  return validate(schema, document, rules).map((error) => {
    const code = error.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED';
    return new GraphQLError(error.message.replace(/Did you mean ".+"\?/g, '').trim(), {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      extensions: { ...error.extensions, code },
    });
  });
}
