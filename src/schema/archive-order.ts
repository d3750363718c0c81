import type { builder } from '../builder.ts';
import { archiveOrders } from '../model/enums.ts';
import { modelEnum } from './model-enum.ts';

type InputFields = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0];

/**
 * An order of a list that spans the archive (ArticleOrder, StatementOrder): the contract names
 * one enum a list, with the same two values.
 */
export function archiveOrderEnum(name: string, items: string) {
  return modelEnum(name, archiveOrders, {
    description: `The order of ${items} across the archive.`,
    values: {
      NEWEST: `Newest article first (ties by the article's slug), then order of appearance within it: the default.`,
      OLDEST: `Oldest article first (ties by the article's slug), then order of appearance within it.`,
    },
  });
}

/** A list's `orderBy` argument, NEWEST unless asked. */
export const orderByArg = <T>(type: T) => ({
  type,
  required: false as const,
  defaultValue: 'NEWEST' as const,
  description: 'The order: newest article first (the default), or oldest first.',
});

/** A filter's bounds on the publication date; `items` names what they keep. */
export function dateBounds(t: InputFields, items: string) {
  return {
    publishedAfter: t.field({
      type: 'Date',
      required: false,
      description: `Only ${items} published on or after this day.`,
    }),
    publishedBefore: t.field({
      type: 'Date',
      required: false,
      description: `Only ${items} published on or before this day.`,
    }),
  };
}
