import type {
  Country,
  Event,
  IdReference,
  NewsArticle,
  NewsMediaOrganization,
  Organization,
  Person,
  Place,
  Quotation,
} from 'schema-dts';
import type { NodeType } from './corpus.ts';
import type { MeetingStatus } from './enums.ts';
import { resourcePath } from './resource-path.ts';
import type { AnyList, Store } from './store.ts';
import type {
  ActorData,
  ArticleData,
  ExcerptData,
  Index,
  MeetingData,
  StatementData,
} from './types.ts';

// An article as schema.org `NewsArticle` JSON-LD: what a search engine or a linked-data
// client reads. schema.org has no term for "where in the article this came from", so every
// item carries its spans as W3C Web Annotation `TextPositionSelector`s (character offsets
// into `Article.text`, the selectors' own definition).

const annotation = 'http://www.w3.org/ns/oa#';

/** The document's context: schema.org, and the Web Annotation prefix for the offsets. */
export const jsonLdContext = ['https://schema.org', { oa: annotation }] as const;

interface TextPositionSelector {
  '@type': 'oa:TextPositionSelector';
  'oa:start': number;
  'oa:end': number;
}

/** Where an item stands in the article: its spans, in order. */
interface Sourced {
  'oa:hasSelector': TextPositionSelector[];
}

type Actor = (Person | Organization | NewsMediaOrganization | Country) & Sourced;

export type ArticleJsonLd = Exclude<NewsArticle, string> &
  Sourced & { '@context': typeof jsonLdContext };

const actorTypes = {
  PERSON: 'Person',
  COUNTRY: 'Country',
  ORGANIZATION: 'Organization',
  MEDIA: 'NewsMediaOrganization',
  GROUP: 'Organization',
} as const;

// schema.org's EventStatusType knows an event that is scheduled (or took place as scheduled)
// and one that is cancelled; a meeting only proposed or possible has no status there.
const eventStatuses: Partial<Record<MeetingStatus, 'EventScheduled' | 'EventCancelled'>> = {
  HELD: 'EventScheduled',
  SCHEDULED: 'EventScheduled',
  CANCELLED: 'EventCancelled',
};

/** Where the items' names (their resource paths, src/model/resource-path.ts) start. */
export interface JsonLdNames {
  origin: string;
}

async function whole<T>(list: AnyList<T>): Promise<T[]> {
  if ('slice' in list) return list.slice(0, list.length);
  return (await list.page(0, await list.count())).items;
}

function selectors(excerpts: readonly ExcerptData[], article: Index): TextPositionSelector[] {
  return excerpts
    .filter((excerpt) => excerpt.article === article)
    .map((excerpt) => ({
      '@type': 'oa:TextPositionSelector',
      'oa:start': excerpt.start,
      'oa:end': excerpt.end,
    }));
}

/** An article, with its actors, direct quotes and meetings, as JSON-LD. */
export async function articleJsonLd(
  store: Store,
  article: ArticleData,
  { origin }: JsonLdNames,
): Promise<ArticleJsonLd> {
  const own = (await store.paragraphs(article))[0]?.article ?? -1;
  const id = (type: NodeType, slug: string) => `${origin}${resourcePath(type, slug)}`;
  const ref = (type: NodeType, slug: string): IdReference => ({ '@id': id(type, slug) });
  const spans = async (record: { excerpts?: ExcerptData[] } & object) =>
    selectors(await store.excerpts(record), own);

  const [publisher, actors, statements, meetings] = await Promise.all([
    store.atOptional('Actor', article.publisher),
    whole(store.related('Article', article, 'actors')),
    whole(store.related('Article', article, 'statements')),
    whole(store.related('Article', article, 'meetings')),
  ]);
  const quotes = statements.filter((statement) => statement.kind === 'DIRECT_QUOTE');
  const speakerIndexes = [...new Set(quotes.map((quote) => quote.speaker))];
  const speakerRecords = await store.allAt('Actor', speakerIndexes);
  const speakers = new Map(speakerIndexes.map((index, i) => [index, speakerRecords[i]?.slug]));

  const actor = async (record: ActorData): Promise<Actor> => ({
    '@type': actorTypes[record.kind],
    '@id': id('Actor', record.slug),
    name: record.name,
    ...(record.aliases.length > 0 ? { alternateName: record.aliases } : {}),
    ...(record.kind === 'PERSON' && record.roles.length > 0 ? { jobTitle: record.roles } : {}),
    'oa:hasSelector': await spans(record),
  });

  // The publisher as an organization (or a person), whatever kind of actor the data makes it.
  const outlet = async (
    record: ActorData,
  ): Promise<(Person | Organization | NewsMediaOrganization) & Sourced> => ({
    '@type':
      record.kind === 'PERSON'
        ? 'Person'
        : record.kind === 'MEDIA'
          ? 'NewsMediaOrganization'
          : 'Organization',
    '@id': id('Actor', record.slug),
    name: record.name,
    'oa:hasSelector': await spans(record),
  });

  const meeting = async (record: MeetingData): Promise<Event & Sourced> => {
    const status = eventStatuses[record.status];
    const participants = await store.allAt('Actor', record.participants);
    return {
      '@type': 'Event',
      '@id': id('Meeting', record.slug),
      name: record.name,
      ...(record.date ? { startDate: record.date.iso } : {}),
      ...(record.location
        ? { location: { '@type': 'Place', name: record.location } satisfies Place }
        : {}),
      ...(status ? { eventStatus: `https://schema.org/${status}` as const } : {}),
      ...(participants.length > 0
        ? { attendee: participants.map((p) => ref('Actor', p.slug)) }
        : {}),
      ...(record.outcome ? { description: record.outcome } : {}),
      'oa:hasSelector': await spans(record),
    };
  };

  const quotation = async (record: StatementData): Promise<Quotation & Sourced> => ({
    '@type': 'Quotation',
    '@id': id('Statement', record.slug),
    text: record.text,
    spokenByCharacter: ref('Actor', speakers.get(record.speaker) ?? ''),
    'oa:hasSelector': selectors([record.excerpt], own),
  });

  return {
    '@context': jsonLdContext,
    '@type': 'NewsArticle',
    '@id': id('Article', article.slug),
    headline: article.title,
    ...(article.url ? { url: article.url } : {}),
    ...(article.publishedOn ? { datePublished: article.publishedOn.iso } : {}),
    ...(publisher ? { publisher: await outlet(publisher) } : {}),
    mentions: [
      ...(await Promise.all(actors.map(actor))),
      ...(await Promise.all(meetings.map(meeting))),
    ],
    hasPart: await Promise.all(quotes.map(quotation)),
    'oa:hasSelector': await spans(article),
  };
}
