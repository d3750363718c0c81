import { LRUCache } from 'lru-cache';
import { type Exchange, edgeHeaders, rateLimited } from './edge.ts';

// The data changes only with a deploy, so a successful read is good until the next one:
// browsers keep it a minute, the edge a day (and serves it stale for a week while it
// revalidates). Every key and ETag carries the data version, so a deploy never serves old
// data under a new version; the Cache-Tag lets an operator purge a version explicitly.
export const cachedControl = 'public, max-age=60, s-maxage=86400, stale-while-revalidate=604800';
export const uncachedControl = 'no-store';

const encoder = new TextEncoder();

/**
 * Where a read is kept in caches.default: its data version and a hash of what names it. The
 * storage is shared by every isolate of the data centre, so the hash is sha256: no request
 * can be made to collide with another's entry.
 */
export async function sharedKey(name: string, version: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(name)));
  const hash = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `https://cache.newsgraph.internal/${version}/${hash}`;
}

/**
 * The strong ETag of a GET's successful response: the data version, and a hash of the URL
 * and Accept. An ETag only tells representations of one resource apart (RFC 9110, 8.8.3),
 * and a client sends it back only for the URL it came with, so a 53-bit non-cryptographic
 * hash is enough, and costs a fraction of a digest.
 */
function etagOf(memoryKey: string, version: string): string {
  return `"${version}-${cyrb53(memoryKey).toString(36)}"`;
}

// cyrb53 (bryc, public domain): a fast string hash with good 53-bit dispersion.
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks). */
function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/** A successful read's body, read once, its media type and its ETag. */
export interface Stored {
  body: Uint8Array;
  contentType: string;
  etag: string;
  /** The data version it was read from. */
  version: string;
}

const cacheTag = (version: string) => `newsgraph,newsgraph-data-${version}`;

/** What a 304 carries: the validators and caching rules of the response it stands for. */
function validatorHeaders(etag: string, version: string): [string, string][] {
  return [
    ['cache-control', cachedControl],
    ['etag', etag],
    ['vary', 'Accept'],
    ['cache-tag', cacheTag(version)],
  ];
}

// The headers of stored reads, one set a media type and outcome, built once: a response
// copies a Headers object faster than it reads a list of pairs, and only the ETag differs
// from one read to the next.
const headerTemplates = new Map<string, Headers>();

/** Every header a stored read goes out with, as a hit (complete) or as a miss. */
function storedHeaders(stored: Stored, cache: 'HIT' | 'MISS'): Headers {
  const name = `${cache}\n${stored.version}\n${stored.contentType}`;
  let template = headerTemplates.get(name);
  if (!template) {
    template = new Headers([
      ['content-type', stored.contentType],
      ...validatorHeaders('', stored.version),
      // A miss gets the edge headers on its way out, like every executed response.
      ...(cache === 'HIT' ? edgeHeaders('HIT', stored.version) : []),
    ]);
    // A database's version changes without a deploy: the templates of older ones go.
    if (headerTemplates.size >= 16) headerTemplates.clear();
    headerTemplates.set(name, template);
  }
  const headers = new Headers(template);
  headers.set('etag', stored.etag);
  return headers;
}

function notModified(etag: string, version: string): Response {
  return new Response(null, { status: 304, headers: validatorHeaders(etag, version) });
}

// caches.default, the data centre's cache. Its `default` member is Workers-only, and the DOM
// declarations a dependency pulls in also declare `caches` without it, hence the cast.
export const sharedCache = () => (caches as unknown as { default: Cache }).default;

/** Stores a cacheable success in this data centre's Cache API. */
function share(key: string, stored: Stored): Promise<void> {
  return sharedCache().put(
    key,
    new Response(stored.body, { headers: storedHeaders(stored, 'HIT') }),
  );
}

