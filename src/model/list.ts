import type { Index } from './types.ts';

/**
 * A list in default order that is only materialised a page at a time: a whole collection,
 * or the indexes a filter selected. Paging a view costs the page, not the list.
 */
export interface ListView<T> {
  readonly length: number;
  slice(start: number, end: number): T[];
}

export function wholeList<T>(items: readonly T[]): ListView<T> {
  return { length: items.length, slice: (start, end) => items.slice(start, end) };
}

export function indexedList<T>(items: readonly T[], indexes: readonly Index[]): ListView<T> {
  return {
    length: indexes.length,
    slice: (start, end) => indexes.slice(start, end).map((i) => items[i] as T),
  };
}

/** Sorted union of ascending index lists. */
export function union(lists: readonly (readonly Index[])[]): Index[] {
  if (lists.length === 1) return lists[0] as Index[];
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/** Ascending intersection of ascending index lists, walking the shortest. */
export function intersect(lists: readonly (readonly Index[])[]): Index[] {
  const [shortest, ...rest] = [...lists].sort((a, b) => a.length - b.length);
  if (!shortest) return [];
  const sets = rest.map((l) => new Set(l));
  return shortest.filter((i) => sets.every((s) => s.has(i)));
}
