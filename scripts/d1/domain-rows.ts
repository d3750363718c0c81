import { type TableName, tables } from '../../src/model/packed.ts';
import { type Reverse, referencesOf, relations, storageOf } from '../../src/model/relations.ts';
import type {
  ActorData,
  ArticleData,
  Corpus,
  DraftAgreementData,
  DraftClauseData,
  ExcerptData,
  Index,
  MeetingData,
  PartialDateData,
  PositionData,
  StatementData,
  TopicData,
} from '../../src/model/types.ts';
import type { BuiltData } from '../data/build.ts';
import { inserts } from './sql.ts';

// The rows of migrations/0007_domain.sql for compiled records: what d1:load writes for every
// record and d1:add for the records an article writes. Ids and sort keys are the caller's (a
// whole load's, or the database's for d1:add), so one function serves both.

/** The tables records fill, in the order their rows are inserted. */
export const domainTables = [
  'actor',
  'meeting',
  'draft_agreement',
  'draft_clause',
  'topic',
  'article',
  'article_text',
  'article_author',
  'citation',
  'meeting_actor',
  'clause_actor',
  'clause_topic',
  'statement',
  'statement_mention',
  'statement_topic',
  'statement_clause',
  'position',
  'position_topic',
  'excerpt',
] as const;
export type DomainTable = (typeof domainTables)[number];

/**
 * The link tables that hold lists of the records of `type` (relations.ts), each once, with the
 * column that names the record.
 */
export function linkTables(type: string): [string, string][] {
  const tables = new Map<string, string>();
  for (const [field] of referencesOf(type)) {
    const s = storageOf(type, field);
    if (s && 'link' in s) tables.set(s.link, s.from);
  }
  return [...tables];
}

const json = (value: unknown) => JSON.stringify(value);
const dateOf = (date: PartialDateData | null) => [date?.iso ?? null, date?.text ?? null];
// A character outside the BMP: one code point, two UTF-16 units (see article_text.wide).
const astral = /[\u{10000}-\u{10FFFF}]/u;

export class DomainRows {
  readonly rows = new Map<DomainTable, unknown[][]>(domainTables.map((t) => [t, []]));
  readonly meta: unknown[][] = [];

  constructor(
    private readonly corpus: Corpus,
    /** A record's id in the database, by its type and compiled index. */
    private readonly idOf: (type: string, index: Index) => number,
    /** A record's sort key, by its table and compiled index. */
    private readonly sortOf: (name: TableName, index: Index) => string,
    /** The aliases an article (its slug) names an actor (its slug) by in its citation. */
    private readonly aliases: BuiltData['citationAliases'] = new Map(),
    /** An actor's aliases as the database is to hold them, where not the compiled record's. */
    private readonly actorAliases: (index: Index) => string[] | undefined = () => undefined,
  ) {}

  private push(table: DomainTable, ...rows: unknown[][]) {
    this.rows.get(table)?.push(...rows);
  }

  private ids(type: string, list: readonly Index[]): number[] {
    return list.map((i) => this.idOf(type, i));
  }

  private ref(type: string, index: Index | null): number | null {
    return index === null ? null : this.idOf(type, index);
  }

