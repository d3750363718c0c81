// The quotations of an article, as a reader sees them: “…” and "…", ‘…’ where single marks are
// used as quotation marks, and a quotation continued into the next paragraph (the paragraph
// left open, the next one opening again, as news style writes a long quote).

export interface Span {
  start: number;
  end: number;
}

export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** One quotation: its parts (one unless continued across paragraphs), words without marks. */
export interface Quotation {
  parts: Span[];
  /** Where the marks stand, the opening of the first part and the closing of the last. */
  open: number;
  close: number;
}

const letter = /[\p{L}\p{N}]/u;
// A comma or full stop inside the closing mark belongs to the sentence (news style puts it
// there), so the quoted words stop before it, as the build's quotation check reads them.
const trailing = /[\s,.;:]+$/u;

/** The quoted words of [start, end), without the sentence's punctuation before the mark. */
function core(text: string, start: number, end: number): Span {
  const words = text.slice(start, end);
  const trimmed = words.replace(trailing, '');
  const lead = words.length - words.trimStart().length;
  return { start: start + lead, end: start + Math.max(lead, trimmed.length) };
}

const opensAt = (text: string, at: number): boolean => {
  const c = text[at];
  if (c === '“') return true;
  if (c === '"') return at === 0 || !letter.test(text[at - 1] ?? '');
  return false;
};

/** The double-quoted spans of one paragraph [from, to), an unclosed last one reaching `to`. */
function doubleQuoted(text: string, from: number, to: number): { span: Span; closed: boolean }[] {
  const found: { span: Span; closed: boolean }[] = [];
  let open = -1;
  for (let at = from; at < to; at++) {
    const c = text[at];
    if (open < 0) {
      if (opensAt(text, at)) open = at;
    } else if (c === '”' || c === '"') {
      found.push({ span: { start: open + 1, end: at }, closed: true });
      open = -1;
    }
  }
  if (open >= 0) found.push({ span: { start: open + 1, end: to }, closed: false });
  return found;
}

/** ‘…’ spans of a paragraph outside double quotes: ‘ after a non-letter, ’ before one. */
function singleQuoted(text: string, from: number, to: number, inside: readonly Span[]): Span[] {
  const found: Span[] = [];
  for (const m of text.slice(from, to).matchAll(/‘([^‘’\n]*(?:’\p{L}[^‘’\n]*)*)’(?!\p{L})/gu)) {
    const start = from + (m.index ?? 0);
    if (start > from && letter.test(text[start - 1] ?? '')) continue;
    if (inside.some((s) => s.start <= start && start < s.end)) continue;
    found.push({ start: start + 1, end: start + 1 + (m[1] ?? '').length });
  }
  return found;
}

/** Every quotation of `text` over its paragraphs ([start, end) of each), in text order. */
export function quotationsOf(text: string, paragraphs: readonly Span[]): Quotation[] {
  const found: Quotation[] = [];
  let continuing: Quotation | undefined;
  for (const p of paragraphs) {
    const doubles = doubleQuoted(text, p.start, p.end);
    const spans = doubles.map((d) => d.span);
    const all = [
      ...doubles.map((d) => ({ ...d, single: false })),
      ...singleQuoted(text, p.start, p.end, spans).map((span) => ({
        span,
        closed: true,
        single: true,
      })),
    ].sort((a, b) => a.span.start - b.span.start);
    all.forEach((q, i) => {
      const part = core(text, q.span.start, q.span.end);
      if (part.end <= part.start) return;
      // A paragraph opening with a mark while the previous one was left open continues it.
      if (continuing && i === 0 && q.span.start === p.start + 1) {
        continuing.parts.push(part);
        continuing.close = q.span.end;
      } else {
        continuing = undefined;
        found.push({ parts: [part], open: q.span.start - 1, close: q.span.end });
      }
      const current = found.at(-1);
      continuing = !q.closed && !q.single ? current : undefined;
    });
    if (all.length === 0) continuing = undefined;
  }
  return found;
}
