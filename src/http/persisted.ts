import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import documents from '#documents';
import { clientError } from '../schema/errors.ts';
import { limits } from './limits.ts';
import { recordOf } from './request-context.ts';
import { apqHash, bareHash } from './request-guard.ts';

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
// bounded, least recently used out. A client whose hash was evicted (or landed on another isolate)
// is told PERSISTED_QUERY_NOT_FOUND and registers again, as the protocol intends.
const registered = new LRUCache<string, string>({
  max: 1_000,
  maxSize: 2_000_000,
  sizeCalculation: (query) => Math.max(query.length, 1),
});

function register(hash: string, query: string): void {
  if (!registered.has(hash)) registered.set(hash, query);
}

/** A trusted document (the manifest) or an APQ registration, by hash. */
export function persistedDocument(hash: string): string | null {
  return documents[hash] ?? registered.get(hash) ?? null;
}

/** The hash a request names: a trusted `documentId`, or Apollo's APQ extension. */
export function persistedKey(params: GraphQLParams, request: Request): string | null {
  const apq = apqHash(params);
  const id =
    (params as { documentId?: unknown }).documentId ??
    // Yoga reads only the standard GET parameters; a documentId stays in the URL.
    (request.method === 'GET' ? new URL(request.url).searchParams.get('documentId') : null) ??
    apq;
  return typeof id === 'string' ? bareHash(id) : null;
}

/** Registers an APQ query under its hash, refusing a hash that is not the query's. */
function useApqRegistration(): Plugin {
  return {
    async onParams({ params }) {
      const hash = apqHash(params);
      if (hash === undefined || typeof params.query !== 'string') return;
      if (params.query.length > limits.documentCharacters) return; // refused by the parse limits
      if ((await sha256(params.query)) !== hash) {
        throw clientError(
          'PERSISTED_QUERY_HASH_MISMATCH',
          'The sha256Hash does not match the query it was sent with.',
        );
      }
      register(hash, params.query);
    },
  };
}

/**
 * Trusted documents by `documentId` and Apollo's APQ protocol (Apollo Client, urql), beside
 * arbitrary queries, which a public API keeps allowing within its limits.
 */
export function usePersistedDocuments(): Plugin[] {
  return [
    useApqRegistration(),
    usePersistedOperations({
      allowArbitraryOperations: true,
      extractPersistedOperationId: persistedKey,
      getPersistedOperation: (hash, request) => {
        // For the request log: which trusted or registered document ran.
        const record = recordOf(request);
        if (record) record.documentId = hash;
        return persistedDocument(hash);
      },
      customErrors: {
        notFound: {
          // Apollo Client and urql look for this message (and this code) to re-send the query.
          message: 'PersistedQueryNotFound',
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 404 } },
        },
        keyNotFound: {
          message: 'Send a query, or the documentId of a trusted document.',
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        },
      },
    }) as Plugin,
  ];
}
