/** A span of an article that a result quotes: an `Excerpt` or anything shaped like one. */
export interface FoundExcerpt {
  /** Where it stands in the result, e.g. `data.statements.nodes.0.excerpt`. */
  path: string;
  start: number;
  end: number;
  text: string;
  /** Present only when the operation selected `article { slug }`. */
  article?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every object in a result with integer `start`/`end` and a string `text`: excerpts under any
 * field name or alias (`excerpt`, `excerpts`, `highlights`, …), so the panel needs no
 * knowledge of the schema and keeps working as it grows.
 */
export function findExcerpts(result: unknown): FoundExcerpt[] {
  const found: FoundExcerpt[] = [];
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) visit(item, `${path}.${i}`);
      return;
    }
    if (!isRecord(value)) return;
    const { start, end, text, article } = value;
    if (
      Number.isInteger(start) &&
      Number.isInteger(end) &&
      typeof text === 'string' &&
      (start as number) <= (end as number)
    ) {
      const slug = isRecord(article) && typeof article.slug === 'string' ? article.slug : undefined;
      found.push({ path, start: start as number, end: end as number, text, article: slug });
    }
    for (const [key, child] of Object.entries(value)) visit(child, path ? `${path}.${key}` : key);
  };
  visit(result, '');
  return found;
}

export interface ArticleText {
  slug: string;
  title: string;
  text: string;
}

/**
 * The excerpts that stand in each article, keyed by slug. An excerpt is placed only where
 * the article's text at its offsets is exactly its `text`: the one that names its article,
 * else the first whose slice matches. One that matches nowhere (a stale result, a value
 * that merely looks like an excerpt) is left out rather than highlighted wrongly.
 */
export function placeExcerpts(
  excerpts: readonly FoundExcerpt[],
  articles: readonly ArticleText[],
): Map<string, FoundExcerpt[]> {
  const placed = new Map<string, FoundExcerpt[]>();
  for (const excerpt of excerpts) {
    const candidates = excerpt.article
      ? articles.filter((a) => a.slug === excerpt.article)
      : articles;
    const home = candidates.find((a) => a.text.slice(excerpt.start, excerpt.end) === excerpt.text);
    if (!home) continue;
    const list = placed.get(home.slug) ?? [];
    list.push(excerpt);
    placed.set(home.slug, list);
  }
  return placed;
}

export interface Segment {
  start: number;
  end: number;
  /** The excerpts covering this segment; empty for plain text. */
  excerpts: FoundExcerpt[];
}

/**
 * Cuts a text into consecutive segments at every excerpt boundary, so overlapping excerpts
 * (a quote inside a paraphrase) each stay visible: a segment knows all that cover it.
 */
export function segment(length: number, excerpts: readonly FoundExcerpt[]): Segment[] {
  const cuts = new Set([0, length]);
  for (const e of excerpts) {
    if (e.start < e.end && e.end <= length) {
      cuts.add(e.start);
      cuts.add(e.end);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const covering = excerpts.filter((e) => e.start <= start && end <= e.end && e.start < e.end);
    const last = segments.at(-1);
    // Neighbouring plain segments merge, so plain text stays one node.
    if (covering.length === 0 && last && last.excerpts.length === 0) last.end = end;
    else segments.push({ start, end, excerpts: covering });
  }
  return segments;
}
