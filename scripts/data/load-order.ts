import { articleKeys } from '../../src/model/archive-order.ts';
import { tableNames } from '../../src/model/packed.ts';
import type { Corpus, ExcerptData, Index } from '../../src/model/types.ts';

type TableName = (typeof tableNames)[number];

/**
 * Each table's records (their compiled indexes) in the order a database numbers them on a
 * whole load: the oldest home article's first, each home's by where they first stand in it,
 * then in the order the files list them (`loaded`). None of it depends on what newer
 * articles cite, so it is also the order in which adding the articles one at a time, oldest
 * first, numbers them (d1:add gives new slugs the next free ids in this order): a database
 * loaded whole and one grown by d1:add in date order hold the same rows, and the search index
 * adds its documents in the same order (equal scores are ordered by it on both stores).
 */
export function loadOrder(
  corpus: Corpus,
  homeOf: (name: TableName, slug: string) => string | undefined,
  loaded: (name: TableName, slug: string) => number,
): Record<TableName, Index[]> {
  const keys = articleKeys(corpus.articles);
  const articleIndex = new Map(corpus.articles.map((a, i) => [a.slug, i]));
  const order = {} as Record<TableName, Index[]>;
  for (const name of tableNames) {
    const list = corpus[name] as { slug: string }[];
    const homes = list.map((r) => homeOf(name, r.slug) ?? '');
    const keyOf = homes.map((home) => keys.get(home) ?? '');
    const at = list.map((r) => loaded(name, r.slug));
    // Where a record first stands in its home article (an article stands at its start; a
    // record with no span there, an actor named only in a byline, after the rest).
    const first = list.map((r, i) => {
      const home = articleIndex.get(homes[i] as string);
      let start = name === 'articles' ? 0 : Number.MAX_SAFE_INTEGER;
      // A loop, not Math.min(...): an entity of a large archive has more spans than a call
      // takes arguments.
      for (const e of (r as { excerpts?: ExcerptData[] }).excerpts ?? []) {
        if (e.article === home && e.start < start) start = e.start;
      }
      return start;
    });
    // Article keys sort newest first: the oldest home has the greatest key.
    order[name] = list
      .map((_, i) => i)
      .sort((a, b) =>
        keyOf[a] !== keyOf[b]
          ? (keyOf[a] as string) > (keyOf[b] as string)
            ? -1
            : 1
          : (first[a] as number) - (first[b] as number) || (at[a] as number) - (at[b] as number),
      );
  }
  return order;
}
