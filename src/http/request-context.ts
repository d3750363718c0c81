/** What the edge learns about one request as it passes through: the log line's fields. */
export interface RequestRecord {
  operation?: string;
  documentId?: string;
  /** The operation's cost, once measured. */
  cost?: number;
  cache: 'HIT' | 'MISS' | 'BYPASS';
  /** The response already carries the headers every response gets (a remembered hit). */
  decorated?: boolean;
  /** Whether the operation ran without errors: only such responses are cached. */
  succeeded?: boolean;
}

/** Yoga's server context: handed to `yoga.fetch` and visible to every plugin. */
export interface ServerContext {
  record: RequestRecord;
}
