import type { Plugin } from 'graphql-yoga';
import { dataVersion } from '../model/corpus.ts';
import { sha256 } from './persisted.ts';
import { recordOf } from './request-context.ts';
import type { GetParams } from './request-guard.ts';

// The data changes only with a deploy, so a successful read is good until the next one:
// browsers keep it a minute, the edge a day (and serves it stale for a week while it
// revalidates). Every key and ETag carries the data version, so a deploy never serves old
// data under a new version; the Cache-Tag lets an operator purge a version explicitly.
export const cachedControl = 'public, max-age=60, s-maxage=86400, stale-while-revalidate=604800';
export const uncachedControl = 'no-store';

/** Where a GET operation's response is stored, and the strong ETag that names it. */
export interface CacheEntry {
  key: string;
  etag: string;
}

/** JSON with its object keys sorted, so that equal variables give equal keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The cache entry of a GET /graphql: the operation (a trusted documentId, an APQ hash, or the
 * query text), its name, its variables and the media type asked for, hashed together once.
 * Null when the request names no operation. Takes what guardGet admitted.
 */
export async function cacheEntry(
  url: URL,
  params: GetParams,
  accept: string | null,
): Promise<CacheEntry | null> {
  const search = url.searchParams;
  const apq = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)
    ?.sha256Hash;
  const query = search.get('query');
  const documentId = search.get('documentId')?.replace(/^sha256:/, '');
  // The kind prefix keeps a query text from ever standing for a hash.
  const document =
    (query && `q:${query}`) ||
    (documentId && `h:${documentId}`) ||
    (typeof apq === 'string' && `h:${apq}`);
  if (!document) return null;
  const hash = await sha256(
    [
      document,
      search.get('operationName') ?? '',
      canonical(params.variables),
      (accept ?? '').trim().toLowerCase(),
    ].join('\n'),
  );
  return {
    key: `https://cache.newsgraph.internal/${dataVersion}/${hash}`,
    etag: `"${dataVersion}-${hash.slice(0, 32)}"`,
  };
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

function cacheHeaders(headers: Headers, entry: CacheEntry): void {
  headers.set('cache-control', cachedControl);
  headers.set('etag', entry.etag);
  headers.set('vary', 'Accept');
  headers.set('cache-tag', `newsgraph,newsgraph-data-${dataVersion}`);
}

export function notModified(entry: CacheEntry): Response {
  const headers = new Headers();
  cacheHeaders(headers, entry);
  return new Response(null, { status: 304, headers });
}

// caches.default, the data centre's cache. Its `default` member is Workers-only, and the DOM
// declarations a dependency pulls in also declare `caches` without it, hence the cast.
export const sharedCache = () => (caches as unknown as { default: Cache }).default;

/** A stored response for this entry, if this data centre has one. */
export async function lookup(entry: CacheEntry): Promise<Response | undefined> {
  return sharedCache().match(entry.key);
}

/** A successful read's body, read once, and the headers it goes out with. */
export interface Stored {
  body: Uint8Array<ArrayBuffer>;
  headers: Headers;
}

/**
 * Marks a fresh response cacheable when it is a success (a 200 without errors) and reads its
 * body, once: this response, the Cache API's copy and the isolate's memory then share its
 * bytes instead of teeing the stream. Anything else is marked `no-store` and passed on.
 */
export async function cacheable(
  response: Response,
  entry: CacheEntry,
  succeeded: boolean,
): Promise<Stored | Response> {
  if (response.status !== 200 || !succeeded) {
    response.headers.set('cache-control', uncachedControl);
    return response;
  }
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  cacheHeaders(headers, entry);
  return { body, headers };
}

/** Stores a cacheable success in this data centre's Cache API. */
export function share(entry: CacheEntry, stored: Stored): Promise<void> {
  return sharedCache().put(entry.key, new Response(stored.body, { headers: stored.headers }));
}

// The isolate's own memory of recent successes, keyed by the request as it arrived (URL and
// Accept), in front of the Cache API: a repeated read is answered without hashing, without
// I/O, and without touching GraphQL. The body is kept encoded and the headers complete (CORS,
// x-cache, the data version), so a hit builds one Response and nothing else. Bounded in
// entries and bytes, least recently used out.
interface Remembered {
  body: Uint8Array<ArrayBuffer>;
  /** Built once: the runtime copies a Headers object faster than it reads a list of pairs. */
  headers: Headers;
  etag: string;
}
const remembered = new Map<string, Remembered>();
const memoryBudget = { entries: 1_000, bytes: 8_000_000 };
let rememberedBytes = 0;

export function memoryKey(request: Request): string {
  return `${request.url}\n${request.headers.get('accept') ?? ''}`;
}

/** A remembered response for this request, complete with its headers, or null. */
export function recall(key: string, ifNoneMatch: string | null): Response | null {
  const entry = remembered.get(key);
  if (!entry) return null;
  remembered.delete(key);
  remembered.set(key, entry); // most recently used last
  if (matchesEtag(ifNoneMatch, entry.etag)) {
    return new Response(null, { status: 304, headers: entry.headers });
  }
  return new Response(entry.body, { status: 200, headers: entry.headers });
}

/**
 * Remembers a cacheable success with the headers a hit will carry: `finalHeaders` are those
 * the Worker adds to every response.
 */
export function remember(key: string, stored: Stored, finalHeaders: [string, string][]): void {
  const etag = stored.headers.get('etag');
  if (!etag || remembered.has(key)) return;
  // No Server-Timing: a memory hit does no work worth timing, and every header a hit
  // carries is a measurable part of its cost (x-cache says where it came from).
  const headers = new Headers([
    ...[...stored.headers].filter(([name]) => name !== 'server-timing'),
    ...finalHeaders,
  ]);
  remembered.set(key, { body: stored.body, headers, etag });
  rememberedBytes += stored.body.byteLength;
  for (const [oldest, old] of remembered) {
    if (remembered.size <= memoryBudget.entries && rememberedBytes <= memoryBudget.bytes) break;
    remembered.delete(oldest);
    rememberedBytes -= old.body.byteLength;
  }
}

/** Records whether the operation succeeded, so that only successes are cached. */
export function useCacheOutcome(): Plugin {
  return {
    onResultProcess({ result, request }) {
      const record = recordOf(request);
      if (Array.isArray(result) || !record) return;
      record.succeeded = !('errors' in result && result.errors?.length);
    },
  };
}
