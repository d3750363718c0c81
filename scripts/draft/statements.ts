import { slugify } from '../data/scaffold.ts';
import type { Attribution } from './attribute.ts';
import type { DraftContext } from './context.ts';
import type { DraftStatement } from './draft.ts';
import type { Named, NameMatcher } from './names.ts';
import { overlaps, type Quotation, type Span } from './quotations.ts';
import type { Ref } from './refs.ts';

// The statements an article's text holds: a DIRECT_QUOTE for every quotation no record holds
// yet, and a PARAPHRASE where the cue leaves no doubt who speaks.

/** A statement slug: the speaker's last word, then the statement's first five words. */
const slugFor = (context: DraftContext, speaker: string, words: string) =>
  context.uniqueSlug(
    `${speaker.split('-').at(-1)}-${slugify(words).split('-').slice(0, 5).join('-')}`
      .slice(0, 60)
      .replace(/-$/, ''),
  );

/** Who speaks where no speaker was found: the publisher, or one stand-in actor. */
export interface StandIn {
  /** The publisher's slug; without one, the stand-in actor's. */
  slug: string;
  /** The stand-in actor, when there is no publisher. */
  actor?: Named;
  /** Where the stand-in actor stands in (its citation's excerpts). */
  places: Span[];
}

/**
 * A DIRECT_QUOTE for each quotation whose first words no DIRECT_QUOTE of the article holds
 * (`quotedBefore`), its text and excerpt the quoted words, its speaker the attribution's.
 */
export function quoteStatements(
  context: DraftContext,
  quotations: readonly Quotation[],
  attributions: readonly Attribution[],
  quotedBefore: readonly Span[],
  names: NameMatcher,
  standIn: StandIn,
): DraftStatement[] {
  const { text } = context;
  const drafted: DraftStatement[] = [];
  quotations.forEach((quotation, i) => {
    const { speaker, rule: found, cue } = attributions[i] ?? { speaker: undefined, rule: '' };
    const [first, ...rest] = quotation.parts;
    if (!first || quotedBefore.some((s) => s.start === first.start)) return;
    // A statement's text is its excerpt's words; a quotation continued into the next
    // paragraph keeps the continuation as a further excerpt.
    const words = text.slice(first.start, first.end);
    if (speaker) context.speakers.set(speaker.slug, speaker);
    else if (standIn.actor) standIn.places.push(first);
    const slug = speaker?.slug ?? standIn.slug;
    const rule = `${rest.length > 0 ? 'quotation continued in the next paragraph' : 'quotation'}; ${
      speaker
        ? `speaker by ${found}`
        : `no speaker found, ${standIn.actor ? 'a stand-in' : 'the publisher'} stands in: set the speaker`
    }`;
    // The same words from the same speaker again: one statement, a further excerpt.
    const again = drafted.find((s) => s.text === words && s.speaker === slug);
    if (again) {
      again.excerpts.push(context.excerptOf(first));
      return;
    }
    const mentions = new Set<string>();
    for (const part of quotation.parts) {
      for (const m of names.matches(text, part.start, part.end)) {
        if (m.entity.kind === 'actors' && m.entity.slug !== slug) mentions.add(m.entity.slug);
      }
    }
    drafted.push({
      slug: slugFor(context, slug, words),
      kind: 'DIRECT_QUOTE',
      text: words,
      speaker: slug,
      mentions: [...mentions],
      draftClauses: [],
      topics: [],
      excerpt: context.excerptOf(first),
      excerpts: [
        ...rest.map((p) => context.excerptOf(p)),
        ...(cue && !overlaps(cue, first) ? [context.excerptOf(cue)] : []),
      ],
      draft: rule,
    });
  });
  return drafted;
}

/** Who a sentence with no quotation paraphrases, where its cue leaves no doubt. */
function paraphrased(
  text: string,
  sentence: Span,
  refs: readonly Ref[],
): { speaker: Named; rule: string } | undefined {
  const words = text.slice(sentence.start, sentence.end);
  const inside = refs.filter((r) => r.start >= sentence.start && r.end <= sentence.end);
  const according = /,\s+according to\s+(.+?)[.]?$/u.exec(words);
  if (according) {
    const at = sentence.start + (according.index ?? 0) + according[0].indexOf(according[1] ?? '');
    const ref = inside.find((r) => r.start === at);
    if (ref?.type === 'entity' && ref.end >= sentence.end - 1) {
      return { speaker: ref.entity, rule: 'paraphrase: "…, according to X"' };
    }
    return undefined;
  }
  const first = inside[0];
  if (first?.type !== 'entity') return undefined;
  // X opens the sentence (after a short opening phrase at most) and says that …
  if (!/^(?:[^,]{0,40},\s+)?$/u.test(text.slice(sentence.start, first.start))) return undefined;
  const cue = /^\s+(?:also\s+)?(?:said|says|told\s+\p{L}+|has said|had said)\s+that\s/u;
  if (!cue.test(text.slice(first.end, sentence.end))) return undefined;
  return { speaker: first.entity, rule: 'paraphrase: "X said that …"' };
}

/**
 * A PARAPHRASE for each sentence with no quotation and no statement of the article
 * (`statedBefore`) that says "X said that …" or "…, according to X".
 */
export function paraphraseStatements(
  context: DraftContext,
  sentences: readonly Span[],
  quotations: readonly Quotation[],
  statedBefore: readonly Span[],
  refs: readonly Ref[],
): DraftStatement[] {
  const drafted: DraftStatement[] = [];
  for (const sentence of sentences) {
    if (quotations.some((q) => q.parts.some((p) => overlaps(p, sentence)))) continue;
    if (statedBefore.some((s) => overlaps(s, sentence))) continue;
    const found = paraphrased(context.text, sentence, refs);
    if (!found) continue;
    context.speakers.set(found.speaker.slug, found.speaker);
    const words = context.text.slice(sentence.start, sentence.end);
    drafted.push({
      slug: slugFor(context, found.speaker.slug, words),
      kind: 'PARAPHRASE',
      text: words,
      speaker: found.speaker.slug,
      mentions: [],
      draftClauses: [],
      topics: [],
      excerpt: context.excerptOf(sentence),
      excerpts: [],
      draft: found.rule,
    });
  }
  return drafted;
}
