/**
 * Every limit the endpoint enforces, in one place: the README's table, the tests and the
 * benchmark read them from here.
 */
export const limits = {
  /** Request body, bytes: anything larger is refused with 413 before it is read whole. */
  bodyBytes: 64 * 1024,
  /** Characters in one GraphQL document. */
  documentCharacters: 16_000,
  /** Lexical tokens in one document: bounds parse work whatever the characters. */
  documentTokens: 1_000,
  /** Selection depth, `__type` chains included (the `__schema` introspection tree is not). */
  depth: 8,
  /** How deeply list fields may nest inside one another. */
  listDepth: 3,
  /** Aliased fields per operation, `__typename` included. */
  aliases: 15,
  /** Directives per operation. */
  directives: 20,
  // Items per page (1 to 100) are checked where connections are resolved:
  // src/schema/pagination.ts (maxPageSize), the one place that number lives.
} as const;
