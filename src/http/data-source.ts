import { GraphQLError } from 'graphql';
import { bundledStore } from '../model/bundled.ts';
import { dataVersion } from '../model/corpus.ts';
import type { Db } from '../model/d1/db.ts';
import { D1Store } from '../model/d1/store.ts';
import type { Store } from '../model/store.ts';
import { errorResponse } from './responses.ts';

/** The bindings that choose the store: a D1 database when the environment binds one. */
export interface DataEnv {
  /** The corpus in D1 (wrangler.toml `[env.d1]`); the bundle serves when it is absent. */
  DB?: D1Database;
  /** Seconds an isolate keeps the database's data version before reading it again. */
  DATA_VERSION_TTL?: string;
}

/** Where a request's data comes from: its version (ETags, cache keys) and a store for it. */
export interface DataSource {
  version: string;
  store(): Store;
}

const bundled: DataSource = { version: dataVersion, store: () => bundledStore };

/** Seconds a client should wait after a store fault before it asks again. */
export const retryAfter = 5;
// A query that has not answered in this long will not: the request answers 503 instead.
const queryTimeout = 5_000;

/** What a D1 fault becomes: the client learns the store is away, never why or the SQL. */
export class StoreUnavailable extends GraphQLError {
  constructor() {
    super('The data store is unavailable; try again shortly.', {
      extensions: {
        code: 'STORE_UNAVAILABLE',
        http: { status: 503, headers: { 'retry-after': String(retryAfter) } },
      },
    });
  }
}

export function storeUnavailable(): Response {
  const response = errorResponse(503, 'STORE_UNAVAILABLE', new StoreUnavailable().message);
  response.headers.set('retry-after', String(retryAfter));
  return response;
}

async function guarded<T>(query: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), queryTimeout);
  });
  try {
    return await Promise.race([query, timeout]);
  } catch {
    throw new StoreUnavailable();
  } finally {
    clearTimeout(timer);
  }
}

/** A request's queries, each prepared with its bound parameters, guarded and counted. */
export class CountingDb implements Db {
  queries = 0;
  constructor(private readonly database: D1Database) {}
  async all<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    this.queries++;
    const result = await guarded(
      this.database
        .prepare(sql)
        .bind(...params)
        .all<T>(),
    );
    return result.results;
  }
}

interface KnownVersion {
  version: string;
  /** When it was read (ms since the epoch), or the read under way. */
  readAt: number;
  reading?: Promise<string>;
}
const versions = new WeakMap<D1Database, KnownVersion>();

async function readVersion(database: D1Database): Promise<string> {
  const row = await guarded(
    database.prepare("SELECT value FROM meta WHERE key = 'version'").first<{ value: string }>(),
  );
  if (!row) throw new StoreUnavailable();
  return row.value;
}

function d1Source(database: D1Database, version: string): DataSource {
  return { version, store: () => new D1Store(new CountingDb(database)) };
}

/**
 * The data source of a request. Bundled data is its own version. A database's version is read
 * once and kept for DATA_VERSION_TTL seconds (10 unless set), so a load is seen by an isolate
 * at most that long after it lands; concurrent requests share one read. Throws
 * StoreUnavailable when the database cannot say.
 */
export function dataSource(env: DataEnv): DataSource | Promise<DataSource> {
  const database = env.DB;
  if (!database) return bundled;
  const ttl = Number(env.DATA_VERSION_TTL ?? 10) * 1000;
  const known = versions.get(database);
  const now = Date.now();
  if (known && now - known.readAt < ttl) return d1Source(database, known.version);
  if (known?.reading) return known.reading.then((v) => d1Source(database, v));
  const reading = readVersion(database);
  const entry: KnownVersion = known ?? { version: '', readAt: 0 };
  entry.reading = reading;
  versions.set(database, entry);
  return reading.then(
    (version) => {
      entry.version = version;
      entry.readAt = Date.now();
      entry.reading = undefined;
      return d1Source(database, version);
    },
    (error: unknown) => {
      entry.reading = undefined;
      throw error;
    },
  );
}
