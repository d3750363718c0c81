import { describe, expect, it } from 'vitest';
import { inserts, spanParts, statementLimit } from '../../scripts/d1/sql.ts';

// A record named in every article of a large archive: 10,000 spans, each with its words.
const spans = Array.from({ length: 10_000 }, (_, i) => ({
  article: i,
  start: 100 + i,
  end: 140 + i,
  text: `“Ceasefire first,” said the minister’s aide ${i}`,
}));

describe('the SQL that d1:load and d1:add run', () => {
  it('keeps a record with 10,000 spans in parts, whole and in order', () => {
    const parts = spanParts(spans);
    expect(parts.length).toBeGreaterThan(10);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(60_000);
    expect(parts.flatMap((p) => JSON.parse(p) as unknown[])).toEqual(spans);
    expect(spanParts([])).toEqual([]);
  });

  it('never writes a statement over D1’s 100 KB, counting bytes, not characters', () => {
    const rows = spanParts(spans).map((part, i) => ['Actor', 7, i, 'home', part]);
    const statements = inserts('excerpts', rows, 200);
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
