import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import {
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
  TypeMetaFieldDef,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin, YogaServerOptions } from 'graphql-yoga';
import { clientError } from '../schema/errors.ts';
import { limits } from './limits.ts';

function refuse(code: string, message: string): GraphQLError {
  return clientError(code, message);
}

// graphql-armor's rules report a bare "Syntax Error: …"; each limit is given its own stable
// code instead, reported through the validation context so that nothing is executed.
const reportAs =
  (code: string) =>
  (context: ValidationContext | null, error: GraphQLError): void => {
    context?.reportError(refuse(code, error.message.replace(/^Syntax Error: /, '')));
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
        refuse(
          'DEPTH_LIMIT_EXCEEDED',
          `Lists may nest at most ${limits.listDepth} deep; this operation nests ${depth}.`,
        ),
      );
    }
  },
});

/** Refuses oversized documents before parsing and caps the parser's token count. */
function useParseLimits(): Plugin {
  return {
    onParse({ params, setParseFn }) {
      const source = typeof params.source === 'string' ? params.source : params.source.body;
      if (source.length > limits.documentCharacters) {
        throw refuse(
          'DOCUMENT_TOO_LARGE',
          `A document may have at most ${limits.documentCharacters} characters; this one has ${source.length}.`,
        );
      }
      setParseFn((document, options) => {
        try {
          return parse(document, { ...options, maxTokens: limits.documentTokens });
        } catch (error) {
          if (error instanceof GraphQLError && error.message.includes('tokens. Parsing aborted')) {
            throw refuse(
              'TOKEN_LIMIT_EXCEEDED',
              `A document may have at most ${limits.documentTokens} tokens.`,
            );
          }
          throw error;
        }
      });
    },
  };
}

/** The shape limits of a document, each refused with its own code before execution. */
export function useDocumentLimits(): NonNullable<YogaServerOptions<object, object>['plugins']> {
  return [
    useParseLimits(),
    maxDepthPlugin({
      n: limits.depth,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [reportAs('DEPTH_LIMIT_EXCEEDED')],
    }),
    maxAliasesPlugin({
      n: limits.aliases,
      allowList: [],
      propagateOnRejection: false,
      onReject: [reportAs('ALIAS_LIMIT_EXCEEDED')],
    }),
    maxDirectivesPlugin({
      n: limits.directives,
      propagateOnRejection: false,
      onReject: [reportAs('DIRECTIVE_LIMIT_EXCEEDED')],
    }),
    {
      onValidate({ addValidationRule }) {
        addValidationRule(listDepthRule);
      },
    },
    // "Did you mean ...?" would map a private schema for an attacker; ours is public, but the
    // hint also makes error messages unstable across schema changes.
    blockFieldSuggestionsPlugin({ mask: '' }),
  ];
}
