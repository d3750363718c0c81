import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import { searchPage } from '../../src/model/d1/search.ts';
import { indexOptions, queryOf, type SearchDocument } from '../../src/model/search-options.ts';
import { corpusSql } from '../d1/corpus-sql.ts';
import { buildCorpus } from '../data/build.ts';
import { dbOf, migrate, openD1 } from './d1-db.ts';

// How far the two stores' relevance rankings agree (issue 26: a figure, not a test): for a
// fixed list of words, the top 10 of the bundle's MiniSearch and of D1's FTS5 over the same
// corpus, and how many records the two share.
//   npm run bench:search-agreement -- [--roots test/fixtures/shipped,test/fixtures/corpus]

const { values } = parseArgs({
  options: { roots: { type: 'string', default: 'test/fixtures/shipped,test/fixtures/corpus' } },
});
const roots = values.roots.split(',');
const words = [
  'Istanbul',
  'ceasefire',
  'Zelensky',
  'Putin',
  'Erdogan',
  'Türkiye',
  'negotiations',
  'prisoner exchange',
  'sanctions',
  'peace talks',
  'Azov',
  'memorandum',
  'delegation',
  'harbour accord',
  'Trump',
  'security guarantees',
  'Medinsky',
  'territory',
  'humanitarian',
  'direct talks',
];

const built = buildCorpus(roots);
const index = MiniSearch.loadJSON<SearchDocument>(built.searchIndex, indexOptions);
const key = (type: string, slug: string) => `${type}:${slug}`;
const tableOf = {
  Actor: 'actors',
  Statement: 'statements',
  Meeting: 'meetings',
  DraftClause: 'draftClauses',
  Position: 'positions',
} as const;
const ranked = (q: string) =>
  index.search(queryOf(q), {
    boostDocument: (id) => built.corpus.searchTargets[id as number]?.[2] ?? 1,
  });
const bundled = (q: string) =>
  ranked(q)
    .slice(0, 10)
    .map((r) => {
      const [type, i] = built.corpus.searchTargets[r.id as number] as [string, number, number];
      const table = tableOf[type as keyof typeof tableOf];
      return key(type, (built.corpus[table][i] as { slug: string }).slug);
    });

const d1 = await openD1();
await migrate(d1.db);
for (const statement of corpusSql(roots).statements) await d1.db.prepare(statement).run();
const db = dbOf(d1.db);

const rows: string[] = [];
let shared = 0;
let possible = 0;
for (const q of words) {
  const mine = bundled(q);
  const page = await searchPage(db, q, {}, 0, 10);
  const theirs = page.hits.map((h) => key(h.type, (JSON.parse(h.body) as { slug: string }).slug));
  const both = mine.filter((k) => theirs.includes(k)).length;
  const top = Math.min(10, mine.length, theirs.length);
  shared += both;
  possible += top;
  rows.push(
    `| ${q} | ${ranked(q).length} / ${page.total} | ${both} of ${top} | ${mine[0] === theirs[0] ? `same (${mine[0]})` : `${mine[0] ?? '–'} / ${theirs[0] ?? '–'}`} |`,
  );
}
await d1.dispose();
const markdown = `\`npm run bench:search-agreement -- --roots ${values.roots}\`: the top 10 of each store's relevance ranking for ${words.length} fixed words, and the records they share. Overall ${shared} of ${possible} (${((100 * shared) / possible).toFixed(0)}%).

| words | matches (bundle / D1) | top 10 shared | first hit (bundle / D1) |
| --- | --- | --- | --- |
${rows.join('\n')}
`;
writeFileSync('.bench/results-search-agreement.md', markdown);
console.log(markdown);
