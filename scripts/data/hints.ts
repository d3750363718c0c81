// What makes a build message quick to act on: where in a file, which slug was meant, which
// character differs. Each is computed only on the error path.

/** Line and column (1-based) of a UTF-16 offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** JSON.parse's error position (V8: "… in JSON at position 11"), if it gives one. */
export function jsonErrorOffset(message: string): number | undefined {
  const match = /at position (\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** Levenshtein distance, stopping early past `limit` (a larger value means "too far"). */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * `; did you mean "x"?` for the closest of `candidates` to `wanted`, when one is within a third
 * of its length (a typo, not another name); '' otherwise.
 */
export function didYouMean(wanted: string, candidates: Iterable<string>): string {
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  let best: { slug: string; distance: number } | undefined;
  for (const slug of candidates) {
    const distance = editDistance(wanted, slug, best ? Math.min(best.distance, limit) : limit);
    if (distance <= limit && (!best || distance < best.distance)) best = { slug, distance };
  }
  return best ? `; did you mean "${best.slug}"?` : '';
}

const codePoint = (c: string) =>
  `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Where two texts first differ, said so that an editor sees it: the character in the article
 * and in the record, with their code points ("’ U+2019 against ' U+0027").
 */
export function firstDifference(article: string, record: string): string {
  const chars = (s: string) => [...s];
  const a = chars(article);
  const r = chars(record);
  let i = 0;
  while (i < a.length && i < r.length && a[i] === r[i]) i++;
  const shown = (c: string | undefined) =>
    c === undefined ? 'the end' : `${JSON.stringify(c)} ${codePoint(c)}`;
  return `they differ at character ${i + 1}: ${shown(a[i])} in the article against ${shown(r[i])} in the record`;
}
