/**
 * The middle value. For an even count, the upper of the two middle values rather than their
 * mean: every figure a table shows is then one that a round actually measured (a p50 in whole
 * milliseconds stays whole). NaN for no values, so that a missing figure never reads as 0.
 */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
}

/** The smallest and the largest value: the range a median is shown with. */
export function spread(xs: readonly number[]): [min: number, max: number] {
  return [Math.min(...xs), Math.max(...xs)];
}

/**
 * The median of `a`'s values over `b`'s, round by round. Each ratio is taken between runs
 * seconds apart, so that the machine's drift over a whole run falls on both sides of it.
 */
export function medianRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((x, i) => x / (b[i] ?? Number.NaN)));
}

/** Seconds since `since`, a `performance.now()` reading. */
export const secondsSince = (since: number) => (performance.now() - since) / 1000;
