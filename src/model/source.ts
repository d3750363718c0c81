import type { Db } from './d1/db.ts';
import { D1Store } from './d1/store.ts';
import { type Store, StoreUnavailable } from './store.ts';

/** Where a request's data comes from: its version (ETags, cache keys) and a store for it. */
export interface DataSource {
  version: string;
  /** A store for one operation (a D1 store's loaders remember what it has read). */
  store(): Store;
}

export interface SourceOptions {
  /** The corpus in D1, when the Worker binds one; the bundle serves when it does not. */
  database: D1Database | undefined;
  /** How long an isolate keeps the database's data version before reading it again (ms). */
  versionTtl: number;
}

/**
 * How long one request may wait on the database, all its queries together (ms). A database
 * that has not answered in this long will not: the request is answered 503 instead.
 */
const budget = 5_000;

/** A query's answer, or StoreUnavailable once the deadline passes or the query fails. */
async function beforeDeadline<T>(query: Promise<T>, deadline: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), Math.max(deadline - Date.now(), 0));
  });
  try {
    return await Promise.race([query, timeout]);
  } catch {
    // The driver's message (SQL, table names) stays here: the client learns only that the
    // store is away.
    throw new StoreUnavailable();
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}

/**
 * One request's view of the database: its queries counted, all of them within one budget,
 * and none sent after the first fault. An operation is run once: after a fault, a later
 * level of its selection fails at once instead of waiting on a database that is away.
 */
class RequestDb implements Db {
  queries = 0;
  private fault: StoreUnavailable | undefined;
  private readonly deadline = Date.now() + budget;

  constructor(private readonly database: D1Database) {}

  async all<T>(sql: string, params: readonly unknown[]): Promise<T[]> {
    if (this.fault) throw this.fault;
    this.queries++;
    try {
      const statement = this.database.prepare(sql).bind(...params);
      return (await beforeDeadline(statement.all<T>(), this.deadline)).results;
    } catch (error) {
      this.fault = error instanceof StoreUnavailable ? error : new StoreUnavailable();
      throw this.fault;
    }
  }
}

let bundled: DataSource | Promise<DataSource> | undefined;

/**
 * The corpus compiled into the bundle. Imported on first use, not with this module: a Worker
 * that reads D1 never parses it.
 */
function bundledSource(): DataSource | Promise<DataSource> {
  bundled ??= import('./bundled.ts').then(
    ({ bundledStore, dataVersion }) => {
      bundled = { version: dataVersion, store: () => bundledStore };
      return bundled;
    },
    (error: unknown) => {
      // Asked again next time.
      bundled = undefined;
      throw error;
    },
  );
  return bundled;
}

/** Starts loading the bundled corpus ahead of the first request. */
export function preloadBundle(): void {
  const loading = bundledSource();
  // A failure here is met again, and answered, by the first request.
  if (loading instanceof Promise) loading.catch(() => {});
}

interface KnownVersion {
  version: string;
  /** When it was read (ms since the epoch), or the read under way. */
  readAt: number;
  reading?: Promise<string>;
}
const versions = new WeakMap<D1Database, KnownVersion>();

async function readVersion(database: D1Database): Promise<string> {
  const query = database
    .prepare("SELECT value FROM meta WHERE key = 'version'")
    .first<{ value: string }>();
  const row = await beforeDeadline(query, Date.now() + budget);
  if (!row) throw new StoreUnavailable();
  return row.value;
}

function d1Source(database: D1Database, version: string): DataSource {
  return { version, store: () => new D1Store(new RequestDb(database)) };
}

/**
 * The one place a request's store is chosen: D1 when a database is bound, else the bundle.
 * A database's version is read once and kept for `versionTtl`, so a load is seen by an
 * isolate at most that long after it lands; concurrent requests share one read. Throws
 * StoreUnavailable when the database cannot say.
 */
export function dataSource({
  database,
  versionTtl,
}: SourceOptions): DataSource | Promise<DataSource> {
  if (!database) return bundledSource();
  const known = versions.get(database);
  const now = Date.now();
  if (known && now - known.readAt < versionTtl) return d1Source(database, known.version);
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
