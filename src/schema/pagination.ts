import { decodeBase64 } from '@pothos/core';
import { offsetForArgs } from '@pothos/plugin-relay';
import type { ListView } from '../model/list.ts';
import type { AnyList, LazyList } from '../model/store.ts';
import { base64 } from './base64.ts';
import { badUserInput } from './errors.ts';

export const maxPageSize = 100;
export const defaultPageSize = 20;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * The cost multiplier of a connection field: the page size it asks for. A size outside 1–100
 * costs nothing here, so that it is refused for what it is (BAD_USER_INPUT) when it runs.
 */
export function pageCost(args: ConnectionArgs): { field: number; multiplier: number } {
  const size = args.first ?? args.last ?? defaultPageSize;
  return { field: 1, multiplier: size >= 1 && size <= maxPageSize ? size : 0 };
}

const cursorPattern = /^OffsetConnection:(0|[1-9]\d{0,8})$/;

function checkCursor(name: string, cursor: string | null | undefined): void {
  if (cursor == null) return;
  let decoded = '';
  try {
    decoded = decodeBase64(cursor);
  } catch {
    // Reported below with the other malformed cursors.
  }
  if (!cursorPattern.test(decoded)) {
    throw badUserInput(`\`${name}\` is not a cursor from this API: "${cursor.slice(0, 64)}".`);
  }
}

function checkSize(name: string, size: number | null | undefined): void {
  if (size == null) return;
  if (size < 1 || size > maxPageSize) {
    throw badUserInput(`\`${name}\` must be between 1 and ${maxPageSize}; got ${size}.`);
  }
}

const cursorAt = (offset: number) => base64(`OffsetConnection:${offset}`);

/**
 * An edge whose cursor is encoded only if it is asked for: most pages are read through
 * `nodes`, and an edge's cursor is rarely selected beside `pageInfo`'s.
 */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly offset: number,
  ) {}
  get cursor(): string {
    return cursorAt(this.offset);
  }
}

/** A page as a connection: its edges from `offset`, the flags from the list's length. */
function pageOf<T>(nodes: T[], offset: number, totalCount: number, hasPreviousPage: boolean) {
  return {
    totalCount,
    edges: nodes.map((node, i) => new Edge(node, offset + i)),
    pageInfo: {
      // Relay's connection spec: a page with no edges has no cursors.
      startCursor: nodes.length > 0 ? cursorAt(offset) : null,
      endCursor: nodes.length > 0 ? cursorAt(offset + nodes.length - 1) : null,
      hasPreviousPage,
      hasNextPage: offset + nodes.length < totalCount,
    },
  };
}

export type Connection<T> = ReturnType<typeof pageOf<T>>;

const windowOf = (args: ConnectionArgs, totalCount: number | undefined) =>
  offsetForArgs({ args, totalCount, defaultSize: defaultPageSize, maxSize: maxPageSize });

/**
 * A database's page. Its length comes with the page, so the window is first worked out as if
 * the list were endless; when the page shows the list ended before the window did, the window
 * is worked out again from the true length (the page the bundle would give), which only for
 * a `before` past the end moves its start and costs a second query. A `last` with no
 * `before` counts from the end, so it asks for the length first.
 */
async function lazyConnection<T>(args: ConnectionArgs, list: LazyList<T>): Promise<Connection<T>> {
  const known = args.last != null && args.before == null ? await list.count() : undefined;
  let window = windowOf(args, known);
  let page = await list.page(window.offset, window.expectedSize);
  if (known === undefined && window.offset + window.expectedSize > page.total) {
    const exact = windowOf(args, page.total);
    if (exact.offset !== window.offset) page = await list.page(exact.offset, exact.expectedSize);
    else page = { items: page.items.slice(0, exact.expectedSize), total: page.total };
    window = exact;
  }
  return pageOf(page.items, window.offset, page.total, window.hasPreviousPage);
}

/**
 * One page of a list, as a Relay connection. Page sizes outside 1–100 and foreign cursors
 * are refused with BAD_USER_INPUT; Pothos alone would clamp the size silently, and a client
 * asking for 500 items deserves to learn that it got 100. The page is Pothos's
 * (`offsetForArgs`), and so are its cursors (`base64("OffsetConnection:<n>")`); the edges
 * are this module's, so that a page read through `nodes` encodes no cursor per item. A
 * bundled list answers synchronously; a database's list with a promise.
 */
export function connection<T>(args: ConnectionArgs, list: ListView<T>): Connection<T>;
export function connection<T>(
  args: ConnectionArgs,
  list: AnyList<T>,
): Connection<T> | Promise<Connection<T>>;
export function connection<T>(args: ConnectionArgs, list: AnyList<T>) {
  checkSize('first', args.first);
  checkSize('last', args.last);
  checkCursor('after', args.after);
  checkCursor('before', args.before);
  if (!('slice' in list)) return lazyConnection(args, list);
  const { offset, expectedSize, hasPreviousPage } = windowOf(args, list.length);
  return pageOf(list.slice(offset, offset + expectedSize), offset, list.length, hasPreviousPage);
}
