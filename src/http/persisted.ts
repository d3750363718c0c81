import type { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import documents from '#documents';
import { clientError } from '../schema/errors.ts';
import { limits } from './limits.ts';
import { apqHash, bareHash, type OperationParams } from './request.ts';

// Trusted documents by `documentId` (the manifest of the operations the front ends ship) and
// Apollo's automatic persisted queries (Apollo Client, urql), beside arbitrary queries, which
// a public API keeps allowing within its limits.

const hex = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
const encoder = new TextEncoder();

/** sha256 of a text, as lower-case hex: the hash APQ clients and the manifest use. */
export async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  let out = '';
  for (const byte of digest) out += hex[byte];
  return out;
}

// Operations registered through Apollo's automatic persisted queries live in the isolate:
// bounded, least recently used out. A client whose hash was evicted (or landed on another
// isolate) is told PERSISTED_QUERY_NOT_FOUND and registers again, as the protocol intends.
const registered = new LRUCache<string, string>({
  max: 1_000,
  maxSize: 2_000_000,
  sizeCalculation: (query) => Math.max(query.length, 1),
});

/** A request's document: its text, and the hash it was named by, if it was. */
export interface Named {
  query: unknown;
  documentId?: string;
}

/**
 * The document a request runs: the query it sent (registered under its APQ hash when it
 * came with one), or the persisted document its `documentId` or APQ hash names. The error
 * says why there is none: no query and no hash, an unknown hash (which Apollo Client and urql
 * answer by sending the query), or a hash that is not its query's.
 */
export async function namedDocument(params: OperationParams): Promise<Named | GraphQLError> {
  const { query } = params;
  const apq = apqHash(params);
  // Longer than a document may be: refused by the limits, never registered.
  if (apq !== undefined && typeof query === 'string' && query.length <= limits.documentCharacters) {
    if ((await sha256(query)) !== apq) {
      return clientError(
        'PERSISTED_QUERY_HASH_MISMATCH',
        'The sha256Hash does not match the query it was sent with.',
      );
    }
    if (!registered.has(apq)) registered.set(apq, query);
  }
  // Both would leave which document runs to the server's choice: the client says one.
  if (query && typeof params.documentId === 'string') {
    return clientError('BAD_REQUEST', 'Send a query or a documentId, not both.');
  }
  if (query) return { query };
  const id = params.documentId ?? apq;
  if (typeof id !== 'string') {
    return clientError('BAD_REQUEST', 'Send a query, or the documentId of a trusted document.');
  }
  const hash = bareHash(id);
  const persisted = documents[hash] ?? registered.get(hash);
  // Apollo Client and urql look for this message (and this code) to re-send the query.
  if (persisted === undefined)
    return clientError('PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound', 404);
  return { query: persisted, documentId: hash };
}