// The isolate's own memory of recent successes, keyed by the request as it arrived (URL and
// Accept), in front of the Cache API: a repeated read is answered without hashing, without
// I/O, and without touching GraphQL. The body is kept encoded, and the complete headers of a
// hit (CORS, x-cache, the data version) are built on its first hit, so that an entry that is
// never asked for again costs nothing more, and every later hit builds one Response and
// nothing else. Bounded in entries and bytes, least recently used out.
interface Remembered extends Stored {
  headers?: Headers;
}
const remembered = new LRUCache<string, Remembered>({
  max: 1_000,
  maxSize: 8_000_000,
  sizeCalculation: (entry) => Math.max(entry.body.byteLength, 1),
});

function memoryKey(request: Request): string {
  return `${request.url}\n${request.headers.get('accept') ?? ''}`;
}

/** A remembered response for this GET, complete with its headers, or null. */
export function recall(request: Request, version: string): Response | null {
  const entry = remembered.get(memoryKey(request));
  // An answer from another data version is no answer: a load has landed since.
  if (!entry || entry.version !== version) return null;
  entry.headers ??= storedHeaders(entry, 'HIT');
  // Read only once there is an entry: every header read is a call into the runtime.
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch && matchesEtag(ifNoneMatch, entry.etag)) {
    return new Response(null, { status: 304, headers: entry.headers });
  }
  return new Response(entry.body, { status: 200, headers: entry.headers });
}

/**
 * Remembers a stored read. A hit carries no Server-Timing: a memory hit does no work worth
 * timing, and every header a hit carries is a measurable part of its cost (x-cache says
 * where it came from).
 */
function remember(key: string, stored: Stored): void {
  if (remembered.get(key)?.version !== stored.version) remembered.set(key, { ...stored });
}

/** How long producing an answer took, for Server-Timing. */
export const executionTiming = (started: number) =>
  `exec;dur=${(performance.now() - started).toFixed(1)}`;

/**
 * The cache discipline every cacheable GET shares (GraphQL's, the REST twin's, JSON-LD's): a
 * request the isolate's memory did not answer is answered from its ETag or the Cache API
 * when it can be (without executing, and without counting against the rate limit), else
 * produced and, if that succeeded, stored. Every key and ETag carries the data version the
 * request is answered from, so a new load is never answered from an old one's entries.
 * `sharedName` names the request in caches.default; `produce` runs it, with the ETag a success
 * will carry, and gives a success to store or a response to pass on as it is (never stored).
 */
export async function cachedGet(
  exchange: Exchange,
  sharedName: () => string,
  produce: (etag: string) => Promise<Stored | Response>,
): Promise<Response> {
  const { request, env, ctx } = exchange;
  const { version } = exchange.source;
  const key = memoryKey(request);
  const etag = etagOf(key, version);
  if (matchesEtag(request.headers.get('if-none-match'), etag)) {
    exchange.cache = 'HIT';
    return notModified(etag, version);
  }
  const started = performance.now();
  const shared = env.CACHE_API === 'on' ? await sharedKey(sharedName(), version) : null;
  const hit = shared ? await sharedCache().match(shared) : undefined;
  if (hit) {
    exchange.cache = 'HIT';
    const stored = {
      body: new Uint8Array(await hit.arrayBuffer()),
      contentType: hit.headers.get('content-type') ?? '',
      etag,
      version,
    };
    remember(key, stored);
    const served = new Response(stored.body, hit);
    served.headers.set(
      'server-timing',
      `cache;desc="hit";dur=${(performance.now() - started).toFixed(1)}`,
    );
    return served;
  }
  const limited = await rateLimited(request, env);
  if (limited) return limited;
  exchange.cache = 'MISS';
  const executed = performance.now();
  const produced = await produce(etag);
  if (produced instanceof Response) {
    produced.headers.set('cache-control', uncachedControl);
    produced.headers.set('server-timing', executionTiming(executed));
    return produced;
  }
  if (shared) ctx.waitUntil(share(shared, produced));
  remember(key, produced);
  const headers = storedHeaders(produced, 'MISS');
  headers.set('server-timing', executionTiming(executed));
  return new Response(produced.body, { headers });
}
