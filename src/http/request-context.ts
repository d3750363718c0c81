import type { DocumentNode } from 'graphql';
import type { Store } from '../model/store.ts';
import type { CacheOutcome } from './edge-headers.ts';

/** What the edge learns about one request as it passes through: the log line's fields. */
export interface RequestRecord {
  operation?: string;
  documentId?: string;
  /** The operation's cost, once measured. */
  cost?: number;
  cache: CacheOutcome;
  /** Whether the operation ran without errors: only such responses are cached. */
  succeeded?: boolean;
  /** The document Yoga executed: prepared for the next request, if it succeeded. */
  document?: DocumentNode;
  /** The data version the request is answered from. */
  version: string;
  /** Where its records come from (made once the request needs one). */
  store?: Store;
}

// The record travels with the Request object Yoga sees (every hook has it) rather than as
// Yoga's server context, whose per-request merging of context objects is a measurable part
// of a small request's CPU.
const records = new WeakMap<Request, RequestRecord>();

export function track(request: Request, record: RequestRecord): void {
  records.set(request, record);
}

/** The record of a request that track() saw; undefined for any other. */
export function recordOf(request: Request): RequestRecord | undefined {
  return records.get(request);
}
