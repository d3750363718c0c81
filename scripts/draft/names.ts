import type { Span } from './quotations.ts';

// Where an article names a registry entity: by its name or an alias the archive knows for it
// (an adjective such as "Russian" only where the registry lists it), the longest name at each
// place, no two overlapping, so that "the Trump administration" is one name and not "Trump".

export type EntityKind = 'actors' | 'meetings' | 'draftAgreements' | 'draftClauses' | 'topics';

/** A registry entity, as the drafter matches it. */
export interface Named {
  kind: EntityKind;
  slug: string;
  /** Name (or title) first, then every alias the registry and the archive's citations give. */
  forms: string[];
  /** An actor's kind (PERSON, COUNTRY, …). */
  actorKind?: string;
  roles?: string[];
  affiliation?: string;
  /** For an actor the registry lacks: the rule that found it (it is drafted into the registry). */
  found?: string;
}

export interface NameMatch extends Span {
  entity: Named;
  form: string;
}

/** `s` as it matches itself inside a regular expression. */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Forms an editor writes with a capital only because they open a sentence ("Analysts say")
// are matched either way; proper names keep their case ("Turkey", not "turkey").
const capitalFree = (named: Named) =>
  named.kind === 'topics' || named.actorKind === 'GROUP' || named.actorKind === undefined;

/** A matcher over every form of `entities`; each form names the first entity that lists it. */
export class NameMatcher {
  readonly #pattern: RegExp;
  readonly #byForm = new Map<string, Named>();

  constructor(entities: readonly Named[]) {
    const variants: string[] = [];
    for (const entity of entities) {
      for (const form of entity.forms) {
        // A one-word form in lower case is a common word ("Some" names a group, "some" not).
        const shapes = capitalFree(entity)
          ? [
              form,
              form[0]?.toUpperCase() + form.slice(1),
              ...(form.includes(' ') ? [form[0]?.toLowerCase() + form.slice(1)] : []),
            ]
          : [form];
        for (const shape of shapes) {
          if (shape.length < 2 || this.#byForm.has(shape)) continue;
          this.#byForm.set(shape, entity);
          variants.push(shape);
        }
      }
    }
    // Longest first: a regular expression takes the first alternative that matches at a place.
    variants.sort((a, b) => b.length - a.length);
    this.#pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${variants.map(escapeRegExp).join('|') || '(?!)'})(?![\\p{L}\\p{N}])`,
      'gu',
    );
  }

  /** The names in `text` [from, to), left to right, none overlapping. */
  matches(text: string, from = 0, to = text.length): NameMatch[] {
    const found: NameMatch[] = [];
    // One compiled pattern (hundreds of alternatives), its position reset for each call.
    const pattern = this.#pattern;
    pattern.lastIndex = from;
    for (let m = pattern.exec(text); m && m.index < to; m = pattern.exec(text)) {
      const end = m.index + m[0].length;
      if (end > to) break;
      const entity = this.#byForm.get(m[0]);
      if (entity) found.push({ start: m.index, end, entity, form: m[0] });
    }
    return found;
  }
}
