import { builder } from '../builder.ts';

/**
 * An order of a list that spans the archive (ArticleOrder, StatementOrder): the contract names
 * one enum a list, with the same two values.
 */
export function archiveOrderEnum(name: string, items: string) {
  return builder.enumType(name, {
    description: `The order of ${items} across the archive.`,
    values: {
      NEWEST: {
        description: `Newest article first (ties by the article's slug), then order of appearance within it: the default.`,
      },
      OLDEST: {
        description: `Oldest article first (ties by the article's slug), then order of appearance within it.`,
      },
    } as const,
  });
}

/** The date bounds of a filter, as the archive's lists take them. */
export const dateBoundFields = {
  publishedAfter: 'Only those published on or after this day.',
  publishedBefore: 'Only those published on or before this day.',
} as const;
