/**
 * The D1 database as the store's queries see it: every statement prepared with bound
 * parameters, and counted, so that an operation can report how many it made.
 */
export interface Db {
  all<T = Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** How many statements it has run. */
  readonly queries?: number;
}
