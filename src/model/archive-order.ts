// The archive's order: newest article first, ties by slug; a partial date ("2025-05") counts
// as its first day, an undated article comes last. Both stores and the build order by the
// same text key, so that the order never depends on when an article was added.

/** A date as the corpus holds it: a year, and a month and day where known. */
export interface DateParts {
  year: number;
  month?: number | null;
  day?: number | null;
}

/** The date as a number that orders like it (20250501), its missing parts counted as 1; 0 when unknown. */
export function dayNumber(date: DateParts | null | undefined): number {
  if (!date) return 0;
  return date.year * 10_000 + (date.month ?? 1) * 100 + (date.day ?? 1);
}

/** Eight digits that sort newest first: the complement of the day number. */
export function newestFirst(day: number): string {
  return String(99_999_999 - day).padStart(8, '0');
}

/**
 * An article's key: newest first, then by slug. The '!' after the slug sorts below every
 * character a slug may hold, so that a key compares as its slug does ("a" before "a-b").
 */
export function articleKey(slug: string, date: DateParts | null | undefined): string {
  return `${newestFirst(dayNumber(date))}${slug}!`;
}

/** Each article's key, by slug. */
export function articleKeys(
  articles: readonly { slug: string; publishedOn: DateParts | null }[],
): Map<string, string> {
  return new Map(articles.map((a) => [a.slug, articleKey(a.slug, a.publishedOn)]));
}

/** `YYYY-MM-DD` as a day number; the schema's Date scalar has checked its form. */
export function dayOf(iso: string): number {
  const [year = 0, month, day] = iso.split('-').map(Number);
  return dayNumber({ year, month, day });
}
