// The corpus as the bundle carries it. The compiled records repeat their key names, spell
// every excerpt as an object and carry what the rest of the record already implies (a type
// name per record, paragraphs and slug tables): most of a large archive's bundle. Here each
// table is its column names once and a row of values per record, an excerpt is three
// numbers, and what can be derived is derived when the isolate loads it.
// `unpack(pack(corpus))` equals `corpus`: pack refuses a corpus for which it would not, and
// the data tests compare the two.

import type { ParagraphKind } from './enums.ts';
import type { Corpus, ExcerptData, Index, ParagraphData } from './types.ts';

export const tables = {
  articles: 'Article',
  actors: 'Actor',
  statements: 'Statement',
  meetings: 'Meeting',
  draftAgreements: 'DraftAgreement',
  draftClauses: 'DraftClause',
  positions: 'Position',
  topics: 'Topic',
} as const;
export type TableName = keyof typeof tables;
export const tableNames = Object.keys(tables) as TableName[];
export const tableOf = (type: string) =>
  tableNames.find((name) => tables[name] === type) as TableName;

interface PackedTable {
  columns: string[];
  rows: unknown[][];
}

export interface PackedCorpus {
  version: string;
  tables: Record<TableName, PackedTable>;
  searchTargets: Corpus['searchTargets'];
  filters: Corpus['filters'];
}

/** An article's paragraphs: its non-blank lines, by offsets, BODY unless `kinds` says else. */
export function paragraphsOf(
  article: Index,
  text: string,
  kinds: Readonly<Record<string, ParagraphKind>>,
): ParagraphData[] {
  const paragraphs: ParagraphData[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    // Blank lines separate paragraphs in the source; they are not paragraphs themselves.
    if (line.trim().length > 0) {
      const index = paragraphs.length;
      paragraphs.push({ article, index, kind: kinds[String(index)] ?? 'BODY', start, end });
    }
    start = end + 1;
  }
  return paragraphs;
}

/** The paragraph a span starts in: the last one starting at or before it. */
function paragraphAt(paragraphs: readonly ParagraphData[], start: number): number {
  let low = 0;
  let high = paragraphs.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((paragraphs[mid] as ParagraphData).start <= start) low = mid;
    else high = mid - 1;
  }
  return low;
}

type ParagraphsOf = (article: Index) => readonly ParagraphData[];

/**
 * Packs and unpacks one column, given every article's paragraphs and the record's own index;
 * columns without a codec are kept as they are.
 */
interface Codec {
  pack(value: unknown, paragraphs: ParagraphsOf): unknown;
  unpack(packed: unknown, paragraphs: ParagraphsOf, record: Index): unknown;
}

/** An excerpt as three numbers: its paragraph is the one its start falls in. */
function packExcerpt(e: ExcerptData, paragraphs: ParagraphsOf): [Index, number, number] {
  if (paragraphAt(paragraphs(e.article), e.start) !== e.paragraph) {
    throw new Error(`the excerpt [${e.start}, ${e.end}) is not in paragraph ${e.paragraph}`);
  }
  return [e.article, e.start, e.end];
}

/** The excerpt whose three numbers stand at `at` in `flat`. */
function excerptAt(flat: readonly number[], at: number, paragraphs: ParagraphsOf): ExcerptData {
  const article = flat[at] as Index;
  const start = flat[at + 1] as number;
  const end = flat[at + 2] as number;
  return { article, paragraph: paragraphAt(paragraphs(article), start), start, end };
}

/** The kinds of an article's paragraphs that are not BODY: with the text, all it takes. */
const kindsOf = (paragraphs: readonly ParagraphData[]): Record<string, ParagraphKind> =>
  Object.fromEntries(paragraphs.filter((p) => p.kind !== 'BODY').map((p) => [p.index, p.kind]));

const codecs: Record<string, Codec> = {
  excerpt: {
    pack: (value, paragraphs) => packExcerpt(value as ExcerptData, paragraphs),
    unpack: (packed, paragraphs) => excerptAt(packed as number[], 0, paragraphs),
  },
  // A list of excerpts is their numbers end to end: one array, not one per excerpt.
  excerpts: {
    pack: (value, paragraphs) =>
      (value as readonly ExcerptData[]).flatMap((e) => packExcerpt(e, paragraphs)),
    unpack: (packed, paragraphs) => {
      const flat = packed as number[];
      const excerpts: ExcerptData[] = [];
      for (let at = 0; at < flat.length; at += 3) excerpts.push(excerptAt(flat, at, paragraphs));
      return excerpts;
    },
  },
  // Only articles have paragraphs; unpack derives them from the text before any table.
  paragraphs: {
    pack: (value) => kindsOf(value as ParagraphData[]),
    unpack: (_packed, paragraphs, article) => paragraphs(article),
  },
};

