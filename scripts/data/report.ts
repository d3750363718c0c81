import { dirname, relative } from 'node:path';
import { NameMatcher } from '../draft/names.ts';
import { registryNames } from '../draft/registry.ts';
import { uncoveredQuotations } from './compile.ts';
import type { LoadedCorpus, Sourced } from './load.ts';
import { articleText, excerptsIn, paragraphOf } from './locate.ts';
import type { ExcerptRecord } from './records.ts';

// `npm run data -- --report`: what is left to annotate in each article. It reads the records
// as loaded, their words placed, so that it also helps an article whose build still fails
// (a quotation no DIRECT_QUOTE holds is such a failure); it fails nothing itself.

type Span = { start: number; end: number };
type Spanned = { excerpt?: ExcerptRecord; excerpts?: ExcerptRecord[] };

/** What an article still lacks: paragraphs, quotations and names its records do not hold. */
export interface ArticleReport {
  slug: string;
  file: string;
  paragraphs: { index: number; kind: string; text: string }[];
  paragraphCount: number;
  quotations: { paragraph: number; start: number; end: number; words: string }[];
  names: { paragraph: number; start: number; end: number; name: string; actor: string }[];
  /** What `npm run article:draft` proposed and the editor has not accepted yet. */
  drafts: { where: string; rule: string }[];
}

const covers = (spans: readonly Span[], at: number, end: number) =>
  spans.some((s) => s.start <= at && end <= s.end);

export function annotationReport(loaded: LoadedCorpus): ArticleReport[] {
  // Every located span, by article slug: all records', DIRECT_QUOTEs', and each actor's.
  const cited = new Map<string, Span[]>();
  const quoted = new Map<string, Span[]>();
  const add = (map: Map<string, Span[]>, slug: string, span: Span) =>
    map.set(slug, [...(map.get(slug) ?? []), span]);
  const spansOf = (item: Sourced<Spanned>) =>
    excerptsIn(item.record)
      .filter(([e]) => e.start !== undefined && e.end !== undefined)
      .map(([e]) => ({ article: e.article ?? item.article, start: e.start ?? 0, end: e.end ?? 0 }));
  for (const [name, items] of Object.entries(loaded)) {
    if (name === 'articles' || name === 'aliases' || name === 'registryAliases') continue;
    for (const item of items as Sourced<Spanned & { kind?: string }>[]) {
      for (const { article, ...span } of spansOf(item)) {
        add(cited, article, span);
        if (name === 'statements' && item.record.kind === 'DIRECT_QUOTE')
          add(quoted, article, span);
      }
    }
  }

  const matcher = new NameMatcher(registryNames(loaded).filter((n) => n.kind === 'actors'));
  const byActor = new Map(loaded.actors.map((a) => [a.record.slug, a]));
  const drafts = draftsOf(loaded);

  return loaded.articles.map((source) => {
    const article = articleText(source);
    const slug = article.slug;
    const spans = cited.get(slug) ?? [];
    const paragraphs = article.paragraphs
      .filter((p) => !spans.some((s) => s.start < p.end && s.end > p.start))
      .map((p) => ({ index: p.index, kind: p.kind, text: article.text.slice(p.start, p.end) }));
    const quotations = uncoveredQuotations(
      article.text,
      article.paragraphs,
      quoted.get(slug) ?? [],
    ).map((q) => ({
      ...q,
      paragraph: paragraphOf(article.paragraphs, q.start),
    }));
    // Each place once: the longest name there, as the drafter reads names.
    const names: ArticleReport['names'] = [];
    for (const m of matcher.matches(article.text)) {
      const actor = byActor.get(m.entity.slug);
      if (
        !actor ||
        covers(
          spansOf(actor).filter((s) => s.article === slug),
          m.start,
          m.end,
        )
      )
        continue;
      names.push({
        paragraph: paragraphOf(article.paragraphs, m.start),
        start: m.start,
        end: m.end,
        name: m.form,
        actor: m.entity.slug,
      });
    }
    names.sort((a, b) => a.start - b.start);
    return {
      slug,
      file: relative(process.cwd(), dirname(source.place.file)),
      paragraphs,
      paragraphCount: article.paragraphs.length,
      quotations,
      names,
      drafts: drafts.get(slug) ?? [],
    };
  });
}

type Marked = {
  slug: string;
  draft?: string;
  excerpt?: ExcerptRecord & { draft?: string };
  excerpts?: (ExcerptRecord & { draft?: string })[];
};

/** Every draft mark left in the records, by the article whose files hold it. */
function draftsOf(loaded: LoadedCorpus): Map<string, ArticleReport['drafts']> {
  const found = new Map<string, ArticleReport['drafts']>();
  const add = (article: string, where: string, rule: string) =>
    found.set(article, [...(found.get(article) ?? []), { where, rule }]);
  for (const [name, items] of Object.entries(loaded)) {
    if (name === 'articles' || name === 'aliases' || name === 'registryAliases') continue;
    for (const item of items as Sourced<Marked>[]) {
      const record = item.record;
      const excerpts = [...(record.excerpt ? [record.excerpt] : []), ...(record.excerpts ?? [])];
      if (record.draft) {
        // A registry entry is listed with each article that cites it.
        const articles = item.article ? [item.article] : excerpts.map((e) => e.article ?? '');
        for (const article of new Set(articles))
          add(article, `${name} ${record.slug}`, record.draft);
      }
      for (const e of excerpts) {
        if (e.draft)
          add(
            e.article ?? item.article,
            `${name} ${record.slug} [${e.start}, ${e.end}) ${JSON.stringify(e.text)}`,
            e.draft,
          );
      }
    }
  }
  return found;
}

const clip = (s: string, n = 70) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The report as the terminal shows it. */
export function formatReport(reports: readonly ArticleReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.slug} (${r.file})`);
    lines.push(
      `  paragraphs no record cites: ${r.paragraphs.length} of ${r.paragraphCount}${r.paragraphs.length ? '' : ' (none)'}`,
    );
    for (const p of r.paragraphs) {
      lines.push(`    ${p.index} ${p.kind}: ${JSON.stringify(clip(p.text))}`);
    }
    lines.push(
      `  quotations that are no DIRECT_QUOTE's excerpt: ${r.quotations.length}${r.quotations.length ? '' : ' (none)'}`,
    );
    for (const q of r.quotations) {
      lines.push(
        `    paragraph ${q.paragraph} [${q.start}, ${q.end}): ${JSON.stringify(clip(q.words))}`,
      );
    }
    lines.push(
      `  drafts to review: ${r.drafts.length}${r.drafts.length ? ' (accept one by removing its "draft" mark)' : ' (none)'}`,
    );
    for (const d of r.drafts) lines.push(`    ${d.where}: ${d.rule}`);
    lines.push(
      `  names of known actors outside that actor's excerpts: ${r.names.length}${r.names.length ? '' : ' (none)'}`,
    );
    for (const n of r.names) {
      lines.push(
        `    paragraph ${n.paragraph} [${n.start}, ${n.end}): ${JSON.stringify(n.name)} (${n.actor})`,
      );
    }
  }
  return lines.join('\n');
}
