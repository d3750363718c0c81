import DataLoader from 'dataloader';
import { dayOf, newestFirst } from '../archive-order.ts';
import type { NodeType, RecordTypes } from '../corpus.ts';
import type {
  ActorFilter,
  ArchiveOrder,
  ArticleFilter,
  DateBounds,
  DraftClauseFilter,
  MeetingFilter,
  StatementFilter,
} from '../queries.ts';
import { reverseRelations } from '../relations.ts';
import type { SearchHit } from '../search.ts';
import { highlights } from '../search.ts';
import type { SearchableType } from '../search-options.ts';
import type { LazyList, Page, Store } from '../store.ts';
import type { ExcerptData, Index, ParagraphData } from '../types.ts';
import type { Db } from './db.ts';
import { type Criterion, filteredPage } from './filters.ts';
import { matchingIds, searchPage } from './search.ts';

type TypeName = keyof RecordTypes;
type Row = { type: TypeName; id: number; body: string };
type AnyRecord = RecordTypes[TypeName];
/** A span as D1 holds it: with its words, so that no article text is loaded to slice them. */
type Span = Pick<ExcerptData, 'article' | 'start' | 'end'> & { text?: string };

/** A record from its row: its type name, its id (what links point at) and, for an article, its paragraphs' words. */
function parse(type: TypeName, id: number, body: string): AnyRecord {
  const record = JSON.parse(body) as Record<string, unknown>;
  record.typename = type;
  record.id = id;
  if (type === 'Article') {
    const text = record.text as string;
    record.paragraphs = (record.paragraphs as ParagraphData[]).map((p) => ({
      ...p,
      text: text.slice(p.start, p.end),
    }));
  }
  return record as unknown as AnyRecord;
}

const idOf = (record: object) => (record as { id: number }).id;
const key = (type: string, value: string | number) => `${type}\u0000${value}`;
const splitKey = (k: string) => k.split('\u0000') as [TypeName, string];

// Whole records by (type, id) and by (type, slug), many types in one statement: the keys are
// one JSON parameter, since D1 binds at most 100. The join is driven from the keys, so each is
// one index lookup (a row-value IN over a subquery scanned the table: 6 ms at 1,000 articles).
// Records (?1) and excerpts (?2) by id come in one statement, a record's excerpts in parts.
const cellsOf = `SELECT 'r' AS kind, r.type, r.id, 0 AS part, r.body FROM json_each(?1) k
  JOIN record r ON r.type = json_extract(k.value, '$[0]') AND r.id = json_extract(k.value, '$[1]')
  UNION ALL
  SELECT 's', e.type, e.id, e.part, e.spans FROM json_each(?2) k
  JOIN excerpts e ON e.type = json_extract(k.value, '$[0]') AND e.id = json_extract(k.value, '$[1]')`;
const bySlugs = `SELECT r.type, r.id, r.slug, r.body FROM json_each(?1) k
  JOIN record r ON r.type = json_extract(k.value, '$[0]') AND r.slug = json_extract(k.value, '$[1]')`;

// One owner's page of a list, with the list's length from its tally: a row even when the page
// is empty, so that the length always comes back.
const onePage = `SELECT t.n AS total, r.id, r.body FROM (SELECT 1)
  LEFT JOIN tally t ON t.list = ?1 AND t.owner = ?2
  LEFT JOIN (SELECT item, sort FROM link WHERE list = ?1 AND owner = ?2 ORDER BY sort LIMIT ?4 OFFSET ?3) p ON 1
  LEFT JOIN record r ON r.type = ?5 AND r.id = p.item
  ORDER BY p.sort`;

// The same page of one list for many owners (the statements of each actor of a page).
const manyPages = `WITH o AS (SELECT value AS owner FROM json_each(?2))
  SELECT o.owner, t.n AS total, r.id, r.body FROM o
  LEFT JOIN tally t ON t.list = ?1 AND t.owner = o.owner
  LEFT JOIN (SELECT owner, item, sort FROM (
      SELECT l.owner, l.item, l.sort, ROW_NUMBER() OVER (PARTITION BY l.owner ORDER BY l.sort) AS n
      FROM link l WHERE l.list = ?1 AND l.owner IN (SELECT owner FROM o))
    WHERE n > ?3 AND n <= ?3 + ?4) p ON p.owner = o.owner
  LEFT JOIN record r ON r.type = ?5 AND r.id = p.item
  ORDER BY o.owner, p.sort`;

