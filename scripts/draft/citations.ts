import type { DraftContext } from './context.ts';
import type { DraftCitation } from './draft.ts';
import type { Named, NameMatcher } from './names.ts';
import { overlaps, type Span } from './quotations.ts';

// Where the text names an entity and the article does not cite it there yet: a citation
// excerpt each place, marked with the name found.

/** A description the text resolved ("the Kestrian minister"), `headEnd` where its noun ends. */
export type Described = Span & { actor: Named; headEnd: number };

/**
 * The citations of every name `names` finds and every resolved description, but for places
 * `citedBefore` (by `kind slug`) already holds. A resolved description names its person, not
 * the country its adjective names: one place, one entity.
 */
export function citations(
  context: DraftContext,
  names: NameMatcher,
  described: readonly Described[],
  citedBefore: ReadonlyMap<string, Span[]>,
): Map<string, DraftCitation> {
  const { text } = context;
  const candidates = [
    ...names
      .matches(text)
      .filter(
        (m) =>
          !described.some(
            (d) =>
              overlaps({ start: d.start, end: d.headEnd }, m) && d.actor.slug !== m.entity.slug,
          ),
      ),
    ...described
      .filter(
        (d) => !names.matches(text, d.start, d.end).some((m) => m.entity.slug === d.actor.slug),
      )
      .map((d) => ({ ...d, entity: d.actor, form: text.slice(d.start, d.end) })),
  ].sort((a, b) => a.start - b.start);
  const drafted = new Map<string, DraftCitation>();
  for (const m of candidates) {
    const key = `${m.entity.kind} ${m.entity.slug}`;
    if (citedBefore.get(key)?.some((s) => overlaps(s, m))) continue;
    const citation = drafted.get(key) ?? {
      kind: m.entity.kind,
      slug: m.entity.slug,
      aliases: [],
      excerpts: [],
    };
    drafted.set(key, citation);
    citation.excerpts.push(context.excerptOf(m, `name: "${m.form}"`));
    if (m.entity.kind === 'actors' && !citation.aliases.includes(m.form))
      citation.aliases.push(m.form);
  }
  return drafted;
}
