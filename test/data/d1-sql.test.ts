import { describe, expect, it } from 'vitest';
import { inserts, statementLimit } from '../../scripts/d1/sql.ts';

// Ten thousand rows of words with curly quotes, three bytes each in UTF-8.
const rows = Array.from({ length: 10_000 }, (_, i) => [
  i,
  `actor-${i}`,
  `“Ceasefire first,” said the minister’s aide ${i}`,
]);

describe('the SQL that d1:load and d1:add run', () => {
  it('never writes a statement over D1’s 100 KB, counting bytes, not characters', () => {
    const statements = inserts('actor', rows, 200);
    expect(statements.length).toBeGreaterThan(10);
    for (const sql of statements)
      expect(Buffer.byteLength(sql)).toBeLessThanOrEqual(statementLimit);
    // Curly quotes are three bytes each: 40,000 of them are 120 KB in 40,000 characters.
    const quotes = Array.from({ length: 400 }, (_, i) => [i, '’'.repeat(100)]);
    for (const sql of inserts('t', quotes)) {
      expect(Buffer.byteLength(sql)).toBeLessThanOrEqual(statementLimit);
    }
  });

  it('refuses a row longer than one statement holds, naming its table', () => {
    expect(() => inserts('record', [['Article', 0, 'x'.repeat(95_000)]])).toThrow(
      /a record row is 95\d{3} bytes, longer than one D1 statement holds/,
    );
  });
});
