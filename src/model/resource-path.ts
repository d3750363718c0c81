import type { NodeType } from './corpus.ts';

// A record's own address: the REST twin's lookup route, which names its type and slug. The
// JSON-LD names its items by it, and the routes are built to the same pattern.

/** Where the REST routes start. */
export const restBase = '/rest';

/** A GraphQL name as a path segment: `draftClause` and `DraftClause` are `draft-clause`. */
export const pathSegment = (name: string) =>
  name.replace(/[A-Z]/g, (c, i: number) => `${i > 0 ? '-' : ''}${c.toLowerCase()}`);

/** The path of the record of `type` with `slug`: `/rest/draft-clause/<slug>`. */
export function resourcePath(type: NodeType, slug: string): string {
  return `${restBase}/${pathSegment(type)}/${encodeURIComponent(slug)}`;
}
