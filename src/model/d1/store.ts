import DataLoader from 'dataloader';
import type { NodeType, RecordTypes } from '../corpus.ts';
import type { ParagraphKind } from '../enums.ts';
import { highlights, type SearchHit } from '../highlights.ts';
import { paragraphsOf } from '../packed.ts';
import type {
  ActorFilter,
  ArchiveOrder,
  ArticleFilter,
  DraftClauseFilter,
  MeetingFilter,
  StatementFilter,
} from '../queries.ts';
import type { SearchScope } from '../search-options.ts';
import type { LazyList, Page, Store } from '../store.ts';
import type { ArticleData, ExcerptData, Index, ParagraphData, PartialDateData } from '../types.ts';
import type { Db } from './db.ts';
import { type Criterion, criteriaIn, filteredPage } from './filters.ts';
import { searchPage } from './search.ts';
import {
  bodyByType,
  bodyOf,
  type ListSource,
  lengthSql,
  lists,
  sourceSql,
  type TypeName,
  tableOf,
} from './tables.ts';

type Row = { type: TypeName; body: string };
type AnyRecord = RecordTypes[TypeName];
/** A span as D1 gives it: with its words, sliced by SQLite from the article's text. */
type Span = Pick<ExcerptData, 'article' | 'start' | 'end'> & { text?: string };
/** A record's excerpt as D1 reads it: always with its words. */
type Excerpt = ExcerptData & { text: string };

/** A partial date from its ISO text (`2025`, `2025-05`, `2025-05-16`) and its words. */
function partialDate(iso: string | null, text: string | null): PartialDateData | null {
  if (iso === null) return null;
  const [year, month, day] = iso.split('-').map(Number);
  return { year: year as number, month: month ?? null, day: day ?? null, iso, text };
}

/** A record from the JSON its table's SQL gives (tables.ts bodyOf), with its type name. */
function parse(type: TypeName, body: string): AnyRecord {
  const record = JSON.parse(body) as Record<string, unknown>;
  record.typename = type;
  if (type === 'Article') {
    record.publishedOn = partialDate(
      record.published as string | null,
      record.publishedText as string | null,
    );
    delete record.published;
    delete record.publishedText;
  } else if (type === 'Meeting') {
    record.date = partialDate(record.date as string | null, record.dateText as string | null);
    delete record.dateText;
  }
  return record as unknown as AnyRecord;
}

const idOf = (record: object) => (record as { id: number }).id;

/** A record by its table's id. */
interface RecordKey {
  type: TypeName;
  id: number;
}
/** What one row of `cellsOf` reads: a record's body ('r'), or its spans ('s'). */
interface CellKey extends RecordKey {
  kind: 'r' | 's';
}
interface SlugKey {
  type: NodeType;
  slug: string;
}
/** A list (`Actor.meetings`) of one owner. */
interface ListKey {
  list: string;
  owner: number;
}
type SpanKey = Pick<ExcerptData, 'article' | 'start' | 'end'>;
interface ArticleWords {
  text: string;
  paragraphs: ParagraphData[];
}

const recordKey = (k: RecordKey) => `${k.type}\u0000${k.id}`;
const cellKey = (k: CellKey) => `${k.kind}\u0000${k.type}\u0000${k.id}`;
const slugKey = (k: SlugKey) => `${k.type}\u0000${k.slug}`;
const listKey = (k: ListKey) => `${k.list}\u0000${k.owner}`;
const spanKey = (k: SpanKey) => JSON.stringify([k.article, k.start, k.end]);
const pageKey = (k: PageKey) => `${k.list}\n${k.owner}\n${k.offset}\n${k.limit}`;

// A record's spans, its newest article's first, each with its words (null where the article
// holds a character outside the BMP: migrations/0007's article_text.wide).
const spansOf = (
  type: string,
  id: string,
) => `(SELECT json_group_array(json_array(s.article, s.paragraph, s.start, s."end", s.words))
    FROM (SELECT e.article, e.paragraph, e.start, e."end",
        CASE WHEN w.wide THEN NULL ELSE substr(w.text, e.start + 1, e."end" - e.start) END AS words
      FROM excerpt e JOIN article a ON a.id = e.article JOIN article_text w ON w.article = e.article
      WHERE e.type = ${type} AND e.id = ${id}
      ORDER BY a.sort, e.n) s)`;

