import type { BuiltData } from '../data/build.ts';

/** The rows of the search tables (migrations/0002_search.sql) for a compiled corpus. */
export function searchSql(_built: BuiltData): string[] {
  return [];
}