  /**
   * A record's rows: its own, its forward lists, an article's text, byline and citations, and
   * its spans (those standing in the articles `spansIn` accepts: d1:add writes a registry
   * entity's spans in the added article only).
   */
  add(name: TableName, index: Index, spansIn: (article: Index) => boolean = () => true): void {
    const type = tables[name];
    const id = this.idOf(type, index);
    const sort = this.sortOf(name, index);
    const c = this.corpus;
    switch (name) {
      case 'articles': {
        const a = c.articles[index] as ArticleData;
        this.push('article', [
          id,
          a.slug,
          sort,
          a.title,
          this.ref('Actor', a.publisher),
          ...dateOf(a.publishedOn),
          a.url,
          a.editorialNote,
        ]);
        const kinds = Object.fromEntries(
          a.paragraphs.filter((p) => p.kind !== 'BODY').map((p) => [p.index, p.kind]),
        );
        this.push('article_text', [id, a.text, json(kinds), astral.test(a.text) ? 1 : 0]);
        // The registry entities it cites: its lists of them that citation rows hold.
        for (const [field, relation] of Object.entries(relations.Article) as [string, Reverse][]) {
          if (relation.by !== 'spans' || !('link' in relation.d1)) continue;
          const cited = relation.type;
          for (const entity of a[field as keyof ArticleData] as Index[]) {
            const named =
              cited === 'Actor'
                ? this.aliases.get(a.slug)?.get((c.actors[entity] as ActorData).slug)
                : undefined;
            this.push('citation', [
              id,
              cited,
              this.idOf(cited, entity),
              sort,
              named ? json(named) : null,
            ]);
          }
        }
        break;
      }
      case 'actors': {
        const a = c.actors[index] as ActorData;
        this.push('actor', [
          id,
          a.slug,
          sort,
          a.name,
          a.kind,
          json(a.roles),
          json(this.actorAliases(index) ?? a.aliases),
          this.ref('Actor', a.affiliation),
          a.editorialNote,
        ]);
        break;
      }
      case 'statements': {
        const s = c.statements[index] as StatementData;
        this.push('statement', [
          id,
          s.slug,
          sort,
          this.idOf('Article', s.excerpt.article),
          s.kind,
          s.text,
          this.idOf('Actor', s.speaker),
          this.ref('Actor', s.reportedBy),
          this.ref('Meeting', s.meeting),
          s.editorialNote,
        ]);
        break;
      }
      case 'meetings': {
        const m = c.meetings[index] as MeetingData;
        this.push('meeting', [
          id,
          m.slug,
          sort,
          m.name,
          m.kind,
          m.status,
          ...dateOf(m.date),
          m.location,
          m.outcome,
          m.editorialNote,
        ]);
        break;
      }
      case 'draftAgreements': {
        const d = c.draftAgreements[index] as DraftAgreementData;
        this.push('draft_agreement', [
          id,
          d.slug,
          sort,
          d.title,
          d.status,
          this.ref('Meeting', d.meeting),
          d.editorialNote,
        ]);
        break;
      }
      case 'draftClauses': {
        const d = c.draftClauses[index] as DraftClauseData;
        this.push('draft_clause', [
          id,
          d.slug,
          sort,
          d.title,
          d.text,
          this.ref('DraftAgreement', d.agreement),
          d.status,
          d.editorialNote,
        ]);
        break;
      }
      case 'positions': {
        const p = c.positions[index] as PositionData;
        const article = (p.excerpts[0] as ExcerptData).article;
        this.push('position', [
          id,
          p.slug,
          sort,
          this.idOf('Article', article),
          this.idOf('Actor', p.actor),
          p.subject,
          p.stance,
          p.summary,
          p.editorialNote,
        ]);
        break;
      }
      case 'topics': {
        const t = c.topics[index] as TopicData;
        this.push('topic', [id, t.slug, sort, t.name, t.description, t.editorialNote]);
        break;
      }
    }
    const record = c[name][index] as { excerpts: ExcerptData[] };
    // Its lists that link tables hold (relations.ts): a row an item, (record, [role,] n, item
    // [, sort]).
    for (const [field, target] of referencesOf(type)) {
      const s = storageOf(type, field);
      if (!s || !('link' in s)) continue;
      const items = this.ids(target, (record as unknown as Record<string, Index[]>)[field] ?? []);
      this.push(
        s.link as DomainTable,
        ...items.map((item, n) => [
          id,
          ...(s.role ? [field] : []),
          n,
          item,
          ...(s.sorted ? [sort] : []),
        ]),
      );
    }
    const places = new Map<Index, number>();
    for (const e of record.excerpts) {
      if (!spansIn(e.article)) continue;
      const n = places.get(e.article) ?? 0;
      places.set(e.article, n + 1);
      this.push('excerpt', [
        type,
        id,
        this.idOf('Article', e.article),
        n,
        e.paragraph,
        e.start,
        e.end,
      ]);
    }
  }

  /**
   * INSERT statements for every row gathered, each after the rows it names (an actor after
   * its affiliation), so that a load run statement by statement meets its foreign keys. A
   * registry entity the database may hold already is written over in place (`upsert`): deleting
   * it would check every table that may name it, and some columns that do (a statement's
   * reportedBy) have no index.
   */
  inserts(upsert = false): string[] {
    return [
      ...domainTables.flatMap((table) => {
        const rows = this.rows.get(table) ?? [];
        const statements = inserts(table, table === 'actor' ? affiliationsFirst(rows) : rows, 200);
        const columns = entityColumns[table as keyof typeof entityColumns];
        if (!upsert || !columns) return statements;
        const set = columns.map((c) => `${c} = excluded.${c}`).join(', ');
        return statements.map((s) => `${s} ON CONFLICT (id) DO UPDATE SET ${set}`);
      }),
      ...inserts('meta', this.meta),
    ];
  }
}

/** The registry kinds' columns after `id` (migrations/0007_domain.sql). */
const entityColumns = {
  actor: ['slug', 'sort', 'name', 'kind', 'roles', 'aliases', 'affiliation', 'note'],
  meeting: [
    'slug',
    'sort',
    'name',
    'kind',
    'status',
    'date',
    'date_text',
    'location',
    'outcome',
    'note',
  ],
  draft_agreement: ['slug', 'sort', 'title', 'status', 'meeting', 'note'],
  draft_clause: ['slug', 'sort', 'title', 'text', 'agreement', 'status', 'note'],
  topic: ['slug', 'sort', 'name', 'description', 'note'],
} as const;

/** Actor rows (id first, affiliation eighth) with each affiliation before the actors it holds. */
function affiliationsFirst(rows: readonly unknown[][]): unknown[][] {
  const byId = new Map(rows.map((row) => [row[0], row]));
  const placed = new Set<unknown>();
  const out: unknown[][] = [];
  const place = (row: unknown[], depth: number) => {
    if (placed.has(row[0])) return;
    placed.add(row[0]);
    const parent = byId.get(row[7]);
    // A cycle of affiliations (none in the data) is left to the deferred check.
    if (parent && depth < rows.length) place(parent, depth + 1);
    out.push(row);
  };
  for (const row of rows) place(row, 0);
  return out;
}
