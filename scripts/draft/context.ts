import type { DraftExcerpt } from './draft.ts';
import type { Named } from './names.ts';
import type { Span } from './quotations.ts';

// What drafting one article shares between its steps: the text, the excerpts made from it,
// the statement slugs taken, and the actors the drafts make speak.

export interface DraftContext {
  text: string;
  /** The excerpt of `span`, marked with `draft` when it is a draft on its own. */
  excerptOf(span: Span, draft?: string): DraftExcerpt;
  /** A statement slug from `base`, unique in the archive and among the drafts. */
  uniqueSlug(base: string): string;
  /** The speakers of the drafts, by slug. */
  speakers: Map<string, Named>;
}

export function draftContext(text: string, usedSlugs: Iterable<string>): DraftContext {
  const used = new Set(usedSlugs);
  return {
    text,
    excerptOf: (span, draft) => ({
      start: span.start,
      end: span.end,
      text: text.slice(span.start, span.end),
      ...(draft ? { draft } : {}),
    }),
    uniqueSlug(base) {
      let candidate = base;
      for (let n = 2; used.has(candidate); n++) candidate = `${base}-${n}`;
      used.add(candidate);
      return candidate;
    },
    speakers: new Map(),
  };
}
