import type { Quotation, Span } from './quotations.ts';

// An article's sentences, read with its quotations blanked: a full stop inside a quotation
// ends no sentence, and nothing quoted reads as a cue for who speaks.

const abbreviations =
  /(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sen|Rep|Gov|Prof|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b\p{Lu}|\b(?:U\.S|U\.K|U\.N|E\.U))\.$/u;

/** The sentences of one paragraph of `masked` (quotations blanked), as spans. */
export function sentencesOf(masked: string, paragraph: Span): Span[] {
  const spans: Span[] = [];
  let start = paragraph.start;
  // A new sentence opens with a capital, a digit, or a quotation mark.
  const boundary = /[.?!][”"’)]*\s+(?=[“"‘(\p{Lu}\d])/gu;
  const body = masked.slice(paragraph.start, paragraph.end);
  for (const m of body.matchAll(boundary)) {
    const at = paragraph.start + (m.index ?? 0);
    if (abbreviations.test(masked.slice(Math.max(paragraph.start, at - 6), at + 1))) continue;
    const end = at + m[0].trimEnd().length;
    spans.push({ start, end });
    start = at + m[0].length;
  }
  if (start < paragraph.end) spans.push({ start, end: paragraph.end });
  return spans;
}

/** `text` with every quotation's words blanked, so that nothing quoted reads as a cue. */
export function maskQuotations(text: string, quotations: readonly Quotation[]): string {
  const chars = [...text.split('')];
  for (const q of quotations) {
    for (const p of q.parts) {
      // A ? or ! that closes the quote closes the sentence too; keep it for the splitter.
      const last = /[?!]$/.test(text.slice(p.start, p.end)) ? p.end - 1 : p.end;
      for (let i = p.start; i < last; i++) chars[i] = '∎';
    }
  }
  return chars.join('');
}
