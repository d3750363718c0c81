import type { D1Database } from '@cloudflare/workers-types';
import type { Db } from '../../src/model/d1/db.ts';

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
