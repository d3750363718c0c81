/**
 * The store could not answer: its database failed or did not answer in time. It carries
 * nothing of the cause (no SQL, no driver message); the edge answers it with 503.
 */
export class StoreUnavailable extends Error {
  constructor() {
    super('The data store is unavailable; try again shortly.');
    this.name = 'StoreUnavailable';
  }
}

/**
 * The D1 database as the store's queries see it: every statement prepared with bound
 * parameters, and counted, so that an operation can report how many it made.
 */
export interface Db {
  all<T = Record<string, unknown>>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** How many statements it has run. */
  readonly queries?: number;
}
