import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import type { Store } from './model/store.ts';
import { decodeGlobalID } from './schema/global-id.ts';

export interface Context {
  request: Request;
  /** Where this request's records come from: the bundle, or D1 (src/model/source.ts). */
  store: Store;
}

interface Types {
  Context: Context;
  // Nullability is a contract decision made field by field, never a library default: Pothos 4
  // flipped its default once, and a silent flip is a breaking change for every client.
  DefaultFieldNullability: false;
  DefaultNodeNullability: false;
  DefaultEdgesNullability: { list: false; items: false };
  Connection: { totalCount: number };
  Scalars: { JSON: { Input: unknown; Output: unknown }; Date: { Input: string; Output: string } };
}

export const builder = new SchemaBuilder<Types>({
  plugins: [RelayPlugin, ComplexityPlugin],
  // Query cost: 1 a field; a list multiplies what is selected inside it by its expected
  // length (5 for the short relation lists, the page size for connections). Enforced and
  // reported per request by src/http/cost.ts.
  complexity: { defaultComplexity: 1, defaultListMultiplier: 5 },
  defaultFieldNullability: false,
  relay: {
    cursorType: 'String',
    // Records carry their type name, so resolveType needs no hidden brand on shared objects.
    brandLoadedObjects: false,
    decodeGlobalID,
    nodesOnConnection: {
      // The connection field already multiplied by the page size.
      complexity: { field: 1, multiplier: 1 },
      description: 'The nodes of this page, in order: a shortcut for `edges { node }`.',
    },
    nodeTypeOptions: {
      description: 'An object with a global ID, refetchable through `Query.node`.',
    },
    idFieldOptions: {
      description: 'An opaque global ID, stable across deploys; pass it to `Query.node`.',
    },
    pageInfoTypeOptions: { description: 'Where a page stands in its connection.' },
    hasNextPageFieldOptions: { description: 'Whether more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'The cursor of the first item on this page.' },
    endCursorFieldOptions: { description: 'The cursor of the last item on this page.' },
    cursorFieldOptions: {
      description: 'An opaque cursor for this item: pass it as `after` or `before`.',
    },
    nodeFieldOptions: { description: 'The item.' },
    edgesFieldOptions: {
      complexity: { field: 1, multiplier: 1 },
      description: 'The items of this page, each with its cursor.',
    },
    pageInfoFieldOptions: { description: 'Cursors and flags for fetching the next page.' },
    firstArgOptions: {
      description: 'Return the first N items (1 to 100; 20 when neither first nor last is set).',
    },
    lastArgOptions: { description: 'Return the last N items (1 to 100).' },
    afterArgOptions: { description: 'Return items after this cursor.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global ID; null when nothing has that ID.',
      args: { id: { description: 'A global ID, as returned by an `id` field.' } },
    },
    nodesQueryOptions: {
      complexity: (args) => ({ field: 1, multiplier: args.ids.length }),
      description: 'Fetches objects by global ID, in order; null for each ID that matches nothing.',
      args: { ids: { description: 'Global IDs, as returned by `id` fields.' } },
    },
  },
});

export type BuilderTypes = typeof builder.$inferSchemaTypes;
