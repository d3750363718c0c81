import type { D1Database } from '@cloudflare/workers-types';
import { Miniflare } from 'miniflare';
import type { Db } from '../../src/model/d1/db.ts';
import { migrationStatements } from '../d1/migrations.ts';
import { benchDatabase } from './workerd.ts';

/** The store's view of a Miniflare D1 database, each statement handed to `seen` first. */
export function dbOf(d1: D1Database, seen?: (sql: string, params: readonly unknown[]) => void): Db {
  return {
    async all<T>(sql: string, params: readonly unknown[]) {
      seen?.(sql, params);
      const { results } = await d1
        .prepare(sql)
        .bind(...params)
        .all<T>();
      return results;
    },
  };
}

/** A local D1 database on its own, to load or to count in. */
export interface OpenD1 {
  db: D1Database;
  dispose(): Promise<void>;
}

/**
 * A Miniflare whose Worker does nothing, there only to hold the database bound as DB:
 * persisted in the folder `persist`, or else in memory.
 */
export async function openD1(persist?: string): Promise<OpenD1> {
  const mf = new Miniflare({
    modules: true,
    script: 'export default { fetch() { return new Response("") } }',
    d1Databases: { DB: benchDatabase },
    ...(persist ? { d1Persist: persist } : {}),
  });
  const db = (await mf.getD1Database('DB')) as unknown as D1Database;
  return { db, dispose: () => mf.dispose() };
}

/** Applies migrations/*.sql in wrangler's order, each file as one batch (one transaction). */
export async function migrate(db: D1Database): Promise<void> {
  for (const migration of migrationStatements()) {
    await db.batch(migration.map((s) => db.prepare(s)));
  }
}