/**
 * Records ('r') and records' spans ('s') by (type, id), one statement for all that a level of
 * a selection asks of them (clauses, who opposes each, and their excerpts), a row a key.
 */
const cellsOf = (
  types: readonly TypeName[],
) => `SELECT CASE WHEN k.kind = 's' THEN ${spansOf('k.type', 'k.id')}
    ELSE ${bodyByType(types, 'k.type', 'id', 'k.id')} END AS body
  FROM (SELECT json_extract(value, '$[0]') AS kind, json_extract(value, '$[1]') AS type,
    json_extract(value, '$[2]') AS id FROM json_each(?1)) k`;
const bySlugs = (
  types: readonly TypeName[],
) => `SELECT k.type, ${bodyByType(types, 'k.type', 'slug', 'k.slug')} AS body
  FROM (SELECT json_extract(value, '$[0]') AS type, json_extract(value, '$[1]') AS slug FROM json_each(?1)) k`;

// The words of spans, by [article, start, end]; an article with a character outside the BMP
// gives its whole text, sliced here by UTF-16 offsets.
const wordsOf = `SELECT k.value AS k, w.wide,
    CASE WHEN w.wide THEN w.text
      ELSE substr(w.text, json_extract(k.value, '$[1]') + 1, json_extract(k.value, '$[2]') - json_extract(k.value, '$[1]')) END AS words
  FROM json_each(?1) k JOIN article_text w ON w.article = json_extract(k.value, '$[0]')`;

const textsOf = `SELECT w.article AS id, w.text, w.kinds FROM json_each(?1) k
  JOIN article_text w ON w.article = k.value`;

/** One owner's page of a list (?1 the owner, ?2 the offset, ?3 the limit), with its length. */
function pageSql(name: string, owner = '?1'): string {
  const source = lists[name] as ListSource;
  return `SELECT ${lengthSql(name, 'o.owner')} AS total, ${bodyOf(source.type)} AS body
  FROM (SELECT (${owner}) AS owner) o
  LEFT JOIN (${sourceSql(source, `= (${owner})`)} ORDER BY sort LIMIT ?3 OFFSET ?2) p ON 1
  LEFT JOIN ${tableOf[source.type]} t ON t.id = p.id
  ORDER BY p.sort`;
}

/** The same page of one list for many owners (?1 their JSON array): the statements of each actor of a page. */
function pagesSql(name: string): string {
  const source = lists[name] as ListSource;
  return `WITH p AS (SELECT owner, id, sort FROM (
      SELECT s.owner, s.id, s.sort, ROW_NUMBER() OVER (PARTITION BY s.owner ORDER BY s.sort) AS rn
      FROM (${sourceSql(source, 'IN (SELECT value FROM json_each(?1))')}) s)
    WHERE rn > ?2 AND rn <= ?2 + ?3)
  SELECT o.value AS owner, ${lengthSql(name, 'o.value')} AS total, ${bodyOf(source.type)} AS body
  FROM json_each(?1) o LEFT JOIN p ON p.owner = o.value
  LEFT JOIN ${tableOf[source.type]} t ON t.id = p.id
  ORDER BY o.value, p.sort`;
}

/** Whole short lists for many owners (?1 their JSON array). */
function wholesSql(name: string): string {
  const source = lists[name] as ListSource;
  return `SELECT s.owner, ${bodyOf(source.type)} AS body
  FROM (${sourceSql(source, 'IN (SELECT value FROM json_each(?1))')}) s
  JOIN ${tableOf[source.type]} t ON t.id = s.id
  ORDER BY s.owner, s.sort`;
}

// A whole kind in default order, its length from its tally: the page is found in the sort
// index alone, and only its rows are read.
const typePage = (
  type: TypeName,
) => `SELECT (SELECT n FROM tally WHERE list = '${type}' AND owner = '') AS total,
    ${bodyOf(type)} AS body
  FROM (SELECT 1) LEFT JOIN (SELECT id, sort FROM ${tableOf[type]} ORDER BY sort LIMIT ?2 OFFSET ?1) p ON 1
  LEFT JOIN ${tableOf[type]} t ON t.id = p.id
  ORDER BY p.sort`;

