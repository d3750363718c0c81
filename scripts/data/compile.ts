import { articleKey, recordSortKey } from '../../src/model/archive-order.ts';
import { facets } from '../../src/model/list-filters.ts';
import { paragraphsOf } from '../../src/model/packed.ts';
import { type OwnerType, type Reverse, relations } from '../../src/model/relations.ts';
import type {
  ActorData,
  ArticleData,
  Corpus,
  DraftAgreementData,
  DraftClauseData,
  ExcerptData,
  Index,
  MeetingData,
  ParagraphData,
  PartialDateData,
  PositionData,
  Postings,
  SlugTable,
  StatementData,
  TopicData,
} from '../../src/model/types.ts';
import { quotationsOf } from '../draft/quotations.ts';
import { didYouMean, firstDifference } from './hints.ts';
import { excerptOrigin, type LoadedCorpus, type Sourced, type SourcedArticle } from './load.ts';
import type { Place, Problems } from './problems.ts';
import type { ExcerptRecord, PartialDateRecord } from './records.ts';

type TypeName = keyof Corpus['slugs'] | 'Position';

// locate.ts gives every excerpt given by its words its offsets before compile runs; one it
// could not place has its problem already, and is passed over here.
const offsets = (e: ExcerptRecord) => ({ start: e.start ?? 0, end: e.end ?? 0 });

function partialDate(date: PartialDateRecord | undefined): PartialDateData | null {
  if (!date) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = [String(date.year), date.month && pad(date.month), date.day && pad(date.day)]
    .filter(Boolean)
    .join('-');
  return {
    year: date.year,
    month: date.month ?? null,
    day: date.day ?? null,
    iso,
    text: date.text ?? null,
  };
}

/** Lists of indexes by key, each kept in default order (indexes ascend with the order). */
function post(postings: Postings, key: string, index: Index): void {
  const list = postings[key] ?? [];
  if (list[list.length - 1] !== index) list.push(index);
  postings[key] = list;
}

/**
 * Turns the validated records into the compiled corpus: references resolved to indexes,
 * excerpts checked against the article text, reverse relations and filter postings built,
 * every list in order of first appearance. All problems go to `problems`; the result is only
 * meaningful when none were added.
 */
export type CompiledCorpus = Omit<Corpus, 'version' | 'searchTargets'>;

