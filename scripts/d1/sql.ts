// SQL text for D1: the statements d1:load and d1:add run through `wrangler d1 execute --file`,
// which takes literals only (no bound parameters), so every value is written as a literal.

/** D1 refuses a statement over 100 KB (SQLITE_TOOBIG), locally as at the edge; in bytes. */
export const statementLimit = 100_000;
// Room for the INSERT's head and for a row's other columns.
const budget = 90_000;

/** A SQL literal: finite numbers as they are, text single-quoted with its quotes doubled. */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  return `'${String(value).replaceAll("'", "''")}'`;
}

/**
 * Multi-row INSERTs of at most `chunk` rows and about 90 KB each, measured in UTF-8 bytes as
 * D1 measures them (the article's ’ “ ” are three each). Local D1 also runs out of memory on
 * a few thousand rows in one statement, hence the row cap. A row too long for any statement
 * is refused here, naming it, rather than by D1 halfway through a load.
 */
export function inserts(table: string, rows: readonly unknown[][], chunk = 400): string[] {
  const head = `INSERT INTO ${table} VALUES `;
  const out: string[] = [];
  let values: string[] = [];
  let size = 0;
  const flush = () => {
    if (values.length > 0) out.push(head + values.join(','));
    values = [];
    size = 0;
  };
  for (const row of rows) {
    const value = `(${row.map(literal).join(',')})`;
    const bytes = Buffer.byteLength(value);
    if (bytes > budget) {
      throw new Error(
        `a ${table} row is ${bytes} bytes, longer than one D1 statement holds (${budget}): ${value.slice(0, 80)}…`,
      );
    }
    if (values.length >= chunk || (values.length > 0 && size + bytes > budget)) flush();
    values.push(value);
    size += bytes + 1;
  }
  flush();
  return out;
}
