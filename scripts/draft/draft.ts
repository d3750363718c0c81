import { foldTerm } from '../../src/model/search-options.ts';
import { editDistance } from '../data/hints.ts';
import type { LoadedCorpus } from '../data/load.ts';
import { articleText } from '../data/locate.ts';
import type { ExcerptRecord } from '../data/records.ts';
import { slugify } from '../data/scaffold.ts';
import { attribute, maskQuotations, sentencesOf } from './attribute.ts';
import { type EntityKind, type Named, NameMatcher } from './names.ts';
import { type Quotation, quotationsOf, type Span } from './quotations.ts';
import { newNames, refsOf } from './refs.ts';

// Drafts an article's records from its text and the registry: a DIRECT_QUOTE for every
// quotation with its speaker, a PARAPHRASE where the cue is unambiguous, a citation for every
// name of a registry entity, and a registry actor for a speaker or name the registry lacks.
// What an editor already wrote (accepted, changed, or still a draft) is never drafted again.

export interface DraftExcerpt {
  start: number;
  end: number;
  text: string;
  draft?: string;
}

export interface DraftStatement {
  slug: string;
  kind: 'DIRECT_QUOTE' | 'PARAPHRASE';
  text: string;
  speaker: string;
  mentions: string[];
  draftClauses: string[];
  topics: string[];
  excerpt: DraftExcerpt;
  excerpts: DraftExcerpt[];
  draft: string;
}

export interface DraftActor {
  slug: string;
  name: string;
  kind: 'PERSON' | 'ORGANIZATION' | 'GROUP';
  roles: string[];
  aliases: string[];
  draft: string;
}

/** A citation to add (`draft` set) or excerpts to add to the article's existing citation. */
export interface DraftCitation {
  kind: EntityKind;
  slug: string;
  aliases: string[];
  excerpts: DraftExcerpt[];
  /** False when the article already cites the entity: only the excerpts are new. */
  isNew: boolean;
}

