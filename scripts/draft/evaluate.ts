import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedCorpus } from '../data/load.ts';
import { type Drafts, draftArticle, loadForDraft } from './draft.ts';
import { overlaps, type Span } from './quotations.ts';

// How close the drafts come to what an editor wrote: the article's own records are the
// answer, taken out before drafting (the registry and its aliases stay, as the archive holds
// them), then compared with what the drafter proposes.

export interface Score {
  article: string;
  quotations: number;
  quotationsFound: number;
  speakersRight: number;
  /** Quotations whose speaker differs: where, the words, expected and drafted. */
  wrongSpeakers: { at: number; words: string; expected: string; drafted: string; rule: string }[];
  mentions: number;
  mentionsFound: number;
  drafted: number;
  /** Drafted names on a place the answer cites for another entity. */
  draftedWrong: number;
  /** Drafted names on a place the answer does not cite at all (an editor's choice). */
  draftedElsewhere: number;
  missedMentions: { at: number; words: string; entity: string }[];
  /** Drafted names on a place the answer gives another actor. */
  wrongMentions: { at: number; words: string; drafted: string; expected: string }[];
  ms: number;
}

type Gold = { span: Span; slug: string };
const spanOf = (e: { start?: number; end?: number }): Span => ({
  start: e.start ?? 0,
  end: e.end ?? 0,
});

/** The answer for `slug`: its quotations' speakers and its actor citations; then removed. */
function takeAnswer(loaded: LoadedCorpus, slug: string): { quotes: Gold[]; names: Gold[] } {
  const text = loaded.articles.find((a) => a.record.slug === slug)?.text ?? '';
  // A DIRECT_QUOTE's excerpts that stand inside quotation marks; others are its attribution.
  const quoted = (e: Span) => /[“"‘]/u.test(text[e.start - 1] ?? '');
  const quotes: Gold[] = [];
  for (const s of loaded.statements) {
    if (s.article !== slug || s.record.kind !== 'DIRECT_QUOTE') continue;
    for (const e of [s.record.excerpt, ...s.record.excerpts]) {
      if ((e.article ?? slug) === slug && quoted(spanOf(e))) {
        quotes.push({ span: spanOf(e), slug: s.record.speaker });
      }
    }
  }
  const names: Gold[] = [];
  for (const a of loaded.actors) {
    const kept = a.record.excerpts.filter((e) => {
      if ((e.article ?? '') !== slug) return true;
      names.push({ span: spanOf(e), slug: a.record.slug });
      return false;
    });
    a.record.excerpts = kept;
  }
  for (const kind of ['meetings', 'draftAgreements', 'draftClauses', 'topics'] as const) {
    for (const item of loaded[kind]) {
      item.record.excerpts = item.record.excerpts.filter((e) => (e.article ?? '') !== slug);
    }
  }
  loaded.statements = loaded.statements.filter((s) => s.article !== slug);
  loaded.positions = loaded.positions.filter((s) => s.article !== slug);
  return { quotes, names };
}

type AnswerFile = {
  slug?: string;
  speaker?: string;
  kind?: string;
  excerpt?: Span;
  excerpts: Span[];
}[];

/** An answer written beside the article (fixtures: their speakers are not all in the registry). */
function readAnswer(dir: string, text: string): { quotes: Gold[]; names: Gold[] } {
  const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as AnswerFile;
  const quoted = (e: Span) => /[“"‘]/u.test(text[e.start - 1] ?? '');
  return {
    quotes: read('statements.json').flatMap((s) =>
      [s.excerpt, ...s.excerpts]
        .filter((e): e is Span => e !== undefined && quoted(e))
        .map((span) => ({ span, slug: s.speaker ?? '' })),
    ),
    names: read('actors.json').flatMap((c) =>
      c.excerpts.map((span) => ({ span, slug: c.slug ?? '' })),
    ),
  };
}

/**
 * Drafts article `slug` of `roots` from its text alone and scores the drafts against its own
 * records, or against the answer in `answers` (a folder of statements.json and actors.json).
 */
export function evaluate(
  roots: readonly string[],
  slug: string,
  answers?: string,
): { score: Score; drafts: Drafts } {
  const { loaded } = loadForDraft(roots);
  const text = loaded.articles.find((a) => a.record.slug === slug)?.text ?? '';
  const answer = answers ? readAnswer(answers, text) : takeAnswer(loaded, slug);
  const began = performance.now();
  const drafts = draftArticle(loaded, slug);
  const ms = performance.now() - began;

  const score: Score = {
    article: slug,
    quotations: 0,
    quotationsFound: 0,
    speakersRight: 0,
    wrongSpeakers: [],
    mentions: answer.names.length,
    mentionsFound: 0,
    drafted: 0,
    draftedWrong: 0,
    draftedElsewhere: 0,
    missedMentions: [],
    wrongMentions: [],
    ms,
  };
  // Each quoted span of the answer is a quotation; a repeated quote is one statement there.
  for (const gold of answer.quotes) {
    score.quotations++;
    const found = drafts.quotations.find((q) =>
      q.quotation.parts.some((p) => overlaps(p, gold.span)),
    );
    if (!found) continue;
    score.quotationsFound++;
    if (found.speaker === gold.slug) score.speakersRight++;
    else {
      score.wrongSpeakers.push({
        at: gold.span.start,
        words: text.slice(gold.span.start, gold.span.end).slice(0, 60),
        expected: gold.slug,
        drafted: found.speaker ?? '(none)',
        rule: found.rule,
      });
    }
  }
  const draftedNames = drafts.citations
    .filter((c) => c.kind === 'actors')
    .flatMap((c) => c.excerpts.map((e) => ({ span: spanOf(e), slug: c.slug })));
  for (const gold of answer.names) {
    if (draftedNames.some((d) => d.slug === gold.slug && overlaps(d.span, gold.span)))
      score.mentionsFound++;
    else {
      score.missedMentions.push({
        at: gold.span.start,
        words: text.slice(gold.span.start, gold.span.end).slice(0, 60),
        entity: gold.slug,
      });
    }
  }
  for (const d of draftedNames) {
    score.drafted++;
    // A name inside a longer excerpt of another entity ("Putin" in "Sergei Markov, a former
    // advisor to Putin") is not what the editor cited there, nor against it.
    const inside = (g: Gold) =>
      g.span.start <= d.span.start &&
      d.span.end <= g.span.end &&
      g.span.end - g.span.start > d.span.end - d.span.start;
    const there = answer.names.filter(
      (g) => overlaps(g.span, d.span) && (g.slug === d.slug || !inside(g)),
    );
    if (there.length === 0) score.draftedElsewhere++;
    else if (!there.some((g) => g.slug === d.slug)) {
      score.draftedWrong++;
      score.wrongMentions.push({
        at: d.span.start,
        words: text.slice(d.span.start, d.span.end),
        drafted: d.slug,
        expected: there.map((g) => g.slug).join(', '),
      });
    }
  }
  return { score, drafts };
}