/**
 * Refuses a corpus that would not come back the same: paragraphs that are not its text's
 * lines, or slug tables that are not the records' own slugs in their order.
 */
function checkDerivable(corpus: Corpus): void {
  corpus.articles.forEach((article, i) => {
    const derived = paragraphsOf(i, article.text, kindsOf(article.paragraphs));
    if (JSON.stringify(derived) !== JSON.stringify(article.paragraphs)) {
      throw new Error(`articles[${i}]'s paragraphs are not the lines of its text`);
    }
  });
  for (const [type, table] of Object.entries(corpus.slugs)) {
    const records = corpus[tableOf(type)];
    const same = table.size === records.length;
    if (!same || records.some((record, i) => table.get(record.slug) !== i)) {
      throw new Error(`the ${type} slugs are not the records' own, in their order`);
    }
  }
}

/** The corpus as the bundle carries it; throws if a record would not come back the same. */
export function pack(corpus: Corpus): PackedCorpus {
  checkDerivable(corpus);
  const paragraphs = (article: Index) => corpus.articles[article]?.paragraphs ?? [];
  const packTable = (name: TableName): PackedTable => {
    const records = corpus[name] as unknown as Record<string, unknown>[];
    const columns = Object.keys(records[0] ?? {}).filter((c) => c !== 'typename');
    const rows = records.map((record, i) => {
      const keys = Object.keys(record);
      const same =
        keys.length === columns.length + 1 && columns.every((c) => Object.hasOwn(record, c));
      if (!same || record.typename !== tables[name]) {
        throw new Error(`${name}[${i}] has the fields ${keys.join(', ')}, not those of ${name}[0]`);
      }
      return columns.map((column) => {
        const codec = codecs[column];
        return codec ? codec.pack(record[column], paragraphs) : record[column];
      });
    });
    return { columns, rows };
  };
  return {
    version: corpus.version,
    tables: Object.fromEntries(tableNames.map((name) => [name, packTable(name)])) as Record<
      TableName,
      PackedTable
    >,
    searchTargets: corpus.searchTargets,
    filters: corpus.filters,
  };
}

/** The records of one packed table, each with its type name. */
function unpackTable(
  name: TableName,
  { columns, rows }: PackedTable,
  paragraphs: ParagraphsOf,
): Record<string, unknown>[] {
  const typename = tables[name];
  const codecOf = columns.map((column) => codecs[column]);
  return rows.map((row, i) => {
    const record: Record<string, unknown> = { typename };
    for (let c = 0; c < columns.length; c++) {
      const codec = codecOf[c];
      record[columns[c] as string] = codec ? codec.unpack(row[c], paragraphs, i) : row[c];
    }
    return record;
  });
}

/** Every article's paragraphs, from the packed articles' text and kinds. */
function paragraphsOfPacked({ columns, rows }: PackedTable): ParagraphData[][] {
  const text = columns.indexOf('text');
  const kinds = columns.indexOf('paragraphs');
  return rows.map((row, i) =>
    paragraphsOf(i, row[text] as string, row[kinds] as Record<string, ParagraphKind>),
  );
}

/** The corpus a packed one stands for, exactly as the data build compiled it. */
export function unpack(packed: PackedCorpus): Corpus {
  const byArticle = paragraphsOfPacked(packed.tables.articles);
  const paragraphs = (article: Index) => byArticle[article] ?? [];
  const all = Object.fromEntries(
    tableNames.map((name) => [name, unpackTable(name, packed.tables[name], paragraphs)]),
  ) as unknown as Pick<Corpus, TableName>;
  const slugsOf = (list: readonly { slug: string }[]) => {
    const table = new Map<string, Index>();
    for (let i = 0; i < list.length; i++) table.set((list[i] as { slug: string }).slug, i);
    return table;
  };
  return {
    version: packed.version,
    ...all,
    slugs: {
      Article: slugsOf(all.articles),
      Actor: slugsOf(all.actors),
      Statement: slugsOf(all.statements),
      Meeting: slugsOf(all.meetings),
      DraftAgreement: slugsOf(all.draftAgreements),
      DraftClause: slugsOf(all.draftClauses),
      Topic: slugsOf(all.topics),
    },
    searchTargets: packed.searchTargets,
    filters: packed.filters,
  };
}
