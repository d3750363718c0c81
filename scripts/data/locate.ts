import { paragraphsOf } from '../../src/model/packed.ts';
import type { ParagraphData } from '../../src/model/types.ts';
import { firstDifference } from './hints.ts';
import { excerptOrigin, type LoadedCorpus, type Sourced, type SourcedArticle } from './load.ts';
import type { Problems } from './problems.ts';
import type { ExcerptRecord } from './records.ts';

// Excerpts given by their words: `{ "text": "the words" }`, with `"occurrence": n` when the
// words stand more than once. Their offsets are found here, before anything is compiled, so
// that the compiled data is the same as if the editor had counted them.

/** An article's text and paragraphs, as the API counts them. */
export interface ArticleText {
  slug: string;
  text: string;
  paragraphs: ParagraphData[];
}

export function articleText(article: SourcedArticle, index = 0): ArticleText {
  return {
    slug: article.record.slug,
    text: article.text,
    paragraphs: paragraphsOf(index, article.text, article.record.paragraphKinds),
  };
}

/** Every place `words` start in `text`, overlapping ones included. */
export function occurrences(text: string, words: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) found.push(at);
  return found;
}

/** The paragraph index a position stands in (the last paragraph starting at or before it). */
export function paragraphOf(paragraphs: readonly ParagraphData[], at: number): number {
  let found = 0;
  for (const p of paragraphs) {
    if (p.start > at) break;
    found = p.index;
  }
  return found;
}

const quoteFolds: [RegExp, string][] = [
  [/[‘’‚‛′]/g, "'"],
  [/[“”„‟″]/g, '"'],
  [/[‐‑‒–—]/g, '-'],
];
const foldQuotes = (s: string) => quoteFolds.reduce((out, [re, to]) => out.replace(re, to), s);

/**
 * The passage of `text` closest to `words` (fewest edits, Sellers' approximate match), so that
 * a typo or a straight quote for a curly one points at where the words were meant to be.
 */
export function closestPassage(
  text: string,
  words: string,
): { start: number; end: number; edits: number } {
  const m = words.length;
  // cost[i]: edits to match words[0, i) ending at the current text position; from[i]: where
  // that match starts. A match may start anywhere, so row 0 costs nothing.
  let cost = Array.from({ length: m + 1 }, (_, i) => i);
  let from = new Array<number>(m + 1).fill(0);
  let best = { start: 0, end: 0, edits: m };
  for (let j = 1; j <= text.length; j++) {
    const next = [0];
    const nextFrom = [j];
    for (let i = 1; i <= m; i++) {
      const same = words[i - 1] === text[j - 1] ? 0 : 1;
      const options: [number, number][] = [
        [(cost[i - 1] as number) + same, from[i - 1] as number],
        [(cost[i] as number) + 1, from[i] as number],
        [(next[i - 1] as number) + 1, nextFrom[i - 1] as number],
      ];
      const [c, f] = options.reduce((a, b) => (b[0] < a[0] ? b : a));
      next.push(c);
      nextFrom.push(f);
    }
    cost = next;
    from = nextFrom;
    if ((cost[m] as number) < best.edits) {
      best = { start: from[m] as number, end: j, edits: cost[m] as number };
    }
  }
  return best;
}

export type Located = { start: number; end: number } | { problem: string };

/** Where `words` (the `occurrence`-th time, when given) stand in an article, or why not. */
export function locate(article: ArticleText, words: string, occurrence?: number): Located {
  const found = occurrences(article.text, words);
  const where = (list: number[]) =>
    list.map((at) => paragraphOf(article.paragraphs, at)).join(', ');
  if (found.length === 0) {
    // Folding keeps every length, so a folded match is the passage itself.
    const [folded] = occurrences(foldQuotes(article.text), foldQuotes(words));
    if (folded !== undefined) {
      const passage = article.text.slice(folded, folded + words.length);
      return {
        problem: `text ${JSON.stringify(words)} does not stand in article "${article.slug}"; the closest passage is ${JSON.stringify(passage)} in paragraph ${paragraphOf(article.paragraphs, folded)}: the same words with other quotation marks or dashes (${firstDifference(passage, words)})`,
      };
    }
    const near = closestPassage(article.text, words);
    return {
      problem: `text ${JSON.stringify(words)} does not stand in article "${article.slug}"; the closest passage is ${JSON.stringify(article.text.slice(near.start, near.end))} in paragraph ${paragraphOf(article.paragraphs, near.start)} (${near.edits} edit${near.edits === 1 ? '' : 's'} away)`,
    };
  }
  if (occurrence === undefined && found.length > 1) {
    // Each occurrence with the words around it, so that the editor picks one without counting.
    const around = (at: number) => {
      const from = Math.max(0, at - 30);
      const to = Math.min(article.text.length, at + words.length + 30);
      return `${from > 0 ? '…' : ''}${article.text.slice(from, to).replaceAll('\n', ' ')}${to < article.text.length ? '…' : ''}`;
    };
    const each = found
      .map(
        (at, i) =>
          `${i + 1}: paragraph ${paragraphOf(article.paragraphs, at)}, ${JSON.stringify(around(at))}`,
      )
      .join('; ');
    return {
      problem: `text ${JSON.stringify(words)} stands ${found.length} times in article "${article.slug}", in paragraphs ${where(found)}: say which with "occurrence" (1 to ${found.length}) — ${each}`,
    };
  }
  const at = found[(occurrence ?? 1) - 1];
  if (at === undefined) {
    return {
      problem: `"occurrence": ${occurrence}, but text ${JSON.stringify(words)} stands ${found.length} time${found.length === 1 ? '' : 's'} in article "${article.slug}" (paragraphs ${where(found)})`,
    };
  }
  return { start: at, end: at + words.length };
}

/** The excerpts of an authored record, each with the field name a problem names it by. */
export function excerptsIn(record: {
  excerpt?: ExcerptRecord;
  excerpts?: ExcerptRecord[];
}): [ExcerptRecord, string][] {
  return [
    ...(record.excerpt ? [[record.excerpt, 'excerpt'] as [ExcerptRecord, string]] : []),
    ...(record.excerpts ?? []).map((e, i) => [e, `excerpts[${i}]`] as [ExcerptRecord, string]),
  ];
}

/**
 * Gives every excerpt given by its words its offsets, in place; an excerpt whose words cannot
 * be placed is a problem naming its file, record and field, and where the words stand.
 */
export function locateExcerpts(loaded: LoadedCorpus, problems: Problems): void {
  const texts = new Map(loaded.articles.map((a) => [a.record.slug, articleText(a)]));
  const collections = Object.entries(loaded).filter(
    ([name]) => name !== 'articles' && name !== 'aliases' && name !== 'registryAliases',
  ) as [string, Sourced<{ excerpt?: ExcerptRecord; excerpts?: ExcerptRecord[] }>[]][];
  for (const [, items] of collections) {
    for (const item of items) {
      for (const [e, field] of excerptsIn(item.record)) {
        if (e.start !== undefined) continue;
        // An unknown article is the compiler's problem to name; it reports references.
        const article = texts.get(e.article ?? item.article);
        if (!article) continue;
        const found = locate(article, e.text, e.occurrence);
        if ('problem' in found) {
          const origin = excerptOrigin(e, item, field);
          problems.add(origin.place, `${origin.field} ${found.problem}`);
          continue;
        }
        e.start = found.start;
        e.end = found.end;
        delete e.occurrence;
      }
    }
  }
}
