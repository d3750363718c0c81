import { articleKey } from '../../src/model/archive-order.ts';
import { tableNames } from '../../src/model/packed.ts';
import type { Corpus, Index } from '../../src/model/types.ts';

type TableName = (typeof tableNames)[number];

/**
 * Each table's records (their compiled indexes) in the order a database numbers them on a
 * whole load: the oldest home article's first, each home's in compiled order. It is the order
 * in which adding the articles one at a time, oldest first, numbers them (a new slug takes the
 * next free id), so that a database loaded whole and one grown by d1:add in date order hold
 * the same rows, and the search index adds its documents in the same order (equal scores are
 * ordered by it on both stores).
 */
export function loadOrder(
  corpus: Corpus,
  homeOf: (name: TableName, slug: string) => string | undefined,
): Record<TableName, Index[]> {
  const keys = new Map(corpus.articles.map((a) => [a.slug, articleKey(a.slug, a.publishedOn)]));
  const order = {} as Record<TableName, Index[]>;
  for (const name of tableNames) {
    const list = corpus[name] as { slug: string }[];
    const keyOf = list.map((r) => keys.get(homeOf(name, r.slug) ?? '') ?? '');
    // Article keys sort newest first: the oldest home has the greatest key.
    order[name] = list
      .map((_, i) => i)
      .sort((a, b) =>
        keyOf[a] === keyOf[b] ? a - b : (keyOf[a] as string) > (keyOf[b] as string) ? -1 : 1,
      );
  }
  return order;
}