// Whole short lists for many owners.
const wholeLists = `SELECT l.owner, r.id, r.body FROM link l
  JOIN record r ON r.type = ?3 AND r.id = l.item
  WHERE l.list = ?1 AND l.owner IN (SELECT value FROM json_each(?2))
  ORDER BY l.owner, l.sort`;

// A whole type in default order, its length from its tally. The page is found in the sort
// index alone (record_by_sort holds the ids), and only its rows' bodies are read: skipping
// 500 articles by their rows read their bodies, texts and all (40 ms at 1,000 articles).
const typePage = `SELECT t.n AS total, r.id, r.body FROM (SELECT 1)
  LEFT JOIN tally t ON t.list = ?1 AND t.owner = ''
  LEFT JOIN (SELECT id, sort FROM record WHERE type = ?1 ORDER BY sort LIMIT ?3 OFFSET ?2) p ON 1
  LEFT JOIN record r ON r.type = ?1 AND r.id = p.id
  ORDER BY p.sort`;

// One list of `link` by its owner, a record's slug (?3 its type) or a filter's value (?3 ''):
// a filter of one speaker, or one facet value, is that list, already in order and counted.
const listPage = `SELECT t.n AS total, r.id, r.body FROM (SELECT 1)
  LEFT JOIN (SELECT CASE WHEN ?3 = '' THEN ?2 ELSE (SELECT id FROM record WHERE type = ?3 AND slug = ?2) END AS owner) o ON 1
  LEFT JOIN tally t ON t.list = ?1 AND t.owner = o.owner
  LEFT JOIN (SELECT l.item, l.sort FROM link l, (SELECT CASE WHEN ?3 = '' THEN ?2 ELSE (SELECT id FROM record WHERE type = ?3 AND slug = ?2) END AS owner) w
    WHERE l.list = ?1 AND l.owner = w.owner ORDER BY l.sort LIMIT ?5 OFFSET ?4) p ON 1
  LEFT JOIN record r ON r.type = ?6 AND r.id = p.item
  ORDER BY p.sort`;

/** The one `link` list a criterion is, when it is one (one owner, one value). */
function oneList(c: Criterion): { list: string; owner: string; ownerType: string } | undefined {
  if ('via' in c && c.slugs.length === 1) {
    return { list: c.via, owner: c.slugs[0] as string, ownerType: c.owner };
  }
  if ('facet' in c && c.values.length === 1) {
    return { list: c.facet, owner: c.values[0] as string, ownerType: '' };
  }
  return undefined;
}

interface PageKey {
  list: string;
  owner: number;
  type: TypeName;
  offset: number;
  limit: number;
}

interface PageRow {
  owner?: number;
  total: number | null;
  id: number | null;
  body: string | null;
}

type Relations = Record<string, Record<string, TypeName>>;
const targetOf = (type: string, field: string) =>
  (reverseRelations as Relations)[type]?.[field] as TypeName;

/**
 * The corpus in D1, for one request: every lookup goes through a DataLoader, so that what one
 * level of the selection asks for (the speakers of a page of statements) is one query, and a
 * record loaded once is not loaded again within the request.
 */
export class D1Store implements Store {
  constructor(private readonly db: Db) {}

  get queries(): number {
    return this.db.queries ?? 0;
  }

