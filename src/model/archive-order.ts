import { type TableName, tableNames } from './packed.ts';
import type { Corpus, ExcerptData, Index } from './types.ts';

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

/**
 * A record's place in the archive's order, as text: the key of the newest article it stands
 * in, its earliest start there, then `tie`, which keeps two records first seen at one place
 * apart: a registry entity's slug, or for what an article says (its statements, positions)
 * its rank among the article's records of its kind (ownRanks). A record with no span (an
 * actor named only in a byline) comes after every dated one. The build orders each kind by it
 * (scripts/data/compile.ts, its articles by slug, the tie a record's place in its file), and
 * D1's sort keys (sortKeys) and search's NEWEST are it: the same order by construction.
 */
export function recordSortKey<A = number>(
  record: { excerpts: readonly { article: A; start: number }[] },
  keyOf: (article: A) => string,
  tie: string,
): string {
  let best: [string, number] | undefined;
  for (const e of record.excerpts) {
    const key = keyOf(e.article);
    if (!best || key < best[0] || (key === best[0] && e.start < best[1])) best = [key, e.start];
  }
  return best ? `${best[0]}${String(best[1]).padStart(8, '0')}${tie}` : `~${tie}`;
}

/**
 * Each record's rank among its article's records of its kind, as recordSortKey's tie: the
 * records in default order, each in its own article (its first span's).
 */
export function ownRanks(
  records: readonly { excerpts: readonly { article: number }[] }[],
): string[] {
  const next = new Map<number, number>();
  return records.map((r) => {
    const article = r.excerpts[0]?.article ?? -1;
    const rank = next.get(article) ?? 0;
    next.set(article, rank + 1);
    return String(rank).padStart(6, '0');
  });
}

/**
 * Each record's sort key, by table and compiled index: an article's own key (`keyOf` its
 * index), any other record's recordSortKey. The keys never depend on which articles a
 * database holds, so the order is the same whatever order the articles were added in.
 */
export function sortKeys(
  corpus: Pick<Corpus, TableName>,
  keyOf: (article: Index) => string,
): Record<TableName, string[]> {
  const keys = {} as Record<TableName, string[]>;
  for (const name of tableNames) {
    const list = corpus[name] as unknown as { slug: string; excerpts: ExcerptData[] }[];
    const ties = name === 'statements' || name === 'positions' ? ownRanks(list) : undefined;
    keys[name] = list.map((r, i) =>
      name === 'articles' ? keyOf(i) : recordSortKey(r, keyOf, ties?.[i] ?? r.slug),
    );
  }
  return keys;
}

/** The newest-first day a sort key begins with (99,999,999 for a record with no date). */
export function sortDay(sort: string): number {
  return /^\d{8}/.test(sort) ? Number(sort.slice(0, 8)) : 99_999_999;
}

/**
 * Inclusive publication-date bounds (`YYYY-MM-DD`) as a range of newest-first days (sortDay):
 * from `from` up to, not including, `below`. Any bound leaves out what has no date.
 */
export function dayRange(bounds: {
  publishedAfter?: string | null;
  publishedBefore?: string | null;
}): { from: number; below: number } | undefined {
  const { publishedAfter: after, publishedBefore: before } = bounds;
  if (after == null && before == null) return undefined;
  return {
    from: before == null ? 0 : 99_999_999 - dayOf(before),
    below: after == null ? 99_999_999 : 100_000_000 - dayOf(after),
  };
}