export interface Drafts {
  statements: DraftStatement[];
  citations: DraftCitation[];
  actors: DraftActor[];
  /** Every quotation, with the speaker found (or why none), for the report and the bench. */
  quotations: { quotation: Quotation; speaker?: string; rule: string }[];
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

type Spanned = { excerpt?: ExcerptRecord; excerpts?: ExcerptRecord[] };
const spansIn = (record: Spanned, article: string): Span[] =>
  [...(record.excerpt ? [record.excerpt] : []), ...(record.excerpts ?? [])]
    .filter(
      (e) => (e.article ?? article) === article && e.start !== undefined && e.end !== undefined,
    )
    .map((e) => ({ start: e.start ?? 0, end: e.end ?? 0 }));

const entityKinds: [EntityKind, (r: Record<string, unknown>) => string][] = [
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
function withSpellings(registry: readonly Named[], text: string): Named[] {
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
 * The drafts for article `slug` of `loaded` (loaded and its excerpts located; the build need
 * not pass): only what its records do not already hold.
 */
export function draftArticle(loaded: LoadedCorpus, slug: string): Drafts {
  const source = loaded.articles.find((a) => a.record.slug === slug);
  if (!source) throw new Error(`no article "${slug}" under the data root`);
  const { text, paragraphs } = articleText(source);
  const registry = withSpellings(registryNames(loaded), text);
  const quotations = quotationsOf(text, paragraphs);
  const quotedSpans = quotations.flatMap((q) => q.parts);

  // Names the registry lacks become draft actors; a person is named again by the last name.
  const registryMatcher = new NameMatcher(registry);
  const known = [...registryMatcher.matches(text), ...quotedSpans];
  const fresh = new Map<string, Named>();
  const takenSlugs = new Set(registry.filter((n) => n.kind === 'actors').map((n) => n.slug));
  for (const found of newNames(text, known)) {
    const slugOf = slugify(found.name);
    if (!slugOf || takenSlugs.has(slugOf) || fresh.has(slugOf)) continue;
    const last = found.name.split(/\s+/).at(-1) ?? found.name;
    fresh.set(slugOf, {
      kind: 'actors',
      slug: slugOf,
      forms: found.actorKind === 'PERSON' && last.length > 2 ? [found.name, last] : [found.name],
      actorKind: found.actorKind,
      roles: [],
      found:
        found.actorKind === 'PERSON'
          ? 'a person the registry lacks'
          : 'an organisation the registry lacks',
    });
  }
  const names = new NameMatcher([...registry, ...fresh.values()]);
  const countries = new NameMatcher(registry.filter((n) => n.actorKind === 'COUNTRY'));
  const refs = refsOf(text, quotedSpans, names, countries);
  const masked = maskQuotations(text, quotations);
  const sentences = paragraphs.flatMap((p) => sentencesOf(masked, p));
  const { attributions, described, introduced } = attribute(
    text,
    masked,
    quotations,
    sentences,
    refs,
    [...registry.filter((n) => n.kind === 'actors'), ...fresh.values()],
  );

  const own = <T extends Spanned>(items: { record: T; article: string }[]) =>
    items.filter((i) => i.article === slug);
  const statements = own(loaded.statements);
  const quotedBefore = statements
    .filter((s) => s.record.kind === 'DIRECT_QUOTE')
    .flatMap((s) => spansIn(s.record, slug));
  const statedBefore = statements.flatMap((s) => spansIn(s.record, slug));
  const usedSlugs = new Set(loaded.statements.map((s) => s.record.slug));
  const uniqueSlug = (base: string) => {
    let candidate = base;
    for (let n = 2; usedSlugs.has(candidate); n++) candidate = `${base}-${n}`;
    usedSlugs.add(candidate);
    return candidate;
  };
  const excerptOf = (span: Span, draft?: string): DraftExcerpt => ({
    start: span.start,
    end: span.end,
    text: text.slice(span.start, span.end),
    ...(draft ? { draft } : {}),
  });
  const speakers = new Map<string, Named>();
  const unattributed: Named = {
    kind: 'actors',
    slug: 'unattributed-speaker',
    forms: ['Unattributed speaker'],
    actorKind: 'GROUP',
    found: "a stand-in for speakers not found: set those statements' speakers, then delete it",
  };
  const standIns: Span[] = [];
  const drafts: Drafts = { statements: [], citations: [], actors: [], quotations: [] };

  quotations.forEach((quotation, i) => {
    const attribution = attributions[i] ?? { speaker: undefined, rule: 'no speaker found' };
    const speaker = attribution.speaker;
    drafts.quotations.push({ quotation, speaker: speaker?.slug, rule: attribution.rule });
    const [first, ...rest] = quotation.parts;
    if (!first || quotedBefore.some((s) => s.start === first.start)) return;
    // A statement's text is its excerpt's words; a quotation continued into the next
    // paragraph keeps the continuation as a further excerpt.
    const words = text.slice(first.start, first.end);
    // No speaker found: the publisher stands in, or a stand-in actor, so that the draft
    // still builds; its mark says to set the speaker.
    const standIn = speaker ? undefined : (source.record.publisher ?? unattributed.slug);
    if (standIn === unattributed.slug) {
      if (!takenSlugs.has(unattributed.slug)) fresh.set(unattributed.slug, unattributed);
      standIns.push(first);
    }
    const speakerSlug = speaker?.slug ?? (standIn as string);
    if (speaker) speakers.set(speaker.slug, speaker);
    const rule = `${rest.length > 0 ? 'quotation continued in the next paragraph' : 'quotation'}; ${
      speaker
        ? `speaker by ${attribution.rule}`
        : `no speaker found, ${standIn === unattributed.slug ? 'a stand-in' : 'the publisher'} stands in: set the speaker`
    }`;
    // The same words from the same speaker again: one statement, a further excerpt.
    const again = drafts.statements.find(
      (s) => s.kind === 'DIRECT_QUOTE' && s.text === words && s.speaker === speakerSlug,
    );
    if (again) {
      again.excerpts.push(excerptOf(first));
      return;
    }
    const mentions = new Set<string>();
    for (const part of quotation.parts) {
      for (const m of names.matches(text, part.start, part.end)) {
        if (m.entity.kind === 'actors' && m.entity.slug !== speakerSlug)
          mentions.add(m.entity.slug);
      }
    }
    const opening = slugify(words).split('-').slice(0, 5).join('-');
    const who = speakerSlug.split('-').at(-1) ?? speakerSlug;
    drafts.statements.push({
      slug: uniqueSlug(`${who}-${opening}`.slice(0, 60).replace(/-$/, '')),
      kind: 'DIRECT_QUOTE',
      text: words,
      speaker: speakerSlug,
      mentions: [...mentions],
      draftClauses: [],
      topics: [],
      excerpt: excerptOf(first),
      excerpts: [
        ...rest.map((p) => excerptOf(p)),
        ...(attribution.cue && !overlaps(attribution.cue, first)
          ? [excerptOf(attribution.cue)]
          : []),
      ],
      draft: rule,
    });
  });

  // "X said that …" and "…, according to X.": a paraphrase whose speaker is unambiguous.
  for (const sentence of sentences) {
    if (quotations.some((q) => q.parts.some((p) => overlaps(p, sentence)))) continue;
    if (statedBefore.some((s) => overlaps(s, sentence))) continue;
    const words = text.slice(sentence.start, sentence.end);
    const inside = refs.filter((r) => r.start >= sentence.start && r.end <= sentence.end);
    const saidThat = /^(?:[^,]{0,40},\s+)?$/u;
    let speaker: Named | undefined;
    let rule = '';
    const according = /,\s+according to\s+(.+?)[.]?$/u.exec(words);
    if (according) {
      const ref = inside.find(
        (r) =>
          r.start ===
          sentence.start + (according.index ?? 0) + according[0].indexOf(according[1] ?? ''),
      );
      if (ref?.type === 'entity' && ref.end >= sentence.end - 1) {
        speaker = ref.entity;
        rule = 'paraphrase: "…, according to X"';
      }
    } else {
      const first = inside[0];
      const cue =
        first &&
        /^\s+(?:also\s+)?(?:said|says|told\s+\p{L}+|has said|had said)\s+that\s/u.exec(
          text.slice(first.end, sentence.end),
        );
      if (
        first?.type === 'entity' &&
        cue &&
        saidThat.test(text.slice(sentence.start, first.start))
      ) {
        speaker = first.entity;
        rule = 'paraphrase: "X said that …"';
      }
    }
    if (!speaker) continue;
    speakers.set(speaker.slug, speaker);
    const opening = slugify(words).split('-').slice(0, 5).join('-');
    drafts.statements.push({
      slug: uniqueSlug(
        `${speaker.slug.split('-').at(-1)}-${opening}`.slice(0, 60).replace(/-$/, ''),
      ),
      kind: 'PARAPHRASE',
      text: words,
      speaker: speaker.slug,
      mentions: [],
      draftClauses: [],
      topics: [],
      excerpt: excerptOf(sentence),
      excerpts: [],
      draft: rule,
    });
  }

  // Citations: every name of an entity, where the article does not already cite that place.
  const citedBefore = new Map<string, { spans: Span[] }>();
  for (const [kind] of entityKinds) {
    for (const { record } of loaded[kind] as { record: { slug: string } & Spanned }[]) {
      const spans = spansIn(record, slug);
      if (spans.length > 0) citedBefore.set(`${kind} ${record.slug}`, { spans });
    }
  }
  const citations = new Map<string, DraftCitation>();
  // A description the text resolves ("the Kestrian minister") names its person, not the
  // country its adjective names: one place, one entity.
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
  for (const m of candidates) {
    const key = `${m.entity.kind} ${m.entity.slug}`;
    const before = citedBefore.get(key);
    if (before?.spans.some((s) => overlaps(s, m))) continue;
    const citation = citations.get(key) ?? {
      kind: m.entity.kind,
      slug: m.entity.slug,
      aliases: [],
      excerpts: [],
      isNew: !before,
    };
    citations.set(key, citation);
    citation.excerpts.push(excerptOf(m, `name: "${m.form}"`));
    if (m.entity.kind === 'actors' && !citation.aliases.includes(m.form))
      citation.aliases.push(m.form);
  }
  // The stand-in is cited where it stands in, as every registry entry must be named.
  if (standIns.length > 0 && !citedBefore.has(`actors ${unattributed.slug}`)) {
    citations.set(`actors ${unattributed.slug}`, {
      kind: 'actors',
      slug: unattributed.slug,
      aliases: [],
      excerpts: standIns.map((span) => excerptOf(span, 'stands in for a speaker not found')),
      isNew: true,
    });
  }
  drafts.citations = [...citations.values()];

  // The actors the registry lacks that the drafts name: speakers, and names cited.
  for (const named of introduced) if (!fresh.has(named.slug)) fresh.set(named.slug, named);
  for (const named of fresh.values()) {
    if (!speakers.has(named.slug) && !citations.has(`actors ${named.slug}`)) continue;
    drafts.actors.push({
      slug: named.slug,
      name: named.forms[0] ?? named.slug,
      kind:
        named.actorKind === 'ORGANIZATION' || named.actorKind === 'GROUP'
          ? named.actorKind
          : 'PERSON',
      roles: [],
      aliases: [],
      draft: named.found ?? 'an actor the registry lacks',
    });
  }
  return drafts;
}
