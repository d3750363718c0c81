import { foldTerm } from '../../src/model/search-options.ts';
import { editDistance } from '../data/hints.ts';
import type { LoadedCorpus } from '../data/load.ts';
import { slugify } from '../data/scaffold.ts';
import type { EntityKind, Named } from './names.ts';
import type { Span } from './quotations.ts';
import { newNames } from './refs.ts';

// Who and what the drafter can name: the registry's entities with every form the archive
// knows them by, the spellings this text gives the registry's people, and the people and
// organisations the text names that the registry lacks.

export const entityKinds: [EntityKind, (r: Record<string, unknown>) => string][] = [
  ['actors', (r) => String(r.name)],
  ['meetings', (r) => String(r.name)],
  ['draftAgreements', (r) => String(r.title)],
  ['draftClauses', (r) => String(r.title)],
  ['topics', (r) => String(r.name)],
];

/** The registry as the drafter matches it: every entity with its name and known aliases. */
export function registryNames(loaded: LoadedCorpus): Named[] {
  const named: Named[] = [];
  for (const [kind, nameOf] of entityKinds) {
    for (const { record } of loaded[kind] as { record: Record<string, unknown> }[]) {
      const aliases = (record.aliases as string[] | undefined) ?? [];
      named.push({
        kind,
        slug: String(record.slug),
        forms: [nameOf(record), ...aliases],
        actorKind: record.kind as string | undefined,
        roles: record.roles as string[] | undefined,
        affiliation: record.affiliation as string | undefined,
      });
    }
  }
  return named;
}

/**
 * The registry's people with the spellings of their surnames this text uses: the same but
 * for diacritics ("Erdoğan"), or a letter apart from a long name ("Zelensky", "Zelenskiy").
 * Outlets transliterate names each their own way; without this a report that spells a
 * registry person its own way would draft them as a new actor.
 */
export function withSpellings(registry: readonly Named[], text: string): Named[] {
  const words = new Set(text.match(/\p{Lu}[\p{L}’'-]+/gu) ?? []);
  const known = new Set(registry.flatMap((n) => n.forms));
  return registry.map((named) => {
    if (named.actorKind !== 'PERSON') return named;
    // Forms that are names ("Vladimir Putin", "Putin"), not descriptions ("The Russian president").
    const names = named.forms.filter((f) =>
      /^\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*)*$/u.test(f),
    );
    const surnames = new Set(names.map((f) => f.split(/\s+/).at(-1) ?? f));
    const added: string[] = [];
    for (const word of words) {
      if (known.has(word)) continue;
      const folded = foldTerm(word);
      for (const surname of surnames) {
        const target = foldTerm(surname);
        const near =
          folded === target ||
          (target.length >= 6 && folded[0] === target[0] && editDistance(folded, target, 1) <= 1);
        if (!near) continue;
        // Every form that ends with the surname, spelled the text's way.
        for (const form of named.forms) {
          if (form.endsWith(surname))
            added.push(form.slice(0, form.length - surname.length) + word);
        }
      }
    }
    return added.length > 0 ? { ...named, forms: [...named.forms, ...added] } : named;
  });
}

/**
 * The people and organisations `text` names that `registry` lacks, outside `known` spans (the
 * registry's names, the quotations): each an actor to draft, a person named again by the last
 * word of their name.
 */
export function freshActors(
  text: string,
  registry: readonly Named[],
  known: readonly Span[],
): Map<string, Named> {
  const fresh = new Map<string, Named>();
  const taken = new Set(registry.filter((n) => n.kind === 'actors').map((n) => n.slug));
  for (const found of newNames(text, known)) {
    const slug = slugify(found.name);
    if (!slug || taken.has(slug) || fresh.has(slug)) continue;
    const last = found.name.split(/\s+/).at(-1) ?? found.name;
    fresh.set(slug, {
      kind: 'actors',
      slug,
      forms: found.actorKind === 'PERSON' && last.length > 2 ? [found.name, last] : [found.name],
      actorKind: found.actorKind,
      roles: [],
      found:
        found.actorKind === 'PERSON'
          ? 'a person the registry lacks'
          : 'an organisation the registry lacks',
    });
  }
  return fresh;
}
