import {
  cacheable,
  etagOf,
  lookup,
  matchesEtag,
  memoryKey,
  notModified,
  remember,
  type Stored,
  share,
  sharedKey,
  storedHeaders,
  uncachedControl,
} from './cache.ts';
import type { DataSource } from './data-source.ts';
import { run, serverTiming, viaYoga } from './execute.ts';
import { rateLimited } from './rate-limit.ts';
import type { RequestRecord } from './request-context.ts';
import { documentOf, guardGet } from './request-guard.ts';

/** What a read needs of the Worker's bindings. */
export interface ReadEnv {
  RATE_LIMITER?: RateLimit;
  CACHE_API?: string;
}

const encoder = new TextEncoder();

/** A success to store and send, and how long its execution took (Server-Timing). */
export interface Produced {
  stored: Stored;
  timing: string;
}

/**
 * The cache discipline every cacheable GET shares (GraphQL's, the REST twin's, JSON-LD's): a
 * request the isolate's memory did not answer is answered from its ETag or the Cache API
 * when it can be (without executing, and without counting against the rate limit), else
 * produced and, if that succeeded, stored. Every key and ETag carries the data version the
 * request is answered from, so a new load is never answered from an old one's entries.
 * `sharedKey` names the request in caches.default; `produce` runs it, with the ETag a success
 * will carry, and gives a success to store or a response to pass on as it is.
 */
export async function cachedGet(
  request: Request,
  env: ReadEnv,
  ctx: ExecutionContext,
  record: RequestRecord,
  version: string,
  sharedKey: () => Promise<string>,
  produce: (etag: string) => Promise<Produced | Response>,
): Promise<Response> {
  const key = memoryKey(request);
  const etag = etagOf(key, version);
  if (matchesEtag(request.headers.get('if-none-match'), etag)) {
    record.cache = 'HIT';
    return notModified(etag, version);
  }
  const started = performance.now();
  const shared = env.CACHE_API === 'on' ? await sharedKey() : null;
  const hit = shared ? await lookup(shared) : undefined;
  if (hit) {
    record.cache = 'HIT';
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
  const limited = await rateLimited(request, env.RATE_LIMITER);
  if (limited) return limited;
  record.cache = 'MISS';
  const produced = await produce(etag);
  if (produced instanceof Response) return produced;
  if (shared) ctx.waitUntil(share(shared, produced.stored));
  remember(key, produced.stored);
  const headers = storedHeaders(produced.stored, 'MISS');
  headers.set('server-timing', produced.timing);
  return new Response(produced.stored.body, { headers });
}

/** A GraphQL GET the isolate's memory did not answer (see `cachedGet`). */
export async function read(
  request: Request,
  url: URL,
  env: ReadEnv,
  ctx: ExecutionContext,
  record: RequestRecord,
  source: DataSource,
): Promise<Response> {
  const params = guardGet(url);
  if (params instanceof Response) return params;
  const { version } = source;
  if (documentOf(params) === null) {
    // No operation named: an error, never cached.
    record.store = source.store();
    const response = await viaYoga(request, record);
    response.headers.set('cache-control', uncachedControl);
    return response;
  }
  return cachedGet(
    request,
    env,
    ctx,
    record,
    version,
    () => sharedKey(params, request.headers.get('accept'), version),
    async (etag) => {
      const executed = performance.now();
      const answer = await run(request, params, record, source, () => request);
      if (answer instanceof Response) {
        const fromYoga = await cacheable(answer, etag, version, record.succeeded === true);
        if (fromYoga instanceof Response) {
          fromYoga.headers.set('server-timing', serverTiming(executed, answer));
          return fromYoga;
        }
        return { stored: fromYoga, timing: serverTiming(executed, answer) };
      }
      const body = encoder.encode(answer.body);
      return {
        stored: { body, contentType: answer.contentType, etag, version },
        timing: serverTiming(executed, answer),
      };
    },
  );
}
