import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  agreementStatuses,
  clauseStatuses,
  meetingKinds,
  meetingStatuses,
  stances,
} from '../../src/model/enums.ts';
import type {
  ActorRecord,
  AgreementRecord,
  ArticleRecord,
  ClauseRecord,
  ExcerptRecord,
  MeetingRecord,
  PositionRecord,
  StatementRecord,
  TopicRecord,
} from '../data/records.ts';
import { moveToRegistry } from '../data/to-registry.ts';

// A synthetic corpus in the authored shape of data/articles/, for the scale benchmark. Each
// article is sized like the real one (istanbul-talks-2025): ~7 KB of text in ~35 lines, ~30
// actors, 50 statements (20 direct quotes), 10 meetings, 2 agreements, 10 clauses, 20
// positions, ~15 topics. Usage:
//   tsx scripts/bench/synthetic-corpus.ts --articles N --out DIR [--seed S]

// A seeded PRNG, so that the same (articles, seed) writes byte-identical files.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle([...items]).slice(0, Math.min(n, items.length));
  }
}

/** Per-article seeds, so that article k reads the same whatever N is. */
function mix(seed: number, k: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(k + 0x27d4eb2f, 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.imul(h, 0x7feb352d) >>> 0;
}

// Fixed-width consonant-vowel syllables make every concatenation decodable, which is what
// lets an encoded index serve as a name that is unique without a number in it.

const CONSONANTS = 'bdfghjklmnprstvwyz';
const VOWELS = 'aeiou';
const SYLLABLES = [...CONSONANTS].flatMap((c) => [...VOWELS].map((v) => c + v));
const ROOT_SPACE = SYLLABLES.length ** 3;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const kebab = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** A three-syllable root unique to `index`; the affine scramble keeps neighbours unalike. */
function uniqueRoot(index: number): string {
  if (index >= ROOT_SPACE) throw new Error(`more than ${ROOT_SPACE} unique names requested`);
  let n = (index * 7919 + 104729) % ROOT_SPACE;
  let root = '';
  for (let i = 0; i < 3; i++) {
    root += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return capitalize(root);
}

const FUNCTION_WORDS = (
  'the of and to in a on for with that is was would will not by as at from its their has have ' +
  'be this after over more than two sides any new first'
).split(' ');
const REAL_WORDS = (
  'ceasefire talks Istanbul peace deal delegation delegations prisoner exchange sanctions ' +
  'security guarantees negotiations troops border grain corridor summit truce withdrawal ' +
  'territory agreement memorandum draft proposal mediator envoy president minister foreign ' +
  'officials conflict war frontline humanitarian monitoring referendum neutrality reparations ' +
  'Ankara Geneva Kyiv Moscow Washington Brussels Doha Riyadh Europe'
).split(' ');

/** Function words first, then real and pseudo-words mixed, so a skewed draw looks Zipfian. */
const VOCABULARY: readonly string[] = (() => {
  const rng = new Rng(0x5eed);
  const pseudo = new Set<string>();
  while (pseudo.size < 320) {
    let word = '';
    for (let i = rng.int(2, 3); i > 0; i--) word += rng.pick(SYLLABLES);
    if (rng.chance(0.4)) word += rng.pick([...'nrslt']);
    pseudo.add(word);
  }
  return [...FUNCTION_WORDS, ...rng.shuffle([...REAL_WORDS, ...pseudo])];
})();

const PLACES = (
  'Istanbul,Ankara,Geneva,Doha,Riyadh,Vienna,' + 'Oslo,Helsinki,Minsk,Jeddah,Abu Dhabi,Antalya'
).split(',');
const SHARED_TOPICS = (
  'Ceasefire,Prisoner exchange,Sanctions,Security guarantees,Grain exports,Territorial claims,' +
  'Istanbul talks,Humanitarian corridors,Nuclear safety,Reparations,Neutrality,' +
  'Troop withdrawal,Peace deal,Mediation,Energy infrastructure,Black Sea shipping,Elections,' +
  'Refugees,Reconstruction,Arms supplies'
).split(',');
const CLAUSE_ADJECTIVES =
  'Unconditional Mutual Phased Partial Full Monitored Temporary Permanent'.split(' ');
const CLAUSE_NOUNS = (
  'ceasefire,prisoner exchange,troop withdrawal,grain corridor,sanctions relief,' +
  'security guarantees,neutrality pledge,border demarcation,humanitarian access'
).split(',');
const AGREEMENT_NOUNS = ['memorandum', 'framework agreement', 'draft accord', 'protocol'];
const MEETING_NOUNS: Record<MeetingRecord['kind'], string> = {
  NEGOTIATION: 'talks',
  SIGNING: 'signing',
  SUMMIT: 'summit',
  VISIT: 'visit',
  TOUR: 'tour',
  OTHER: 'meeting',
};
const MONTHS = (
  'January February March April May June ' + 'July August September October November December'
).split(' ');

const word = (rng: Rng) => VOCABULARY[Math.floor(VOCABULARY.length * rng.next() ** 3)] as string;
const words = (rng: Rng, lo: number, hi: number) =>
  Array.from({ length: rng.int(lo, hi) }, () => word(rng)).join(' ');
const note = (rng: Rng, p: number) =>
  rng.chance(p) ? `${capitalize(words(rng, 6, 14))}.` : undefined;

// A sentence is a tree of strings and spans, and a span learns its offsets only when the
// sentence is written, so every excerpt is measured from the text, never computed apart.

type Excerpt = ExcerptRecord;
interface Span {
  parts: Seg[];
  on: (e: Excerpt) => void;
}
type Seg = string | Span;

const span = (parts: Seg[], on: (e: Excerpt) => void): Span => ({ parts, on });
const lengthOf = (seg: Seg): number =>
  typeof seg === 'string' ? seg.length : seg.parts.reduce((n, p) => n + lengthOf(p), 0);

class TextWriter {
  private readonly lines: string[] = [];
  private line = '';
  private lineStart = 0;

  writeLine(segs: Seg[]): number {
    this.line = '';
    for (const seg of segs) this.emit(seg);
    this.lines.push(this.line);
    this.lineStart += this.line.length + 1;
    return this.lines.length - 1;
  }

  private emit(seg: Seg): void {
    if (typeof seg === 'string') {
      this.line += seg;
      return;
    }
    const start = this.lineStart + this.line.length;
    for (const part of seg.parts) this.emit(part);
    const end = this.lineStart + this.line.length;
    seg.on({ start, end, text: this.line.slice(start - this.lineStart) });
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/** Joins segments with ", " and a final " and ". */
function list(items: Seg[]): Seg[] {
  return items.flatMap((item, i) =>
    i === 0 ? [item] : [i === items.length - 1 ? ' and ' : ', ', item],
  );
}

// Entities as they are generated: records under construction, with where they are defined.

interface Entity {
  slug: string;
  /** The article whose folder defines the record: excerpts elsewhere must name their article. */
  home: string;
  excerpts: Excerpt[];
}
interface Actor extends Entity {
  name: string;
  alias?: string;
  kind: ActorRecord['kind'];
  roles: string[];
  affiliation?: string;
  editorialNote?: string;
}
interface Topic extends Entity {
  name: string;
  description?: string;
  editorialNote?: string;
}

const SHARED_ACTOR_KINDS: [ActorRecord['kind'], number][] = [
  ['COUNTRY', 12],
  ['ORGANIZATION', 8],
  ['MEDIA', 6],
  ['GROUP', 4],
  ['PERSON', 20],
];
const LOCAL_ACTOR_KINDS: [ActorRecord['kind'], number][] = [
  ['COUNTRY', 2],
  ['ORGANIZATION', 2],
  ['MEDIA', 2],
  ['GROUP', 1],
  ['PERSON', 19],
];
const PERSON_ROLES = (
  'foreign minister,president,envoy,spokesperson,negotiator,adviser,defence minister,' +
  'ambassador'
).split(',');

const firstName = (rng: Rng) => capitalize(rng.pick(SYLLABLES) + rng.pick(SYLLABLES));

function makeActor(
  rng: Rng,
  kind: ActorRecord['kind'],
  root: string,
  home: string,
  states: readonly Actor[],
): Actor {
  let name: string;
  let alias: string | undefined;
  const roles: string[] = [];
  let affiliation: string | undefined;
  switch (kind) {
    case 'COUNTRY':
      name = `Republic of ${root}`;
      alias = root;
      break;
    case 'ORGANIZATION':
      name = `${root} Council`;
      break;
    case 'MEDIA':
      name = `${root} Daily`;
      break;
    case 'GROUP':
      name = `${root} Front`;
      alias = `the ${root} fighters`;
      break;
    case 'PERSON': {
      name = `${firstName(rng)} ${root}`;
      alias = root;
      const state = states.length > 0 && rng.chance(0.8) ? rng.pick(states) : undefined;
      roles.push(state ? `${rng.pick(PERSON_ROLES)} of ${state.alias}` : 'analyst');
      affiliation = state?.slug;
      break;
    }
  }
  return {
    slug: kebab(name),
    home,
    excerpts: [],
    name,
    ...(alias ? { alias } : {}),
    kind,
    roles,
    ...(affiliation ? { affiliation } : {}),
    ...(rng.chance(0.1) ? { editorialNote: note(rng, 1) } : {}),
  };
}

function actorRecord(a: Actor): ActorRecord {
  return {
    slug: a.slug,
    name: a.name,
    kind: a.kind,
    roles: a.roles,
    aliases: a.alias ? [a.alias] : [],
    ...(a.affiliation ? { affiliation: a.affiliation } : {}),
    ...(a.editorialNote ? { editorialNote: a.editorialNote } : {}),
    excerpts: a.excerpts,
  };
}

function topicRecord(t: Topic): TopicRecord {
  return {
    slug: t.slug,
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    ...(t.editorialNote ? { editorialNote: t.editorialNote } : {}),
    excerpts: t.excerpts,
  };
}

/** The corpus-wide actors and topics, defined in the first article and named by later ones. */
function sharedPool(seed: number, home: string): { actors: Actor[]; topics: Topic[] } {
  const rng = new Rng(mix(seed, 0));
  // Two-syllable roots: never equal to a local (three-syllable) root, so slugs cannot collide.
  const roots = rng
    .sample(
      SYLLABLES.flatMap((a) => SYLLABLES.map((b) => a + b)),
      60,
    )
    .map(capitalize);
  const actors: Actor[] = [];
  for (const [kind, count] of SHARED_ACTOR_KINDS) {
    for (let i = 0; i < count; i++) {
      const states = actors.filter((a) => a.kind === 'COUNTRY');
      actors.push(makeActor(rng, kind, roots[actors.length] as string, home, states));
    }
  }
  const topics = SHARED_TOPICS.map((name) => ({
    slug: kebab(name),
    home,
    excerpts: [],
    name,
    ...(rng.chance(0.5) ? { description: `${capitalize(words(rng, 8, 16))}.` } : {}),
  }));
  return { actors, topics };
}

interface ArticleFiles {
  slug: string;
  article: ArticleRecord;
  text: string;
  actors: Actor[];
  topics: Topic[];
  statements: StatementRecord[];
  meetings: MeetingRecord[];
  agreements: AgreementRecord[];
  clauses: ClauseRecord[];
  positions: PositionRecord[];
}

interface Context {
  seed: number;
  shared: { actors: Actor[]; topics: Topic[] };
  /** Meetings of the previous article, which follow-up statements may refer to. */
  previousMeetings: string[];
}

const articleSlug = (k: number) => `synthetic-${String(k).padStart(5, '0')}`;

function generateArticle(k: number, ctx: Context): ArticleFiles {
  const rng = new Rng(mix(ctx.seed, k));
  const slug = articleSlug(k);
  const first = k === 1;
  const suffix = `${k}`;

  // Actors: local ones with unique roots, plus shared ones (all of them in the first article).
  const locals: Actor[] = [];
  const localTotal = LOCAL_ACTOR_KINDS.reduce((n, [, c]) => n + c, 0);
  const sharedStates = ctx.shared.actors.filter((a) => a.kind === 'COUNTRY');
  for (const [kind, count] of LOCAL_ACTOR_KINDS) {
    for (let i = 0; i < count; i++) {
      const root = uniqueRoot((k - 1) * localTotal + locals.length);
      const states = [...locals.filter((a) => a.kind === 'COUNTRY'), ...sharedStates];
      locals.push(makeActor(rng, kind, root, slug, states));
    }
  }
  const sharedHere = first ? ctx.shared.actors : rng.sample(ctx.shared.actors, rng.int(4, 8));
  const present = [...locals, ...sharedHere];
  const people = present.filter((a) => a.kind === 'PERSON');
  const states = present.filter((a) => a.kind === 'COUNTRY');
  const media = present.filter((a) => a.kind === 'MEDIA');
  const sharedMedia = ctx.shared.actors.filter((a) => a.kind === 'MEDIA');

  const localTopics: Topic[] = Array.from({ length: 10 }, (_, j) => {
    const name = `${capitalize(word(rng))} ${rng.pick(CLAUSE_NOUNS)}`;
    return {
      slug: `${kebab(name)}-${suffix}-${j}`,
      home: slug,
      excerpts: [],
      name,
      ...(rng.chance(0.4) ? { description: `${capitalize(words(rng, 8, 16))}.` } : {}),
      ...(rng.chance(0.1) ? { editorialNote: note(rng, 1) } : {}),
    };
  });
  const topicsHere = [
    ...localTopics,
    ...(first ? ctx.shared.topics : rng.sample(ctx.shared.topics, rng.int(3, 6))),
  ];

  // Every entity written into the text; the rest get a filler sentence so each has an excerpt.
  const named = new Set<Entity>();
  const mention = (entity: Entity, text: string): Span => {
    named.add(entity);
    return span([text], (e) =>
      entity.excerpts.push(entity.home === slug ? e : { article: slug, ...e }),
    );
  };
  const actorMention = (a: Actor) => mention(a, a.alias && rng.chance(0.3) ? a.alias : a.name);
  const topicMention = (t: Topic, capital = false) =>
    mention(t, capital ? t.name : t.name.toLowerCase());

  const sentences: Seg[][] = [];

  const meetings: (MeetingRecord & { entity: Entity })[] = Array.from({ length: 10 }, (_, j) => {
    const kind = rng.pick(meetingKinds);
    const status = rng.pick(meetingStatuses);
    const place = rng.pick(PLACES);
    const [a, b] = rng.sample(states.length >= 2 ? states : present, 2) as [Actor, Actor];
    const noun = MEETING_NOUNS[kind];
    const name = `${a.alias ?? a.name}–${b.alias ?? b.name} ${noun} in ${place}`;
    const participants = [a, b, ...(rng.chance(0.3) ? [rng.pick(people)] : [])];
    const neutral = states.filter((s) => s !== a && s !== b);
    const mediators = neutral.length > 0 && rng.chance(0.5) ? [rng.pick(neutral)] : [];
    const year = rng.int(2020, 2025);
    const month = rng.int(1, 12);
    const day = rng.chance(0.5) ? rng.int(1, 28) : undefined;
    const dateText = day ? `${day} ${MONTHS[month - 1]}` : undefined;
    const entity: Entity = {
      slug: `${kebab(`${noun} ${place}`)}-${suffix}-${j}`,
      home: slug,
      excerpts: [],
    };
    const record: MeetingRecord & { entity: Entity } = {
      slug: entity.slug,
      name,
      kind,
      status,
      ...(rng.chance(0.8)
        ? { date: { year, month, ...(day ? { day, text: dateText } : {}) } }
        : {}),
      location: place,
      participants: [...new Set(participants)].map((p) => p.slug),
      mediators: mediators.map((m) => m.slug),
      ...(status === 'HELD' && rng.chance(0.6)
        ? { outcome: `${capitalize(words(rng, 6, 12))}.` }
        : {}),
      ...(rng.chance(0.1) ? { editorialNote: note(rng, 1) } : {}),
      excerpts: entity.excerpts,
      entity,
    };
    const statusPhrase = {
      HELD: 'was held',
      SCHEDULED: 'is scheduled',
      PROPOSED: 'has been proposed',
      POSSIBLE: 'could take place',
      CANCELLED: 'was cancelled',
    }[status];
    sentences.push([
      'The ',
      mention(entity, name),
      ` ${statusPhrase}`,
      ...(record.date?.text ? [` on ${record.date.text}`] : []),
      ', with ',
      ...list([...new Set(participants)].map(actorMention)),
      ...(mediators[0] ? [', mediated by ', actorMention(mediators[0])] : []),
      '.',
    ]);
    return record;
  });
  const meetingOf = (m: { entity: Entity }) => m.entity;

  const agreements: (AgreementRecord & { entity: Entity })[] = Array.from({ length: 2 }, (_, j) => {
    const title = `${rng.pick(PLACES)} ${rng.pick(AGREEMENT_NOUNS)}`;
    const status = rng.pick(agreementStatuses);
    const meeting = rng.chance(0.7) ? rng.pick(meetings) : undefined;
    const entity: Entity = { slug: `${kebab(title)}-${suffix}-${j}`, home: slug, excerpts: [] };
    const statusPhrase = {
      DRAFT: 'is still a draft',
      NOT_RATIFIED: 'was never ratified',
      SIGNED: 'was signed',
      SUPERSEDED: 'has been superseded',
    }[status];
    sentences.push([
      'The ',
      mention(entity, title),
      ...(meeting ? [', drafted at the ', mention(meetingOf(meeting), meeting.name)] : []),
      `, ${statusPhrase}.`,
    ]);
    return {
      slug: entity.slug,
      title,
      status,
      ...(meeting ? { meeting: meeting.slug } : {}),
      ...(rng.chance(0.1) ? { editorialNote: note(rng, 1) } : {}),
      excerpts: entity.excerpts,
      entity,
    };
  });

  const clauses: ClauseRecord[] = Array.from({ length: 10 }, (_, j) => {
    const title = `${rng.pick(CLAUSE_ADJECTIVES)} ${rng.pick(CLAUSE_NOUNS)}`;
    const agreement = rng.chance(0.7) ? rng.pick(agreements) : undefined;
    const [proposer, ...others] = rng.sample(present, 5) as [Actor, ...Actor[]];
    const supporters = others.slice(0, rng.int(0, 2));
    const opposers = others.slice(2, 2 + rng.int(0, 2));
    const topics = rng.sample(topicsHere, rng.int(0, 2));
    const entity: Entity = { slug: `${kebab(title)}-${suffix}-${j}`, home: slug, excerpts: [] };
    const tail = words(rng, 1, 3);
    sentences.push([
      ...(agreement
        ? ['The ', mention(agreement.entity, agreement.title), ' provides for ']
        : ['A proposal calls for ']),
      mention(entity, `${title.toLowerCase()} ${tail}`),
      ', proposed by ',
      actorMention(proposer),
      ...(opposers.length > 0 ? ['; ', ...list(opposers.map(actorMention)), ' oppose it'] : []),
      '.',
    ]);
    return {
      slug: entity.slug,
      title,
      text: `A ${title.toLowerCase()} ${tail}.`,
      ...(agreement ? { agreement: agreement.slug } : {}),
      status: rng.pick(clauseStatuses),
      proposedBy: [proposer.slug],
      supportedBy: supporters.map((a) => a.slug),
      opposedBy: opposers.map((a) => a.slug),
      topics: topics.map((t) => t.slug),
      ...(rng.chance(0.1) ? { editorialNote: note(rng, 1) } : {}),
      excerpts: entity.excerpts,
    };
  });

  const stanceVerbs: Record<PositionRecord['stance'], string> = {
    SUPPORTS: 'supports',
    OPPOSES: 'opposes',
    DEMANDS: 'demands',
    CONDITIONAL: 'would accept, on conditions,',
    REJECTS: 'rejects',
  };
  const positions: PositionRecord[] = Array.from({ length: 20 }, (_, j) => {
    const actor = rng.pick(present);
    const stance = rng.pick(stances);
    const topics = rng.sample(topicsHere, rng.int(1, 2));
    const lead = words(rng, 1, 2);
    const topic = topics[0] as Topic;
    const subject = `${lead} ${topic.name.toLowerCase()}`;
    const excerpts: Excerpt[] = [];
    sentences.push([
      span([actorMention(actor), ` ${stanceVerbs[stance]} ${lead} `, topicMention(topic)], (e) =>
        excerpts.push(e),
      ),
      '.',
    ]);
    return {
      slug: `${kebab(actor.alias ?? actor.name)}-${stance.toLowerCase()}-${suffix}-${j}`,
      actor: actor.slug,
      subject: capitalize(subject),
      stance,
      summary: `${actor.name} ${stanceVerbs[stance]} ${subject}.`,
      topics: topics.map((t) => t.slug),
      ...(rng.chance(0.1) ? { editorialNote: note(rng, 1) } : {}),
      excerpts,
    };
  });

  // Statements: 20 direct quotes, 18 paraphrases, 12 reported.
  const kinds: StatementRecord['kind'][] = [
    ...Array<StatementRecord['kind']>(20).fill('DIRECT_QUOTE'),
    ...Array<StatementRecord['kind']>(18).fill('PARAPHRASE'),
    ...Array<StatementRecord['kind']>(12).fill('REPORTED'),
  ];
  const statements: StatementRecord[] = kinds.map((kind, j) => {
    const speaker = rng.chance(0.8) ? rng.pick(people) : rng.pick(present);
    const mentions = rng.sample(
      present.filter((a) => a !== speaker),
      rng.pick([0, 0, 1, 1, 2, 3]),
    );
    const topics = rng.sample(topicsHere, rng.pick([0, 1, 1, 2]));
    const meeting = rng.chance(0.4)
      ? rng.pick(meetings).slug
      : !first && rng.chance(0.08)
        ? rng.pick(ctx.previousMeetings)
        : undefined;
    const draftClauses = rng.chance(0.25)
      ? rng.sample(clauses, rng.int(1, 2)).map((c) => c.slug)
      : [];
    const reporter =
      kind === 'REPORTED' || (kind === 'DIRECT_QUOTE' && rng.chance(0.4))
        ? rng.pick(media.length > 0 ? media : sharedMedia)
        : undefined;
    // The words: vocabulary with the mentioned actors and topics woven in.
    const body: Seg[] = [capitalize(words(rng, 2, 5))];
    for (const m of mentions) body.push(' ', actorMention(m), ` ${words(rng, 1, 2)}`);
    for (const t of topics) if (rng.chance(0.5)) body.push(` ${word(rng)} `, topicMention(t));
    const record: StatementRecord = {
      slug: `${kebab(speaker.alias ?? speaker.name)}-${kind.toLowerCase().replace('_', '-')}-${suffix}-${j}`,
      kind,
      text: '',
      speaker: speaker.slug,
      ...(reporter ? { reportedBy: reporter.slug } : {}),
      mentions: mentions.map((a) => a.slug),
      ...(meeting ? { meeting } : {}),
      draftClauses,
      topics: topics.map((t) => t.slug),
      excerpt: { start: 0, end: 1, text: '?' },
      excerpts: [],
      ...(rng.chance(0.1) ? { editorialNote: note(rng, 1) } : {}),
    };
    const primary = (e: Excerpt) => {
      record.excerpt = e;
      record.text = kind === 'DIRECT_QUOTE' ? e.text : capitalize(e.text);
    };
    const extra = (e: Excerpt) => record.excerpts.push(e);
    if (kind === 'DIRECT_QUOTE') {
      const quote = span(body, primary);
      const variant = rng.int(0, 2);
      if (variant === 0) {
        const said: Seg[] = [actorMention(speaker), reporter ? ' told ' : ' said'];
        if (reporter) said.push(actorMention(reporter));
        sentences.push(['“', quote, ',” ', span(said, rng.chance(0.5) ? extra : () => {}), '.']);
      } else if (variant === 1) {
        sentences.push([actorMention(speaker), ' said that “', quote, '”.']);
      } else {
        sentences.push([actorMention(speaker), ' said: "', quote, '."']);
      }
    } else if (kind === 'PARAPHRASE') {
      const verb = rng.pick(['said', 'argued', 'warned', 'insisted', 'suggested']);
      sentences.push([
        span([actorMention(speaker), ` ${verb} that `, span(body.map(lowerFirst), primary)], extra),
        '.',
      ]);
    } else {
      sentences.push([
        'According to ',
        actorMention(reporter as Actor),
        ', ',
        span(
          [actorMention(speaker), ' has claimed that ', span(body.map(lowerFirst), primary)],
          extra,
        ),
        '.',
      ]);
    }
    return record;
  });

  // Fillers for whatever no sentence has named yet, three to a sentence.
  const unnamedActors = present.filter((a) => (first || a.home === slug) && !named.has(a));
  for (let i = 0; i < unnamedActors.length; i += 3) {
    const group = unnamedActors.slice(i, i + 3);
    sentences.push([...list(group.map((a) => mention(a, a.name))), ` ${words(rng, 3, 8)}.`]);
  }
  const unnamedTopics = topicsHere.filter((t) => (first || t.home === slug) && !named.has(t));
  for (let i = 0; i < unnamedTopics.length; i += 2) {
    const group = unnamedTopics.slice(i, i + 2);
    sentences.push(['Questions of ', ...list(group.map((t) => topicMention(t))), ' remain open.']);
  }

  // Layout: a lede, body lines of even length, two headings and a caption among them.
  rng.shuffle(sentences);
  const lede = sentences.shift() as Seg[];
  const total = sentences.reduce((n, s) => n + s.reduce((m, seg) => m + lengthOf(seg), 0), 0);
  const target = Math.max(120, total / 38);
  const body: Seg[][] = [];
  let line: Seg[] = [];
  let length = 0;
  for (const sentence of sentences) {
    if (line.length > 0) line.push(' ');
    line.push(...sentence);
    length += sentence.reduce((m, seg) => m + lengthOf(seg), 0);
    if (length >= target) {
      body.push(line);
      line = [];
      length = 0;
    }
  }
  if (line.length > 0) body.push(line);

  const writer = new TextWriter();
  const paragraphKinds: ArticleRecord['paragraphKinds'] = {};
  writer.writeLine(lede);
  const headingAt = new Set([Math.floor(body.length / 3), Math.floor((2 * body.length) / 3)]);
  const captionAt = Math.floor(body.length / 4);
  body.forEach((segs, i) => {
    if (headingAt.has(i)) {
      paragraphKinds[String(writer.writeLine([topicMention(rng.pick(topicsHere), true)]))] =
        'HEADING';
    }
    if (i === captionAt) {
      const m = rng.pick(meetings);
      const caption: Seg[] = [
        actorMention(rng.pick(people)),
        ' at the ',
        mention(m.entity, m.name),
        '. Photo: ',
        actorMention(rng.pick(media.length > 0 ? media : sharedMedia)),
      ];
      paragraphKinds[String(writer.writeLine(caption))] = 'CAPTION';
    }
    writer.writeLine(segs);
  });

  const main = meetings[0] as MeetingRecord;
  const day = rng.chance(0.5) ? rng.int(1, 28) : undefined;
  const article: ArticleRecord = {
    slug,
    title: `${capitalize(words(rng, 3, 6))} as ${main.location} talks near`,
    publisher: rng.pick(sharedMedia).slug,
    authors: [],
    publishedOn: {
      year: main.date?.year ?? 2025,
      month: main.date?.month ?? 5,
      ...(day ? { day } : {}),
    },
    textFile: 'article.txt',
    paragraphKinds,
    ...(rng.chance(0.3) ? { editorialNote: note(rng, 1) } : {}),
  };
  return {
    slug,
    article,
    text: writer.text(),
    actors: first ? [...ctx.shared.actors, ...locals] : locals,
    topics: first ? [...ctx.shared.topics, ...localTopics] : localTopics,
    statements,
    meetings: meetings.map(({ entity: _, ...m }) => m),
    agreements: agreements.map(({ entity: _, ...a }) => a),
    clauses,
    positions,
  };
}

function lowerFirst(seg: Seg): Seg {
  return typeof seg === 'string' ? seg.charAt(0).toLowerCase() + seg.slice(1) : seg;
}

export interface SyntheticCounts {
  articles: number;
  characters: number;
  lines: number;
  actors: number;
  statements: number;
  directQuotes: number;
  meetings: number;
  agreements: number;
  clauses: number;
  positions: number;
  topics: number;
  excerpts: number;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Writes one article folder and returns how many excerpts its records hold. */
function writeArticle(root: string, files: ArticleFiles): number {
  const dir = join(root, 'articles', files.slug);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'article.json'), json(files.article));
  writeFileSync(join(dir, 'article.txt'), files.text);
  writeFileSync(join(dir, 'actors.json'), json(files.actors.map(actorRecord)));
  writeFileSync(join(dir, 'statements.json'), json(files.statements));
  writeFileSync(join(dir, 'meetings.json'), json(files.meetings));
  writeFileSync(join(dir, 'agreements.json'), json(files.agreements));
  writeFileSync(join(dir, 'clauses.json'), json(files.clauses));
  writeFileSync(join(dir, 'positions.json'), json(files.positions));
  writeFileSync(join(dir, 'topics.json'), json(files.topics.map(topicRecord)));
  const held: { excerpts: Excerpt[] }[] = [
    ...files.actors,
    ...files.meetings,
    ...files.agreements,
    ...files.clauses,
    ...files.positions,
    ...files.topics,
  ];
  return (
    held.reduce((n, r) => n + r.excerpts.length, files.statements.length) +
    files.statements.reduce((n, s) => n + s.excerpts.length, 0)
  );
}

/** Writes the corpus and returns what it holds. */
export function generateSyntheticCorpus(root: string, articles: number, seed = 1): SyntheticCounts {
  if (!Number.isInteger(articles) || articles < 1) throw new Error('articles must be 1 or more');
  const articlesDir = join(root, 'articles');
  // Stale folders from a larger run would silently join the corpus the build reads.
  if (existsSync(articlesDir) && readdirSync(articlesDir).length > 0) {
    throw new Error(`${articlesDir} is not empty: write a synthetic corpus into a fresh folder`);
  }
  const ctx: Context = { seed, shared: sharedPool(seed, articleSlug(1)), previousMeetings: [] };
  const counts: SyntheticCounts = {
    articles,
    characters: 0,
    lines: 0,
    actors: 0,
    statements: 0,
    directQuotes: 0,
    meetings: 0,
    agreements: 0,
    clauses: 0,
    positions: 0,
    topics: 0,
    excerpts: 0,
  };
  let firstArticle: ArticleFiles | undefined;
  for (let k = 1; k <= articles; k++) {
    const files = generateArticle(k, ctx);
    ctx.previousMeetings = files.meetings.map((m) => m.slug);
    counts.characters += files.text.length;
    counts.lines += files.text.split('\n').filter((l) => l.length > 0).length;
    counts.actors += files.actors.length;
    counts.statements += files.statements.length;
    counts.directQuotes += files.statements.filter((s) => s.kind === 'DIRECT_QUOTE').length;
    counts.meetings += files.meetings.length;
    counts.agreements += files.agreements.length;
    counts.clauses += files.clauses.length;
    counts.positions += files.positions.length;
    counts.topics += files.topics.length;
    // The first article holds the shared records, which later articles add excerpts to.
    if (k === 1) firstArticle = files;
    else counts.excerpts += writeArticle(root, files);
  }
  if (firstArticle) counts.excerpts += writeArticle(root, firstArticle);
  // Written as the one-folder layout had it, then moved to the registry as data/ was.
  moveToRegistry(root);
  return counts;
}

/** Writes `<root>/articles/<slug>/` for `articles` synthetic articles; same inputs, same bytes. */
export function writeSyntheticCorpus(root: string, articles: number, seed = 1): void {
  generateSyntheticCorpus(root, articles, seed);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
  });
  const articles = Number(values.articles);
  const seed = Number(values.seed);
  if (!values.out || !Number.isInteger(articles) || articles < 1 || !Number.isInteger(seed)) {
    console.error('usage: tsx scripts/bench/synthetic-corpus.ts --articles N --out DIR [--seed S]');
    process.exit(2);
  }
  const started = performance.now();
  const counts = generateSyntheticCorpus(values.out, articles, seed);
  const ms = performance.now() - started;
  console.log(
    `synthetic corpus (seed ${seed}) → ${values.out} in ${(ms / 1000).toFixed(1)} s: ${Object.entries(
      counts,
    )
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
}