export function compileCorpus(loaded: LoadedCorpus, problems: Problems): CompiledCorpus {
  // Order every collection by first appearance before anything takes an index: by the
  // archive's order of records (archive-order.ts recordSortKey), which D1's sort keys and
  // search's NEWEST follow. Ties (two records first seen at one place): a registry entity's by
  // slug, what an article says by its place in the article's file.
  const keys = new Map(
    loaded.articles.map((a) => [a.record.slug, articleKey(a.record.slug, a.record.publishedOn)]),
  );
  const ordered = <T extends { slug: string; excerpts?: ExcerptRecord[]; excerpt?: ExcerptRecord }>(
    items: Sourced<T>[],
    registry = true,
  ): Sourced<T>[] => {
    const keyOf = (item: Sourced<T>, position: number) => {
      const spans = [
        ...(item.record.excerpt ? [item.record.excerpt] : []),
        ...(item.record.excerpts ?? []),
      ].map((e) => ({ article: e.article ?? item.article, start: offsets(e).start }));
      const tie = registry ? item.record.slug : String(position).padStart(8, '0');
      return recordSortKey({ excerpts: spans }, (slug) => keys.get(slug) ?? '~', tie);
    };
    return items
      .map((item, position) => ({ item, key: keyOf(item, position) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((x) => x.item);
  };

  const sources = {
    actors: ordered(loaded.actors),
    statements: ordered(loaded.statements, false),
    meetings: ordered(loaded.meetings),
    draftAgreements: ordered(loaded.draftAgreements),
    draftClauses: ordered(loaded.draftClauses),
    positions: ordered(loaded.positions, false),
    topics: ordered(loaded.topics),
  };

  const slugTable = (type: TypeName, items: Sourced<{ slug: string }>[]): SlugTable => {
    const table = new Map<string, Index>();
    items.forEach((item, index) => {
      const slug = item.record.slug;
      const seen = table.get(slug);
      if (seen !== undefined) {
        const first = items[seen];
        problems.add(
          item.place,
          `duplicate ${type} slug "${slug}" (first defined in ${first?.place.file} › ${first?.place.record})`,
        );
        return;
      }
      table.set(slug, index);
    });
    return table;
  };

  const slugs: Corpus['slugs'] = {
    Article: slugTable('Article', loaded.articles),
    Actor: slugTable('Actor', sources.actors),
    Statement: slugTable('Statement', sources.statements),
    Meeting: slugTable('Meeting', sources.meetings),
    DraftAgreement: slugTable('DraftAgreement', sources.draftAgreements),
    DraftClause: slugTable('DraftClause', sources.draftClauses),
    Topic: slugTable('Topic', sources.topics),
  };
  slugTable('Position', sources.positions);

  const ref = (type: keyof Corpus['slugs'], slug: string, place: Place, field: string): Index => {
    const index = slugs[type].get(slug);
    // A record the load refused has its own problem: what names it is not reported again.
    if (index === undefined && problems.wasRefused(type, slug)) return -1;
    if (index === undefined) {
      problems.add(
        place,
        `${field} "${slug}" does not resolve to any ${type}${didYouMean(slug, slugs[type].keys())}`,
      );
      return -1;
    }
    return index;
  };
  const optionalRef = (
    type: keyof Corpus['slugs'],
    slug: string | undefined,
    place: Place,
    field: string,
  ): Index | null => (slug === undefined ? null : ref(type, slug, place, field));
  const refs = (type: keyof Corpus['slugs'], list: string[], place: Place, field: string) =>
    list.map((slug) => ref(type, slug, place, field));

  const paragraphs = loaded.articles.map((a, index) =>
    paragraphsOf(index, a.text, a.record.paragraphKinds as Record<string, ParagraphData['kind']>),
  );

  const excerpt = (e: ExcerptRecord, from: Sourced<unknown>, at: string): ExcerptData => {
    // A registry entity's excerpt is reported where its article cited it.
    const { place, field } = excerptOrigin(e, from, at);
    const article = ref('Article', e.article ?? from.article, place, `${field}.article`);
    const source: SourcedArticle | undefined = loaded.articles[article];
    const { start, end } = offsets(e);
    const fallback = { article, paragraph: 0, start, end };
    // Words locate.ts could not place have their own problem.
    if (!source || e.start === undefined) return fallback;
    const actual = source.text.slice(start, end);
    if (end > source.text.length) {
      problems.add(
        place,
        `${field} [${start}, ${end}) runs past the end of article "${source.record.slug}" (${source.text.length} characters)`,
      );
      return fallback;
    }
    if (actual !== e.text) {
      const found = source.text.indexOf(e.text);
      problems.add(
        place,
        `${field} text ${JSON.stringify(e.text)} does not match the article at [${start}, ${end}), which reads ${JSON.stringify(actual)}${found >= 0 ? ` (the text stands at [${found}, ${found + e.text.length}))` : `: ${firstDifference(actual, e.text)}`}`,
      );
      return fallback;
    }
    const paragraph = paragraphs[article]?.find((p) => start >= p.start && end <= p.end);
    if (!paragraph) {
      problems.add(place, `${field} [${start}, ${end}) crosses a paragraph boundary`);
      return fallback;
    }
    return { article, paragraph: paragraph.index, start, end };
  };
  const excerptsOf = (item: Sourced<{ excerpts: ExcerptRecord[] }>) =>
    item.record.excerpts.map((e, i) => excerpt(e, item, `excerpts[${i}]`));

  const actors: ActorData[] = sources.actors.map((item) => {
    const r = item.record;
    return {
      typename: 'Actor',
      slug: r.slug,
      name: r.name,
      kind: r.kind,
      roles: r.roles,
      aliases: r.aliases,
      affiliation: optionalRef('Actor', r.affiliation, item.place, 'affiliation'),
      editorialNote: r.editorialNote ?? null,
      excerpts: excerptsOf(item),
      statements: [],
      mentionedIn: [],
      meetings: [],
      positions: [],
      articles: [],
    };
  });

  const meetings: MeetingData[] = sources.meetings.map((item) => {
    const r = item.record;
    return {
      typename: 'Meeting',
      slug: r.slug,
      name: r.name,
      kind: r.kind,
      status: r.status,
      date: partialDate(r.date),
      location: r.location ?? null,
      participants: refs('Actor', r.participants, item.place, 'participants'),
      mediators: refs('Actor', r.mediators, item.place, 'mediators'),
      outcome: r.outcome ?? null,
      editorialNote: r.editorialNote ?? null,
      excerpts: excerptsOf(item),
      draftAgreements: [],
      statements: [],
    };
  });

  const draftAgreements: DraftAgreementData[] = sources.draftAgreements.map((item) => {
    const r = item.record;
    return {
      typename: 'DraftAgreement',
      slug: r.slug,
      title: r.title,
      status: r.status,
      meeting: optionalRef('Meeting', r.meeting, item.place, 'meeting'),
      editorialNote: r.editorialNote ?? null,
      excerpts: excerptsOf(item),
      clauses: [],
    };
  });

  const topics: TopicData[] = sources.topics.map((item) => {
    const r = item.record;
    return {
      typename: 'Topic',
      slug: r.slug,
      name: r.name,
      description: r.description ?? null,
      editorialNote: r.editorialNote ?? null,
      excerpts: excerptsOf(item),
      statements: [],
      draftClauses: [],
      positions: [],
      articles: [],
    };
  });

  const draftClauses: DraftClauseData[] = sources.draftClauses.map((item) => {
    const r = item.record;
    return {
      typename: 'DraftClause',
      slug: r.slug,
      title: r.title,
      text: r.text,
      agreement: optionalRef('DraftAgreement', r.agreement, item.place, 'agreement'),
      status: r.status,
      proposedBy: refs('Actor', r.proposedBy, item.place, 'proposedBy'),
      supportedBy: refs('Actor', r.supportedBy, item.place, 'supportedBy'),
      opposedBy: refs('Actor', r.opposedBy, item.place, 'opposedBy'),
      topics: refs('Topic', r.topics, item.place, 'topics'),
      editorialNote: r.editorialNote ?? null,
      excerpts: excerptsOf(item),
      statements: [],
    };
  });

  const statements: StatementData[] = sources.statements.map((item) => {
    const r = item.record;
    const primary = excerpt(r.excerpt, item, 'excerpt');
    if (r.kind === 'DIRECT_QUOTE' && r.text !== r.excerpt.text) {
      problems.add(
        item.place,
        `a DIRECT_QUOTE's text must be the quoted words verbatim, equal to its excerpt's text (${JSON.stringify(r.excerpt.text)})`,
      );
    }
    return {
      typename: 'Statement',
      slug: r.slug,
      kind: r.kind,
      text: r.text,
      speaker: ref('Actor', r.speaker, item.place, 'speaker'),
      reportedBy: optionalRef('Actor', r.reportedBy, item.place, 'reportedBy'),
      mentions: refs('Actor', r.mentions, item.place, 'mentions'),
      meeting: optionalRef('Meeting', r.meeting, item.place, 'meeting'),
      draftClauses: refs('DraftClause', r.draftClauses, item.place, 'draftClauses'),
      topics: refs('Topic', r.topics, item.place, 'topics'),
      editorialNote: r.editorialNote ?? null,
      excerpt: primary,
      excerpts: [primary, ...r.excerpts.map((e, i) => excerpt(e, item, `excerpts[${i}]`))],
    };
  });

  const positions: PositionData[] = sources.positions.map((item) => {
    const r = item.record;
    return {
      typename: 'Position',
      slug: r.slug,
      actor: ref('Actor', r.actor, item.place, 'actor'),
      subject: r.subject,
      stance: r.stance,
      summary: r.summary,
      topics: refs('Topic', r.topics, item.place, 'topics'),
      editorialNote: r.editorialNote ?? null,
      excerpts: excerptsOf(item),
    };
  });

  const articles: ArticleData[] = loaded.articles.map((item, index) => {
    const r = item.record;
    const articleParagraphs = paragraphs[index] ?? [];
    for (const key of Object.keys(r.paragraphKinds)) {
      if (Number(key) >= articleParagraphs.length) {
        problems.add(
          item.place,
          `paragraphKinds names paragraph ${key}, but the text has ${articleParagraphs.length}`,
        );
      }
    }
    const lede = articleParagraphs[0];
    if (!lede) problems.add(item.place, 'the article text is empty');
    return {
      typename: 'Article',
      slug: r.slug,
      title: r.title,
      publisher: optionalRef('Actor', r.publisher, item.place, 'publisher'),
      authors: refs('Actor', r.authors, item.place, 'authors'),
      publishedOn: partialDate(r.publishedOn),
      url: r.url ?? null,
      text: item.text,
      paragraphs: articleParagraphs,
      editorialNote: r.editorialNote ?? null,
      // An article is its own evidence; its lede stands for it where an excerpt is expected.
      excerpts: lede ? [{ article: index, paragraph: 0, start: lede.start, end: lede.end }] : [],
      actors: [],
      statements: [],
      meetings: [],
      draftAgreements: [],
      draftClauses: [],
      topics: [],
    };
  });

  // A refused statement may be a quotation's: its own problem says so.
  if (!problems.refusedAny('Statement'))
    checkQuotations(loaded.articles, paragraphs, statements, problems);
  // The reverse relations below index by the references: stop here unless all resolved.
  problems.throwIfAny();

  const at = <T>(list: T[], index: Index): T => list[index] as T;
  const compiled = {
    Article: articles,
    Actor: actors,
    Statement: statements,
    Meeting: meetings,
    DraftAgreement: draftAgreements,
    DraftClause: draftClauses,
    Position: positions,
    Topic: topics,
  };
  const fieldOf = (record: object, field: string) =>
    (record as unknown as Record<string, unknown>)[field];
  /** A field's values: a list's, a reference's (none when null). */
  const valuesOf = (record: object, field: string): unknown[] => {
    const value = fieldOf(record, field);
    return Array.isArray(value) ? value : value === null ? [] : [value];
  };

  // The reverse relations (relations.ts): each record's lists of the records that name it, or,
  // for an article, that stand in it. The records come in default order, so each list does.
  // An article's lists come first: an entity's articles are the articles that list it.
  for (const [owner, fields] of Object.entries(relations)) {
    for (const [field, relation] of Object.entries(fields) as [string, Reverse][]) {
      compiled[relation.type].forEach((record, i) => {
        const named =
          relation.by === 'spans'
            ? record.excerpts.map((e) => e.article)
            : relation.by.flatMap((key) => valuesOf(record, key) as Index[]);
        for (const o of named) {
          const list = fieldOf(at<object>(compiled[owner as OwnerType], o), field) as Index[];
          if (list[list.length - 1] !== i) list.push(i);
        }
      });
    }
  }

  // Each facet's postings (list-filters.ts): its records by their field's value, or by the
  // slug of the record the field names.
  const filters = Object.fromEntries(
    Object.entries(facets).map(([name, facet]) => {
      const postings: Postings = {};
      const named: { slug: string }[] | undefined =
        'bySlugOf' in facet ? compiled[facet.bySlugOf] : undefined;
      compiled[facet.type].forEach((record, i) => {
        for (const v of valuesOf(record, facet.field)) {
          post(postings, named ? at(named, v as Index).slug : (v as string), i);
        }
      });
      return [name, postings];
    }),
  ) as Corpus['filters'];

  return {
    articles,
    actors,
    statements,
    meetings,
    draftAgreements,
    draftClauses,
    positions,
    topics,
    slugs,
    filters,
  };
}

/**
 * The quotations of `text` (read as article:draft reads them, scripts/draft/quotations.ts)
 * that none of `quoted` (a DIRECT_QUOTE's spans) covers. A comma or full stop inside the
 * closing mark belongs to the sentence, not the quote: an excerpt may hold it or not.
 */
export function uncoveredQuotations(
  text: string,
  paragraphs: readonly { start: number; end: number }[],
  quoted: readonly { start: number; end: number }[],
): { start: number; end: number; words: string }[] {
  return quotationsOf(text, paragraphs)
    .flatMap((q) => q.parts)
    .filter(
      (q) =>
        !quoted.some(
          (e) =>
            e.start === q.start && e.end >= q.end && /^[\s,.;:]*$/.test(text.slice(q.end, e.end)),
        ),
    )
    .map((q) => ({ ...q, words: text.slice(q.start, q.end) }));
}

/** Every quotation in an article must be a DIRECT_QUOTE statement's excerpt. */
function checkQuotations(
  articles: SourcedArticle[],
  paragraphs: readonly ParagraphData[][],
  statements: StatementData[],
  problems: Problems,
) {
  // Grouped once by article: a corpus of many articles must not rescan every quote per article.
  const quotedByArticle = new Map<number, ExcerptData[]>();
  for (const s of statements) {
    if (s.kind !== 'DIRECT_QUOTE') continue;
    for (const e of s.excerpts) {
      const list = quotedByArticle.get(e.article) ?? [];
      list.push(e);
      quotedByArticle.set(e.article, list);
    }
  }
  articles.forEach((article, index) => {
    for (const q of uncoveredQuotations(
      article.text,
      paragraphs[index] ?? [],
      quotedByArticle.get(index) ?? [],
    )) {
      problems.add(
        article.place,
        `the quotation ${JSON.stringify(q.words)} at [${q.start}, ${q.end}) is not the excerpt of any DIRECT_QUOTE statement`,
      );
    }
  });
}
