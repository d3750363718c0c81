import { createRequire } from 'node:module';
import type { ActorKind } from '../../src/model/enums.ts';
import { escapeRegExp, type Named, type NameMatcher } from './names.ts';
import type { Span } from './quotations.ts';

// compromise's one-file CommonJS build: its ES entry is hundreds of source modules, which
// took most of the drafting command's start.
const nlp: typeof import('compromise').default = createRequire(import.meta.url)('compromise');

// What in an article can be a speaker: a registry entity by name, a person or organisation the
// registry lacks, a description ("the Russian analyst") or a pronoun. Attribution reads these
// outside the quotations, in the order they stand.

export type Ref =
  | (Span & { type: 'entity'; entity: Named; form: string; possessive: boolean })
  | (Span & {
      type: 'description';
      words: string;
      /** Where its noun ends: the words after it ("for President Vanek") name others too. */
      headEnd: number;
      /** The name set off after it ("the Turkish foreign minister, Hakan Fidan,"). */
      apposed?: Named;
      adjective?: string;
      noun: string;
      definite: boolean;
      possessive: boolean;
      owner?: Named;
    })
  | (Span & { type: 'pronoun'; plural: boolean; possessive: false });

/** Nouns a news report names a speaker by when it does not repeat the name. */
export const roleNouns = [
  'foreign minister',
  'defence minister',
  'defense minister',
  'prime minister',
  'head of state',
  'president',
  'leader',
  'analyst',
  'expert',
  'minister',
  'official',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'diplomat',
  'envoy',
  'academic',
  'professor',
  'commander',
  'chancellor',
  'negotiator',
  'ambassador',
  'researcher',
  'economist',
  'general',
  'senator',
  'premier',
  'lawmaker',
  'politician',
  'adviser',
  'advisor',
  'aide',
  'source',
  'officer',
  'scholar',
  'observer',
  'commentator',
  'mediator',
  'secretary',
  'mayor',
  'governor',
];
export const headOfState = /president|prime minister|premier|chancellor|leader|head of state/i;

/** What a name the registry lacks can be taken for. */
type NewKind = Extract<ActorKind, 'PERSON' | 'ORGANIZATION'>;