  // Records and their excerpts by (type, id), one statement for both: what one level of a
  // selection asks of them (clauses, who opposes each, and their excerpts) is one query.
  private readonly cells = new DataLoader<string, AnyRecord | ExcerptData[] | null>(
    async (keys) => {
      const wanted = (kind: string) =>
        JSON.stringify(
          keys
            .filter((k) => k.startsWith(kind))
            .map((k) => {
              const [, type, id] = k.split('\u0000') as [string, string, string];
              return [type, Number(id)];
            }),
        );
      const rows = await this.db.all<Row & { kind: string; part: number }>(cellsOf, [
        wanted('r'),
        wanted('s'),
      ]);
      const found = new Map<string, AnyRecord | ExcerptData[]>();
      const parts = new Map<string, { part: number; body: string }[]>();
      for (const r of rows) {
        const k = `${r.kind}\u0000${r.type}\u0000${r.id}`;
        if (r.kind === 'r') found.set(k, parse(r.type, r.id, r.body));
        else parts.set(k, [...(parts.get(k) ?? []), r]);
      }
      for (const [k, list] of parts) {
        list.sort((a, b) => a.part - b.part);
        found.set(
          k,
          list.flatMap((p) => JSON.parse(p.body) as ExcerptData[]),
        );
      }
      return keys.map((k) => found.get(k) ?? (k.startsWith('s') ? [] : null));
    },
  );

  private readonly slugs = new DataLoader<string, AnyRecord | null>(async (keys) => {
    const rows = await this.db.all<Row & { slug: string }>(bySlugs, [
      JSON.stringify(keys.map(splitKey)),
    ]);
    const found = new Map(rows.map((r) => [key(r.type, r.slug), this.remember(r)]));
    return keys.map((k) => found.get(k) ?? null);
  });