/** The one list a criterion is, when it is one (one owner, one value), and its owner's SQL. */
function oneList(c: Criterion): { list: string; value: string; owner: string } | undefined {
  if ('via' in c && c.slugs.length === 1) {
    const table = tableOf[c.owner as TypeName];
    return {
      list: c.via,
      value: c.slugs[0] as string,
      owner: `SELECT id FROM ${table} WHERE slug = ?1`,
    };
  }
  if ('facet' in c && c.values.length === 1) {
    const by = lists[c.facet]?.ownerBy;
    return {
      list: c.facet,
      value: c.values[0] as string,
      owner: by ? `SELECT id FROM ${tableOf[by]} WHERE slug = ?1` : '?1',
    };
  }
  return undefined;
}

interface PageKey {
  list: string;
  owner: number;
  offset: number;
  limit: number;
}

interface PageRow {
  owner?: number;
  total: number | null;
  body: string | null;
}

/**
 * The archive in D1, for one request: every lookup goes through a DataLoader, so that what one
 * level of the selection asks for (the speakers of a page of statements) is one query, and a
 * record loaded once is not loaded again within the request.
 */
export class D1Store implements Store {
  constructor(private readonly db: Db) {}

  get queries(): number {
    return this.db.queries ?? 0;
  }

  /**
   * The JSON of records and of records' spans, one statement for all that a level of a
   * selection asks of either (clauses, who opposes each, and their excerpts), a row a key.
   * `records` and `spans` read through it, each keeping what it parsed.
   */
  private readonly cells = new DataLoader<CellKey, string | null, string>(
    async (keys) => {
      const types = [...new Set(keys.filter((k) => k.kind === 'r').map((k) => k.type))];
      const rows = await this.db.all<{ body: string | null }>(cellsOf(types), [
        JSON.stringify(keys.map((k) => [k.kind, k.type, k.id])),
      ]);
      return keys.map((_, i) => rows[i]?.body ?? null);
    },
    { cacheKeyFn: cellKey },
  );

  private readonly records = new DataLoader<RecordKey, AnyRecord | null, string>(
    async (keys) => {
      const bodies = await this.cells.loadMany(keys.map((k) => ({ ...k, kind: 'r' as const })));
      return bodies.map((body, i) =>
        body instanceof Error || body === null ? body : parse((keys[i] as RecordKey).type, body),
      );
    },
    { cacheKeyFn: recordKey },
  );

  private readonly spans = new DataLoader<RecordKey, Excerpt[], string>(
    async (keys) => {
      const bodies = await this.cells.loadMany(keys.map((k) => ({ ...k, kind: 's' as const })));
      return Promise.all(
        bodies.map(async (body) => {
          if (body instanceof Error) return body;
          const list = JSON.parse(body ?? '[]') as [
            number,
            number,
            number,
            number,
            string | null,
          ][];
          return Promise.all(
            list.map(async ([article, paragraph, start, end, words]) => ({
              article,
              paragraph,
              start,
              end,
              text: words ?? (await this.texts.load(article)).text.slice(start, end),
            })),
          );
        }),
      );
    },
    { cacheKeyFn: recordKey },
  );

  private readonly slugs = new DataLoader<SlugKey, AnyRecord | null, string>(
    async (keys) => {
      const types = [...new Set(keys.map((k) => k.type))];
      const rows = await this.db.all<Row>(bySlugs(types), [
        JSON.stringify(keys.map((k) => [k.type, k.slug])),
      ]);
      return rows.map((r) => (r.body === null ? null : this.remember(r.type, r.body)));
    },
    { cacheKeyFn: slugKey },
  );

  private readonly words = new DataLoader<SpanKey, string, string>(
    async (keys) => {
      const rows = await this.db.all<{ k: string; wide: number; words: string }>(wordsOf, [
        JSON.stringify(keys.map((k) => [k.article, k.start, k.end])),
      ]);
      const found = new Map(rows.map((r) => [r.k, r]));
      return keys.map((k) => {
        const row = found.get(spanKey(k));
        if (!row) return '';
        return row.wide ? row.words.slice(k.start, k.end) : row.words;
      });
    },
    { cacheKeyFn: spanKey },
  );

