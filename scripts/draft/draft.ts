import type { ActorKind, StatementKind } from '../../src/model/enums.ts';
import { type LoadedCorpus, loadCorpus } from '../data/load.ts';
import { articleText, locateExcerpts } from '../data/locate.ts';
import { Problems } from '../data/problems.ts';
import type { ExcerptRecord } from '../data/records.ts';
import { attribute } from './attribute.ts';
import { citations } from './citations.ts';
import { draftContext } from './context.ts';
import { type EntityKind, type Named, NameMatcher } from './names.ts';
import { type Quotation, quotationsOf, type Span } from './quotations.ts';
import { refsOf } from './refs.ts';
import { entityKinds, freshActors, registryNames, withSpellings } from './registry.ts';
import { maskQuotations, sentencesOf } from './sentences.ts';
import { paraphraseStatements, quoteStatements, type StandIn } from './statements.ts';

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
  /** The kinds a draft can be sure of: REPORTED needs an editor's judgement. */
  kind: Extract<StatementKind, 'DIRECT_QUOTE' | 'PARAPHRASE'>;
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
  kind: Extract<ActorKind, 'PERSON' | 'ORGANIZATION' | 'GROUP'>;
  roles: string[];
  aliases: string[];
  draft: string;
}

/** A citation to add, or excerpts to add to the article's citation of the entity. */
export interface DraftCitation {
  kind: EntityKind;
  slug: string;
  aliases: string[];
  excerpts: DraftExcerpt[];
}

export interface Drafts {
  statements: DraftStatement[];
  citations: DraftCitation[];
  actors: DraftActor[];
  /** Every quotation, with the speaker found (or why none), for the report and the bench. */
  quotations: { quotation: Quotation; speaker?: string; rule: string }[];
}

type Spanned = { excerpt?: ExcerptRecord; excerpts?: ExcerptRecord[] };
/** The spans of `record`'s excerpts that stand in `article`. */
const spansIn = (record: Spanned, article: string): Span[] =>
  [...(record.excerpt ? [record.excerpt] : []), ...(record.excerpts ?? [])]
    .filter(
      (e) => (e.article ?? article) === article && e.start !== undefined && e.end !== undefined,
    )
    .map((e) => ({ start: e.start ?? 0, end: e.end ?? 0 }));

/** Speaks where no speaker is found and the article has no publisher to stand in. */
const unattributed: Named = {
  kind: 'actors',
  slug: 'unattributed-speaker',
  forms: ['Unattributed speaker'],
  actorKind: 'GROUP',
  found: "a stand-in for speakers not found: set those statements' speakers, then delete it",
};

/** Loads `roots` as the drafter does: tolerant of a failing build, excerpts located. */
export function loadForDraft(roots: readonly string[]): {
  loaded: LoadedCorpus;
  problems: Problems;
} {
  const problems = new Problems();
  const loaded = loadCorpus(roots, problems, { partial: true });
  locateExcerpts(loaded, problems);
  return { loaded, problems };
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
  const fresh = freshActors(text, registry, [
    ...new NameMatcher(registry).matches(text),
    ...quotedSpans,
  ]);
  const names = new NameMatcher([...registry, ...fresh.values()]);
  const countries = new NameMatcher(registry.filter((n) => n.actorKind === 'COUNTRY'));
  const refs = refsOf(text, quotedSpans, names, countries);
  const masked = maskQuotations(text, quotations);
  const sentences = paragraphs.flatMap((p) => sentencesOf(masked, p));
  const actors = [...registry.filter((n) => n.kind === 'actors'), ...fresh.values()];
  const { attributions, described, introduced } = attribute(
    text,
    masked,
    quotations,
    sentences,
    refs,
    actors,
  );

  // What the article's records hold already.
  const statements = loaded.statements.filter((s) => s.article === slug);
  const quotedBefore = statements
    .filter((s) => s.record.kind === 'DIRECT_QUOTE')
    .flatMap((s) => spansIn(s.record, slug));
  const statedBefore = statements.flatMap((s) => spansIn(s.record, slug));
  const citedBefore = new Map<string, Span[]>();
  for (const [kind] of entityKinds) {
    for (const { record } of loaded[kind] as { record: { slug: string } & Spanned }[]) {
      const spans = spansIn(record, slug);
      if (spans.length > 0) citedBefore.set(`${kind} ${record.slug}`, spans);
    }
  }

  const context = draftContext(
    text,
    loaded.statements.map((s) => s.record.slug),
  );
  const publisher = source.record.publisher;
  const registered = actors.some((a) => a.slug === unattributed.slug);
  const standIn: StandIn = publisher
    ? { slug: publisher, places: [] }
    : { slug: unattributed.slug, actor: registered ? undefined : unattributed, places: [] };
  const drafts: Drafts = {
    statements: [
      ...quoteStatements(context, quotations, attributions, quotedBefore, names, standIn),
      ...paraphraseStatements(context, sentences, quotations, statedBefore, refs),
    ],
    citations: [],
    actors: [],
    quotations: quotations.map((quotation, i) => ({
      quotation,
      speaker: attributions[i]?.speaker?.slug,
      rule: attributions[i]?.rule ?? 'no speaker found',
    })),
  };
  const cited = citations(context, names, described, citedBefore);
  // The stand-in is cited where it stands in, as every registry entry must be named.
  if (standIn.actor && standIn.places.length > 0) {
    fresh.set(unattributed.slug, unattributed);
    cited.set(`actors ${unattributed.slug}`, {
      kind: 'actors',
      slug: unattributed.slug,
      aliases: [],
      excerpts: standIn.places.map((span) =>
        context.excerptOf(span, 'stands in for a speaker not found'),
      ),
    });
  }
  drafts.citations = [...cited.values()];

  // The actors the registry lacks that the drafts name: speakers, and names cited.
  for (const named of introduced) if (!fresh.has(named.slug)) fresh.set(named.slug, named);
  for (const named of fresh.values()) {
    if (!context.speakers.has(named.slug) && !cited.has(`actors ${named.slug}`)) continue;
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
