import { slugify } from '../data/scaffold.ts';
import type { Named } from './names.ts';
import { headOfState, type Ref } from './refs.ts';

// Whom a ref stands for where it stands: a name its entity, a pronoun or a definite
// description ("the Russian analyst") whoever the text was just speaking of that it fits, an
// indefinite one ("a source in the delegation") someone new.

export interface Context {
  text: string;
  masked: string;
  refs: readonly Ref[];
  actors: readonly Named[];
  /** Who the text spoke of, in order: subjects of sentences and speakers. */
  salient: { at: number; actor: Named }[];
  /** Actors named only by a description ("a source in the delegation"), by its place. */
  described: Map<number, Named>;
}

export const introducedFound = 'a speaker the text names only by a description';

/** The actor an indefinite description introduces: the text calls them nothing else. */
function introduced(ref: Extract<Ref, { type: 'description' }>, context: Context): Named {
  const known = context.described.get(ref.start);
  if (known) return known;
  const words = ref.words.replace(/^(?:an?|An?)\s+/u, '');
  const name = words[0]?.toUpperCase() + words.slice(1);
  const named: Named = {
    kind: 'actors',
    slug: slugify(words),
    forms: [name],
    actorKind: /s$/u.test(ref.noun) ? 'GROUP' : 'PERSON',
    roles: [],
    affiliation: ref.adjective,
    found: introducedFound,
  };
  context.described.set(ref.start, named);
  return named;
}

const personal = (n: Named) => n.actorKind === 'PERSON';
const collective = (n: Named) => n.actorKind !== 'PERSON';

/**
 * Whether `actor` can be "the <adjective> <noun>": surely (`strict`: what is known of it says
 * so), or for want of knowing otherwise (an actor the registry lacks has no roles).
 */
function fits(actor: Named, ref: Extract<Ref, { type: 'description' }>, strict: boolean): boolean {
  if (!personal(actor)) return false;
  if (ref.owner === actor) return true;
  if (ref.adjective && actor.affiliation !== ref.adjective && (strict || actor.affiliation))
    return false;
  const said = [...(actor.roles ?? []), ...actor.forms].join(' | ').toLowerCase();
  const known = headOfState.test(ref.noun) ? headOfState.test(said) : said.includes(ref.noun);
  return known || (!strict && (actor.roles ?? []).length === 0);
}

/** The actor `ref` stands for at its place in the text, if the text says. */
export function resolve(ref: Ref, context: Context): Named | undefined {
  if (ref.type === 'entity') return ref.entity;
  if (ref.type === 'description' && ref.apposed) return ref.apposed;
  const before = context.salient.filter((s) => s.at < ref.start).reverse();
  if (ref.type === 'pronoun') {
    return before.find((s) => (ref.plural ? collective(s.actor) : personal(s.actor)))?.actor;
  }
  if (!ref.definite) return introduced(ref, context);
  const recent = before.find((s) => fits(s.actor, ref, true))?.actor;
  if (recent) return recent;
  if (ref.owner) return ref.owner;
  // The only registry person the description fits ("the Russian president").
  const fitting = context.actors.filter((a) => fits(a, ref, true));
  if (fitting.length === 1) return fitting[0];
  return before.find((s) => fits(s.actor, ref, false))?.actor;
}