  private readonly texts = new DataLoader<number, ArticleWords>(async (ids) => {
    const rows = await this.db.all<{ id: number; text: string; kinds: string }>(textsOf, [
      JSON.stringify(ids),
    ]);
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const row = found.get(id);
      const text = row?.text ?? '';
      const kinds = JSON.parse(row?.kinds ?? '{}') as Record<string, ParagraphKind>;
      // Each paragraph carries its words, so that Paragraph.text costs no query.
      const paragraphs = paragraphsOf(id, text, kinds).map((p) => ({
        ...p,
        text: text.slice(p.start, p.end),
      }));
      return { text, paragraphs };
    });
  });

  private readonly pages = new DataLoader<PageKey, Page<AnyRecord>, string>(
    async (keys) => {
      const groups = new Map<string, PageKey[]>();
      for (const k of keys) {
        const group = `${k.list}\n${k.offset}\n${k.limit}`;
        groups.set(group, [...(groups.get(group) ?? []), k]);
      }
      const answers = new Map<string, Page<AnyRecord>>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { list, offset, limit } = group[0] as PageKey;
          const type = (lists[list] as ListSource).type;
          const owners = [...new Set(group.map((k) => k.owner))];
          const rows =
            owners.length === 1
              ? (await this.db.all<PageRow>(pageSql(list), [owners[0], offset, limit])).map(
                  (r) => ({ ...r, owner: owners[0] }),
                )
              : await this.db.all<PageRow>(pagesSql(list), [JSON.stringify(owners), offset, limit]);
          const byOwner = new Map<number, Page<AnyRecord>>();
          for (const row of rows) {
            const page = byOwner.get(row.owner as number) ?? { items: [], total: row.total ?? 0 };
            if (row.body !== null) page.items.push(this.remember(type, row.body));
            byOwner.set(row.owner as number, page);
          }
          for (const k of group) {
            answers.set(pageKey(k), byOwner.get(k.owner) ?? { items: [], total: 0 });
          }
        }),
      );
      return keys.map((k) => answers.get(pageKey(k)) as Page<AnyRecord>);
    },
    { cacheKeyFn: pageKey },
  );

  private readonly wholes = new DataLoader<ListKey, AnyRecord[], string>(
    async (keys) => {
      const groups = new Map<string, number[]>();
      for (const { list, owner } of keys) groups.set(list, [...(groups.get(list) ?? []), owner]);
      const answers = new Map<string, AnyRecord[]>();
      await Promise.all(
        [...groups].map(async ([list, owners]) => {
          const type = (lists[list] as ListSource).type;
          const rows = await this.db.all<{ owner: number; body: string }>(wholesSql(list), [
            JSON.stringify(owners),
          ]);
          for (const row of rows) {
            const k = listKey({ list, owner: row.owner });
            answers.set(k, [...(answers.get(k) ?? []), this.remember(type, row.body)]);
          }
        }),
      );
      return keys.map((k) => answers.get(listKey(k)) ?? []);
    },
    { cacheKeyFn: listKey },
  );

  /** A record read as part of a list, kept so that a later lookup of it costs no query. */
  private remember(type: TypeName, body: string): AnyRecord {
    const record = parse(type, body);
    this.records.prime({ type, id: idOf(record) }, record);
    return record;
  }

  private lazy<T>(page: (offset: number, limit: number) => Promise<Page<T>>): LazyList<T> {
    return { page, count: async () => (await page(0, 0)).total };
  }

  bySlug<T extends NodeType>(type: T, slug: string): Promise<RecordTypes[T] | null> {
    return this.slugs.load({ type, slug }) as Promise<RecordTypes[T] | null>;
  }

  async at<T extends TypeName>(type: T, ref: Index): Promise<RecordTypes[T]> {
    const record = await this.records.load({ type, id: ref });
    if (!record) throw new Error(`${type} ${ref} is referenced but not stored`);
    return record as RecordTypes[T];
  }

  atOptional<T extends TypeName>(
    type: T,
    ref: Index | null,
  ): Promise<RecordTypes[T] | null> | null {
    return ref === null ? null : this.at(type, ref);
  }

  allAt<T extends TypeName>(
    type: T,
    refs: readonly Index[],
  ): Promise<RecordTypes[T][]> | RecordTypes[T][] {
    return refs.length === 0 ? [] : Promise.all(refs.map((ref) => this.at(type, ref)));
  }

  related(type: string, record: object, field: string): LazyList<never> {
    const list = `${type}.${field}`;
    const owner = idOf(record);
    return this.lazy((offset, limit) =>
      this.pages.load({ list, owner, offset, limit }),
    ) as LazyList<never>;
  }

  relatedAll(type: string, record: object, field: string): Promise<never[]> {
    return this.wholes.load({ list: `${type}.${field}`, owner: idOf(record) }) as Promise<never[]>;
  }

  listAll<T extends TypeName>(type: T): LazyList<RecordTypes[T]> {
    return this.lazy(async (offset, limit) =>
      this.pageOf(type, await this.db.all<PageRow>(typePage(type), [offset, limit])),
    );
  }

  private pageOf<T extends TypeName>(type: T, rows: PageRow[]): Page<RecordTypes[T]> {
    const items: RecordTypes[T][] = [];
    for (const row of rows) {
      if (row.body !== null) items.push(this.remember(type, row.body) as RecordTypes[T]);
    }
    return { items, total: rows[0]?.total ?? 0 };
  }

  private filtered<T extends TypeName>(
    type: T,
    criteria: (Criterion | undefined)[],
    order: ArchiveOrder = 'NEWEST',
  ): LazyList<RecordTypes[T]> {
    const active = criteria.filter((c): c is Criterion => c !== undefined);
    if (active.length === 0 && order === 'NEWEST') return this.listAll(type);
    const [only] = active;
    if (active.length === 1 && order === 'NEWEST' && only) {
      const list = oneList(only);
      if (list) {
        return this.lazy(async (offset, limit) =>
          this.pageOf(
            type,
            await this.db.all<PageRow>(pageSql(list.list, list.owner), [list.value, offset, limit]),
          ),
        );
      }
    }
    return this.lazy(async (offset, limit) =>
      this.pageOf(type, await filteredPage(this.db, type, active, offset, limit, order)),
    );
  }

  actors(filter: ActorFilter | null | undefined) {
    return this.filtered('Actor', criteriaIn(this.db, 'Actor', filter));
  }

  articles(filter: ArticleFilter | null | undefined, order: ArchiveOrder = 'NEWEST') {
    return this.filtered('Article', criteriaIn(this.db, 'Article', filter), order);
  }

  statements(filter: StatementFilter | null | undefined, order: ArchiveOrder = 'NEWEST') {
    return this.filtered('Statement', criteriaIn(this.db, 'Statement', filter), order);
  }

  meetings(filter: MeetingFilter | null | undefined) {
    return this.filtered('Meeting', criteriaIn(this.db, 'Meeting', filter));
  }

  draftClauses(filter: DraftClauseFilter | null | undefined) {
    return this.filtered('DraftClause', criteriaIn(this.db, 'DraftClause', filter));
  }

  search(query: string, scope: SearchScope): LazyList<SearchHit> {
    return this.lazy(async (offset, limit) => {
      const page = await searchPage(this.db, query, scope, offset, limit);
      return {
        total: page.total,
        items: page.hits.map((hit) => ({
          record: this.remember(hit.type, hit.body) as SearchHit['record'],
          score: hit.score,
          terms: page.terms,
        })),
      };
    });
  }

  excerpts(record: object): Promise<Excerpt[]> {
    const { typename, id } = record as { typename: TypeName; id: number };
    return this.spans.load({ type: typename, id });
  }

  /** Highlights are found in a hit's excerpts, read when they are asked for. */
  async highlights(hit: SearchHit): Promise<ExcerptData[]> {
    const excerpts = await this.excerpts(hit.record);
    hit = { ...hit, record: { ...hit.record, excerpts } as SearchHit['record'] };
    const around = (article: Index, start: number, end: number) =>
      excerpts.find((e) => e.article === article && start >= e.start && end <= e.end);
    // A highlight is a span inside one of the record's excerpts: its words are sliced from
    // that excerpt's, as the bundle slices them from the article.
    const inExcerpt = (span: Span) => {
      const e = around(span.article, span.start, span.end);
      return e?.text?.slice(span.start - e.start, span.end - e.start) ?? '';
    };
    return highlights(hit, {
      spanText: (span) => (span as Span).text ?? inExcerpt(span),
      charAt: (article, offset) => {
        const e = around(article, offset, offset + 1);
        return e?.text?.[offset - e.start];
      },
    }).map((span: Span & ExcerptData) =>
      span.text !== undefined ? span : { ...span, text: inExcerpt(span) },
    );
  }

  articleText(article: ArticleData): Promise<string> {
    return this.texts.load(idOf(article)).then((t) => t.text);
  }

  paragraphs(article: ArticleData): Promise<ParagraphData[]> {
    return this.texts.load(idOf(article)).then((t) => t.paragraphs);
  }

  spanText(span: Span): string | Promise<string> {
    return span.text ?? this.words.load(span);
  }
}