const possessiveAfter = /^[’']s?(?![\p{L}])/u;
// A title before a name the registry lacks ("Foreign Minister Hakan Fidan"): compromise misses
// names after some titles, and a title is the surest sign of a person.
const titled =
  /\b(?:[Pp]resident|[Mm]inister|[Ss]pokes(?:man|woman|person)|[Ss]ecretary|[Cc]hancellor|[Aa]dvis[eo]r|[Aa]ide|[Ee]nvoy|[Aa]mbassador|[Gg]eneral|[Cc]ommander|[Dd]irector|[Cc]hief|[Ss]enator|[Mm]ayor|[Gg]overnor|[Nn]egotiator|[Oo]fficial|[Aa]nalyst|[Ee]xpert|[Pp]rofessor|Dr\.)(?:\s+of\s+\p{Lu}\p{L}+)?,?\s+((?:\p{Lu}[\p{L}’'-]+\s+){0,2}\p{Lu}[\p{L}’'-]+)/gu;
// Capitalised words that open sentences and clauses, or name days and months: no one's name.
const notNames = new Set(
  'Mr Mrs Ms Dr Sir The A An In On At But And As If When While After Before Asked Speaking Also Since During Despite For From With Without Under Over Meanwhile However Still Yet Some Many Most Both Other Others This That These Those It Its Our We They He She His Her Their Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split(
    ' ',
  ),
);
const speech =
  /^(?:\s*,[^,]{1,100},)?(?:\s*,)?\s+(?:has\s+|had\s+|also\s+|later\s+|was\s+)*(?:said|says|told|tells|added|adds|wrote|writes|warned|argued|noted|stressed|insisted|explained|accused|urged|called|declared|announced|quoted)\b/u;
const orgWords =
  /\b(?:Ministry|Agency|Institute|Council|Party|Brigade|Foundation|University|Office|Commission|Committee|Union|Organi[sz]ation|Company|Bank|Fund|Army|Forces|Times|Post|News|Press|Service|Centre|Center|Alliance)\b/;

const strip = (s: string) => s.replace(/[\s,.;:!?”"’']+$/u, '').replace(/[’']s$/u, '');

/** Names of people and organisations in `text` the registry matcher did not find. */
export function newNames(
  text: string,
  known: readonly Span[],
): (Span & { name: string; actorKind: NewKind })[] {
  const found: (Span & { name: string; actorKind: NewKind })[] = [];
  const add = (start: number, raw: string, actorKind: NewKind) => {
    const name = strip(raw.trim());
    const lead = raw.length - raw.trimStart().length;
    const from = start + lead;
    const end = from + name.length;
    // One word is a surname at best, said again later; a name is at least a first and last.
    if (name.split(/\s+/).length < 2 && actorKind === 'PERSON') return;
    if (!/^\p{Lu}/u.test(name)) return;
    if (known.some((k) => k.start < end && from < k.end)) return;
    if (found.some((f) => f.start < end && from < f.end)) return;
    found.push({ start: from, end, name, actorKind });
  };
  for (const m of text.matchAll(titled)) {
    const name = m[1] ?? '';
    add(
      (m.index ?? 0) + m[0].length - name.length,
      name,
      orgWords.test(name) ? 'ORGANIZATION' : 'PERSON',
    );
  }
  // Two or three capitalised words that read as a person's name where news style puts one:
  // set off by commas, after a speech verb, before one, or with the last word said again alone
  // ("Andriy Yermak … Yermak wrote").
  for (const m of text.matchAll(
    /(?<![\p{L}’'.-])(\p{Lu}\p{Ll}+(?:[-’']\p{Lu}?\p{Ll}+)?)(\s+\p{Lu}\p{Ll}+(?:[-’']\p{Lu}?\p{Ll}+)?){1,2}(?![\p{L}])/gu,
  )) {
    const words = m[0].split(/\s+/);
    if (words.some((w) => notNames.has(w))) continue;
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const last = words.at(-1) ?? '';
    const before = text.slice(Math.max(0, start - 12), start);
    const after = text.slice(end, end + 40);
    const again = new RegExp(`(?<![\\p{L}])${escapeRegExp(last)}(?![\\p{L}])`, 'gu');
    const said = (text.match(again) ?? []).length > 1;
    const apposed = /,\s*$/u.test(before) && /^,/u.test(after);
    const cued = /(?:said|says|told|added|wrote)\s+$/u.test(before) || speech.test(after);
    if (said || apposed || cued) add(start, m[0], orgWords.test(m[0]) ? 'ORGANIZATION' : 'PERSON');
  }
  // "Mr Peskov": an honorific makes one word a person's name, the name the text gives them.
  for (const m of text.matchAll(
    /(?<![\p{L}])(?:Mr|Mrs|Ms|Dr)\.?\s+(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}])/gu,
  )) {
    const surname = m[1] ?? '';
    const at = (m.index ?? 0) + m[0].length - surname.length;
    if (!known.some((k) => k.start < at + surname.length && at < k.end)) {
      found.push({ start: at, end: at + surname.length, name: surname, actorKind: 'PERSON' });
    }
  }
  const doc = nlp(text);
  type Hit = { text: string; offset: { start: number; length: number } };
  for (const hit of doc.people().json({ offset: true }) as Hit[]) {
    add(
      hit.offset.start,
      text.slice(hit.offset.start, hit.offset.start + hit.offset.length),
      'PERSON',
    );
  }
  for (const hit of doc.organizations().json({ offset: true }) as Hit[]) {
    const words = text.slice(hit.offset.start, hit.offset.start + hit.offset.length);
    // "in the Oval Office" is a place.
    const place = /\b(?:in|at|from|to|into|outside|inside)\s+(?:the\s+)?$/u.test(
      text.slice(Math.max(0, hit.offset.start - 12), hit.offset.start),
    );
    if (orgWords.test(words) && !place) add(hit.offset.start, words, 'ORGANIZATION');
  }
  return found.sort((a, b) => a.start - b.start);
}

// "a source in the Ukrainian delegation": what names someone the text does not name, the
// phrase after the noun included, since it is all an editor has to call them by.
const description = new RegExp(
  `(?<![\\p{L}])([Tt]he|[Aa]n?)\\s+((?:[\\p{Lu}][\\p{L}-]+|senior|top|leading|former|chief|foreign|local|independent|political|military|western|Western)\\s+){0,3}(${roleNouns.map(escapeRegExp).join('|')})(?![\\p{L}])((?:\\s+(?:in|of|for|at|from|with|close to|familiar with)\\s+(?:the\\s+)?(?:[\\p{Lu}][\\p{L}-]*\\s+){0,3}[\\p{L}-]+))?`,
  'gu',
);
const pronoun = /(?<![\p{L}])([Hh]e|[Ss]he|[Tt]hey)(?![\p{L}])/gu;

/**
 * Every ref of `text` outside `quoted` (quotations' spans): names (the registry's and the new
 * ones `names` also holds), descriptions and pronouns, left to right, none overlapping a name.
 */
export function refsOf(
  text: string,
  quoted: readonly Span[],
  names: NameMatcher,
  countries: NameMatcher,
): Ref[] {
  const outside = (s: Span) => !quoted.some((q) => q.start < s.end && s.start < q.end);
  const refs: Ref[] = [];
  const taken: Span[] = [];
  const possessive = (end: number) => possessiveAfter.test(text.slice(end, end + 2));
  const descriptions = [...text.matchAll(description)].map((m) => {
    const definite = (m[1] ?? '').toLowerCase() === 'the';
    // A definite one is matched to the registry's aliases ("The Russian analyst"): its noun
    // ends it. An indefinite one keeps its phrase, the name a new actor would take.
    const words = definite ? m[0].slice(0, m[0].length - (m[4] ?? '').length) : m[0];
    const start = m.index ?? 0;
    const headEnd = start + m[0].length - (m[4] ?? '').length;
    return {
      start,
      end: start + words.length,
      headEnd,
      words,
      noun: (m[3] ?? '').toLowerCase(),
      definite,
    };
  });
  // Only actors speak: a topic's or a meeting's name is no speaker.
  const named = names.matches(text).filter((m) => m.entity.kind === 'actors');
  // "The Kestrian minister" is one ref, a person: not the country its adjective names.
  for (const d of descriptions) {
    if (!outside(d)) continue;
    const alias = named.find(
      (m) => m.start <= d.start && d.end <= m.end && m.entity.kind === 'actors',
    );
    if (alias && alias.entity.actorKind !== 'PERSON') continue;
    const span = alias ? { start: alias.start, end: alias.end } : { start: d.start, end: d.end };
    if (taken.some((t) => t.start < span.end && span.start < t.end)) continue;
    taken.push(alias ? span : { start: d.start, end: d.headEnd });
    // "Abdullah Erboga, an Istanbul-based academic": an apposition says who a name is; it
    // names no one else.
    const previous = named.filter((m) => m.end <= d.start).at(-1);
    if (!d.definite && previous && /^\s*,\s*$/u.test(text.slice(previous.end, d.start))) continue;
    refs.push({
      ...span,
      type: 'description',
      words: d.words,
      headEnd: alias ? span.end : d.headEnd,
      noun: d.noun,
      adjective: countries.matches(d.words)[0]?.entity.slug,
      definite: d.definite,
      possessive: possessive(span.end),
      owner: alias?.entity,
    });
  }
  for (const m of named) {
    if (!outside(m) || taken.some((t) => t.start < m.end && m.start < t.end)) continue;
    taken.push(m);
    refs.push({
      start: m.start,
      end: m.end,
      type: 'entity',
      entity: m.entity,
      form: m.form,
      possessive: possessive(m.end),
    });
  }
  for (const m of text.matchAll(pronoun)) {
    const start = m.index ?? 0;
    const span = { start, end: start + m[0].length };
    if (!outside(span)) continue;
    refs.push({
      ...span,
      type: 'pronoun',
      plural: (m[1] ?? '').toLowerCase() === 'they',
      possessive: false,
    });
  }
  refs.sort((a, b) => a.start - b.start);
  refs.forEach((ref, i) => {
    const next = refs[i + 1];
    if (ref.type !== 'description' || !ref.definite || next?.type !== 'entity') return;
    if (/^\s*,\s*$/u.test(text.slice(ref.end, next.start)) && /^\s*,/u.test(text.slice(next.end))) {
      ref.apposed = next.entity;
    }
  });
  return refs;
}