  private readonly pages = new DataLoader<PageKey, Page<AnyRecord>, string>(
    async (keys) => {
      const groups = new Map<string, PageKey[]>();
      for (const k of keys) {
        const group = `${k.list}\n${k.type}\n${k.offset}\n${k.limit}`;
        groups.set(group, [...(groups.get(group) ?? []), k]);
      }
      const answers = new Map<string, Page<AnyRecord>>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { list, type, offset, limit } = group[0] as PageKey;
          const owners = [...new Set(group.map((k) => k.owner))];
          const rows =
            owners.length === 1
              ? (await this.db.all<PageRow>(onePage, [list, owners[0], offset, limit, type])).map(
                  (r) => ({ ...r, owner: owners[0] }),
                )
              : await this.db.all<PageRow>(manyPages, [
                  list,
                  JSON.stringify(owners),
                  offset,
                  limit,
                  type,
                ]);
          const byOwner = new Map<number, Page<AnyRecord>>();
          for (const row of rows) {
            const page = byOwner.get(row.owner as number) ?? { items: [], total: row.total ?? 0 };
            if (row.id !== null && row.body !== null)
              page.items.push(this.remember({ type, id: row.id, body: row.body }));
            byOwner.set(row.owner as number, page);
          }
          for (const k of group) {
            answers.set(this.pageKey(k), byOwner.get(k.owner) ?? { items: [], total: 0 });
          }
        }),
      );
      return keys.map((k) => answers.get(this.pageKey(k)) as Page<AnyRecord>);
    },
    { cacheKeyFn: (k) => this.pageKey(k) },
  );

  private readonly wholes = new DataLoader<string, AnyRecord[]>(async (keys) => {
    const groups = new Map<string, number[]>();
    for (const k of keys) {
      const [list, owner] = splitKey(k);
      groups.set(list, [...(groups.get(list) ?? []), Number(owner)]);
    }
    const answers = new Map<string, AnyRecord[]>();
    await Promise.all(
      [...groups].map(async ([list, owners]) => {
        const type = targetOf(...(list.split('.') as [string, string]));
        const rows = await this.db.all<{ owner: number; id: number; body: string }>(wholeLists, [
          list,
          JSON.stringify(owners),
          type,
        ]);
        for (const row of rows) {
          const k = key(list, row.owner);
          answers.set(k, [
            ...(answers.get(k) ?? []),
            this.remember({ type, id: row.id, body: row.body }),
          ]);
        }
      }),
    );
    return keys.map((k) => answers.get(k) ?? []);
  });

  private pageKey(k: PageKey): string {
    return `${k.list}\n${k.owner}\n${k.type}\n${k.offset}\n${k.limit}`;
  }

  /** A record read as part of a list, kept so that a later lookup of it costs no query. */
  private remember(row: Row): AnyRecord {
    const k = key(row.type, row.id);
    const record = parse(row.type, row.id, row.body);
    this.cells.prime(`r\u0000${k}`, record);
    return record;
  }

  private lazy<T>(page: (offset: number, limit: number) => Promise<Page<T>>): LazyList<T> {
    return { page, count: async () => (await page(0, 0)).total };
  }

  bySlug<T extends NodeType>(type: T, slug: string): Promise<RecordTypes[T] | null> {
    return this.slugs.load(key(type, slug)) as Promise<RecordTypes[T] | null>;
  }

  async at<T extends TypeName>(type: T, ref: Index): Promise<RecordTypes[T]> {
    const record = (await this.cells.load(`r\u0000${key(type, ref)}`)) as AnyRecord | null;
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
    const target = targetOf(type, field);
    return this.lazy((offset, limit) =>
      this.pages.load({ list, owner, type: target, offset, limit }),
    ) as LazyList<never>;
  }

  relatedAll(type: string, record: object, field: string): Promise<never[]> {
    return this.wholes.load(key(`${type}.${field}`, idOf(record))) as Promise<never[]>;
  }

  listAll<T extends TypeName>(type: T): LazyList<RecordTypes[T]> {
    return this.lazy(async (offset, limit) =>
      this.pageOf(type, await this.db.all<PageRow>(typePage, [type, offset, limit])),
    );
  }

  private pageOf<T extends TypeName>(type: T, rows: PageRow[]): Page<RecordTypes[T]> {
    const items: RecordTypes[T][] = [];
    for (const row of rows) {
      if (row.id !== null && row.body !== null) {
        items.push(this.remember({ type, id: row.id, body: row.body }) as RecordTypes[T]);
      }
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
            await this.db.all<PageRow>(listPage, [
              list.list,
              list.owner,
              list.ownerType,
              offset,
              limit,
              type,
            ]),
          ),
        );
      }
    }
    return this.lazy(async (offset, limit) =>
      this.pageOf(type, await filteredPage(this.db, type, active, offset, limit, order)),
    );
  }

  /**
   * The date bounds as a range of sort keys: an article's, and each of its records', begins
   * with its day, newest first (archive-order.ts). An undated article is within no bounds.
   */
  private within(bounds: DateBounds): Criterion | undefined {
    if (bounds.publishedAfter == null && bounds.publishedBefore == null) return undefined;
    // After the day before the first bound, and below an undated article's key (day 0).
    const after = bounds.publishedAfter == null ? 1 : dayOf(bounds.publishedAfter);
    return {
      sortFrom: bounds.publishedBefore == null ? '' : newestFirst(dayOf(bounds.publishedBefore)),
      sortBelow: newestFirst(after - 1),
    };
  }

  private searched(type: 'Actor' | 'Statement', query: string): Criterion {
    return { ids: () => matchingIds(this.db, type, query) };
  }

  actors(filter: ActorFilter | null | undefined) {
    return this.filtered('Actor', [
      filter?.kind ? { facet: 'actorsByKind', values: filter.kind } : undefined,
      filter?.search != null ? this.searched('Actor', filter.search) : undefined,
    ]);
  }

  articles(filter: ArticleFilter | null | undefined, order: ArchiveOrder = 'NEWEST') {
    const search = filter?.search;
    return this.filtered(
      'Article',
      [
        this.within(filter ?? {}),
        filter?.publisher ? { facet: 'articlesByPublisher', values: filter.publisher } : undefined,
        filter?.author ? { facet: 'articlesByAuthor', values: filter.author } : undefined,
        filter?.mentions
          ? { via: 'Actor.articles', owner: 'Actor', slugs: filter.mentions }
          : undefined,
        filter?.topic ? { via: 'Topic.articles', owner: 'Topic', slugs: filter.topic } : undefined,
        search != null ? { ids: () => this.articlesMatching(search) } : undefined,
      ],
      order,
    );
  }

  /** The articles that hold a statement, or name an actor, that matches the words. */
  private async articlesMatching(query: string): Promise<number[]> {
    const [statements, actors] = await Promise.all([
      matchingIds(this.db, 'Statement', query),
      matchingIds(this.db, 'Actor', query),
    ]);
    if (statements.length === 0 && actors.length === 0) return [];
    const rows = await this.db.all<{ id: number }>(
      `SELECT json_extract(r.body, '$.excerpt.article') AS id FROM json_each(?1) k
        JOIN record r ON r.type = 'Statement' AND r.id = k.value
      UNION SELECT l.item FROM json_each(?2) k
        JOIN link l ON l.list = 'Actor.articles' AND l.owner = k.value`,
      [JSON.stringify(statements), JSON.stringify(actors)],
    );
    return rows.map((r) => r.id);
  }

  statements(filter: StatementFilter | null | undefined, order: ArchiveOrder = 'NEWEST') {
    return this.filtered(
      'Statement',
      [
        filter?.article
          ? { via: 'Article.statements', owner: 'Article', slugs: filter.article }
          : undefined,
        this.within(filter ?? {}),
        filter?.speaker
          ? { via: 'Actor.statements', owner: 'Actor', slugs: filter.speaker }
          : undefined,
        filter?.kind ? { facet: 'statementsByKind', values: filter.kind } : undefined,
        filter?.topic
          ? { via: 'Topic.statements', owner: 'Topic', slugs: filter.topic }
          : undefined,
        filter?.mentions
          ? { via: 'Actor.mentionedIn', owner: 'Actor', slugs: filter.mentions }
          : undefined,
        filter?.meeting != null
          ? { via: 'Meeting.statements', owner: 'Meeting', slugs: [filter.meeting] }
          : undefined,
        filter?.search != null ? this.searched('Statement', filter.search) : undefined,
      ],
      order,
    );
  }

  meetings(filter: MeetingFilter | null | undefined) {
    return this.filtered('Meeting', [
      filter?.status ? { facet: 'meetingsByStatus', values: filter.status } : undefined,
      filter?.kind ? { facet: 'meetingsByKind', values: filter.kind } : undefined,
    ]);
  }

  draftClauses(filter: DraftClauseFilter | null | undefined) {
    return this.filtered('DraftClause', [
      filter?.agreement != null
        ? { facet: 'clausesByAgreement', values: [filter.agreement] }
        : undefined,
      filter?.status ? { facet: 'clausesByStatus', values: filter.status } : undefined,
      filter?.opposedBy ? { facet: 'clausesByOpposer', values: filter.opposedBy } : undefined,
    ]);
  }

  search(query: string, kinds: readonly SearchableType[] | null | undefined): LazyList<SearchHit> {
    return this.lazy(async (offset, limit) => {
      const { total, hits } = await searchPage(this.db, query, kinds, offset, limit);
      return {
        total,
        items: hits.map((hit) => ({
          record: this.remember(hit) as SearchHit['record'],
          score: hit.score,
          terms: hit.terms,
        })),
      };
    });
  }

  excerpts(record: object): Promise<ExcerptData[]> {
    const { typename, id } = record as { typename: string; id: number };
    return this.cells.load(`s\u0000${key(typename, id)}`) as Promise<ExcerptData[]>;
  }

  /** Highlights are found in a hit's excerpts, read when they are asked for. */
  async highlights(hit: SearchHit): Promise<ExcerptData[]> {
    const excerpts = (await this.excerpts(hit.record)) as Span[];
    hit = { ...hit, record: { ...hit.record, excerpts } as SearchHit['record'] };
    const around = (article: Index, start: number, end: number) =>
      excerpts.find((e) => e.article === article && start >= e.start && end <= e.end);
    // A highlight is a span inside one of the record's excerpts: its words are sliced from
    // that excerpt's, as the bundle slices them from the article.
    return highlights(hit, {
      spanText: (span) => this.spanText(span),
      charAt: (article, offset) => {
        const e = around(article, offset, offset + 1);
        return e?.text?.[offset - e.start];
      },
    }).map((span: ExcerptData & { text?: string }) => {
      if (span.text !== undefined) return span;
      const e = around(span.article, span.start, span.end);
      return { ...span, text: e?.text?.slice(span.start - e.start, span.end - e.start) ?? '' };
    });
  }

  spanText(span: Span): string {
    return span.text ?? '';
  }
}
