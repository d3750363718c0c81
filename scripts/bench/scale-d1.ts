import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { D1Database } from '@cloudflare/workers-types';
import { queryWords } from '../../src/model/search-options.ts';
import { corpusSql } from '../d1/corpus-sql.ts';
import { migrationFiles } from '../d1/migrations.ts';
import { migrate, openD1 } from './d1-db.ts';
import type { Heap } from './inspector.ts';
import { connections, type Operation } from './load.ts';
import { post } from './operations.ts';
import { cursor, measureSizes, searchQuery, slowMsFor, slugLookup } from './scale.ts';
import { startupCpuMs } from './startup.ts';
import { median, secondsSince, spread } from './stats.ts';
import { writeSyntheticCorpus } from './synthetic-corpus.ts';
import { buildWorker, deployedVars, type Served, tsx } from './workerd.ts';

// The D1 store over synthetic corpora of N articles. Opt-in, as loading 10,000 articles takes
// minutes the first time:
//   npm run bench -- --d1 [--d1-sizes 1,1000,10000] [--d1-reload] [--d1-loader d1|sqlite3]
//     (after the rest of the bench; --d1-only for this part alone; --rounds, --seconds apply)
//   npm run bench:d1 -- [--sizes 1,1000,10000] [--rounds 3] [--seconds 1] [--reload]
//     [--loader d1|sqlite3]
// Each N's corpus (scripts/bench/synthetic-corpus.ts, seed 1) is turned into the statements
// `npm run d1:load` runs (scripts/d1/corpus-sql.ts) and loaded into a local D1 (Miniflare's
// SQLite) persisted under .bench/d1/<N>/db, migrations/*.sql first. A loaded database is kept
// and reused while what made it is unchanged (.bench/d1/<N>/loaded.json holds a hash of the
// generator, the SQL builders, the data build, the model and the migrations). The loader is
// D1's own (db.batch through Miniflare), or with --loader sqlite3 the sqlite3 command line
// on the file Miniflare created (twice as fast; the same pages). Then the deployed bundle
// (wrangler deploy --dry-run --env d1) is served with that database bound as DB, every N on a
// workerd process and socket of its own (scripts/bench/workerd.ts), all at once, and each
// operation is loaded with POSTs in rounds interleaved across N (scripts/bench/scale.ts): the
// workerd process's CPU per request, which includes local D1's SQLite (it runs in the same
// process), and the queries the response reports in extensions.d1.

const out = '.bench/d1';
const seed = 1;
/** How many documents a search word should match: the curve's points. */
const matchTargets = [100, 1_000, 10_000, 100_000];
/** D1's limit for one SQL statement: 100 KB. */
const d1StatementLimit = 100_000;
/** D1's limit for one database: 10 GB. */
const databaseLimit = 10e9;

/** What a loaded database is, kept beside it. */
interface Loaded {
  key: string;
  n: number;
  version: string;
  statements: number;
  sqlBytes: number;
  /** Generating the corpus and building its SQL. */
  sqlSeconds: number;
  /** Applying the migrations and running the statements. */
  loadSeconds: number;
  loader: Loader;
  /** D1's own figure for the database's size (meta.size_after). */
  sizeAfter: number;
  /** Statements over D1's 100 KB, which only the sqlite3 loader could run. */
  tooLong?: number;
}
/** Per match target, the word whose documents (prefix matches included) come closest. */
type Words = { target: number; word: string; documents: number }[];
type Loader = 'd1' | 'sqlite3';

// What d1:add and the command lines run, which a load does not.
const notLoading = /^scripts\/d1\/(add|add-sql|add-search-sql|load|wrangler)\.ts$/;

/** Every file whose change could change the rows a load writes. */
function inputsKey(n: number): string {
  const files = [
    'scripts/bench/synthetic-corpus.ts',
    ...['scripts/d1', 'scripts/data', 'src/model']
      .flatMap((dir) => readdirSync(dir).map((f) => join(dir, f)))
      .filter((f) => f.endsWith('.ts') && !notLoading.test(f)),
    ...migrationFiles(),
  ].sort();
  const hash = createHash('sha256').update(`${n}\n${seed}\n`);
  for (const file of files) hash.update(`${file}\n`).update(readFileSync(file));
  return hash.digest('hex');
}

export const dirOf = (n: number) => resolve(out, String(n));
const stampOf = (n: number) => join(dirOf(n), 'loaded.json');

/** The loaded database of N articles, if one is there for the current inputs. */
function reusable(n: number): Loaded | null {
  if (!existsSync(stampOf(n))) return null;
  const loaded = JSON.parse(readFileSync(stampOf(n), 'utf8')) as Loaded;
  return loaded.key === inputsKey(n) ? loaded : null;
}

/** N's persisted database alone, to load it or count in it. */
export const openDatabase = (n: number) => openD1(join(dirOf(n), 'db'));

const log = (message: string) => console.log(`[d1 bench] ${message}`);

/** For each target, the word of 3–5 letters (prefix-matched, never fuzzy) nearest to it. */
export async function matchWords(db: D1Database): Promise<Words> {
  const { results } = await db
    .prepare('SELECT term, doc AS n FROM search_vocab WHERE length(term) BETWEEN 3 AND 5')
    .all<{ term: string; n: number }>();
  // Stop words are not searched for (search-options.ts): a bench word must say something.
  const searchable = results.filter((r) => queryWords(r.term).length === 1);
  const words: Words = [];
  const distance = (a: number, b: number) => Math.abs(Math.log(a / b));
  for (const target of matchTargets) {
    // A term's documents, not its prefix's: near the real count, not it. The few nearest are
    // counted exactly, as the search matches them (the word and every term it begins).
    const near = [...searchable]
      .sort((a, b) => distance(a.n, target) - distance(b.n, target))
      .slice(0, 12);
    let best: { word: string; documents: number } | null = null;
    for (const { term } of near) {
      const row = await db
        .prepare('SELECT COUNT(*) AS n FROM search WHERE search MATCH ?1')
        .bind(`"${term}" *`)
        .first<{ n: number }>();
      const documents = row?.n ?? 0;
      if (!best || distance(documents, target) < distance(best.documents, target)) {
        best = { word: term, documents };
      }
    }
    // Within 3× of the target, or the corpus has no such word; the main point (~1,000) is
    // always measured, with the nearest word there is.
    if (best && (target === 1_000 || distance(best.documents, target) < Math.log(3))) {
      words.push({ target, ...best });
    }
  }
  return words;
}

/** Runs the statements with the sqlite3 command line, in one transaction. */
async function sqlite3Load(file: string, statements: string[]): Promise<void> {
  const child = spawn('sqlite3', ['-bail', file], { stdio: ['pipe', 'inherit', 'inherit'] });
  const done = new Promise<void>((ok, fail) =>
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`sqlite3 exited ${code}`)))),
  );
  const write = (text: string) =>
    child.stdin.write(text)
      ? Promise.resolve()
      : new Promise((ok) => child.stdin.once('drain', ok));
  // A page cache the size of the database: the postings go in in document order, not key order.
  await write('PRAGMA synchronous = OFF;\nPRAGMA cache_size = -4000000;\nBEGIN;\n');
  for (const s of statements) await write(`${s};\n`);
  await write('COMMIT;\n');
  child.stdin.end();
  await done;
}

/** Generates N articles and loads them into a fresh persisted D1 (run in a child process). */
async function loadDatabase(n: number, loader: Loader): Promise<Loaded> {
  const dir = dirOf(n);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const key = inputsKey(n);
  let started = performance.now();
  writeSyntheticCorpus(join(dir, 'corpus'), n, seed);
  const { statements, version } = corpusSql([join(dir, 'corpus')]);
  const sqlSeconds = secondsSince(started);
  const sqlBytes = statements.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  const longest = statements.reduce(
    (a, b) => (Buffer.byteLength(b) > Buffer.byteLength(a) ? b : a),
    '',
  );
  const longestBytes = Buffer.byteLength(longest);
  log(
    `N = ${n}: ${statements.length} statements, ${(sqlBytes / 2 ** 20).toFixed(1)} MiB of SQL in ${sqlSeconds.toFixed(1)} s, the longest ${longestBytes} bytes (${longest.slice(0, 60)}…); loading (${loader})…`,
  );
  // D1 refuses a statement over 100 KB (SQLITE_TOOBIG), locally as at the edge; one row whose
  // literal is longer than that cannot be loaded by these statements at all.
  const tooLong = statements.filter((s) => Buffer.byteLength(s) > d1StatementLimit).length;
  if (tooLong > 0 && loader === 'd1') {
    throw new Error(
      `N = ${n}: ${tooLong} statements are over D1's ${d1StatementLimit} bytes (the longest ${longestBytes}); D1 cannot run them. --loader sqlite3 loads them anyway, to measure the reads`,
    );
  }
  started = performance.now();
  let open = await openDatabase(n);
  await migrate(open.db);
  if (loader === 'sqlite3') {
    await open.dispose();
    await sqlite3Load(databaseFile(n), statements);
    open = await openDatabase(n);
  }
  const { db } = open;
  if (loader === 'd1') {
    // 200 statements a batch (each at most 90 KB): one transaction and one round trip each.
    const chunk = 200;
    let reported = 0;
    for (let i = 0; i < statements.length; i += chunk) {
      await db.batch(statements.slice(i, i + chunk).map((s) => db.prepare(s)));
      if (secondsSince(started) - reported >= 30) {
        reported = secondsSince(started);
        log(
          `N = ${n}: ${i + chunk} of ${statements.length} statements in ${reported.toFixed(0)} s`,
        );
      }
    }
  }
  const loadSeconds = secondsSince(started);
  const check = await db.prepare("SELECT value FROM meta WHERE key = 'version'").run<{
    value: string;
  }>();
  if (check.results[0]?.value !== version) throw new Error(`N = ${n}: the version did not load`);
  await open.dispose();
  const loaded: Loaded = {
    key,
    n,
    version,
    statements: statements.length,
    sqlBytes,
    sqlSeconds,
    loadSeconds,
    loader,
    sizeAfter: check.meta.size_after,
    tooLong,
  };
  // Last: a load cut short leaves no stamp, so the next run loads again.
  writeFileSync(stampOf(n), `${JSON.stringify(loaded, null, 2)}\n`);
  log(
    `N = ${n}: loaded in ${loadSeconds.toFixed(1)} s, ${(loaded.sizeAfter / 2 ** 20).toFixed(1)} MiB`,
  );
  return loaded;
}

/** The SQLite file Miniflare keeps the database of N articles in. */
function databaseFile(n: number): string {
  const folder = join(dirOf(n), 'db', 'miniflare-D1DatabaseObject');
  const file = readdirSync(folder).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!file) throw new Error(`no database file under ${folder}`);
  return join(folder, file);
}

/**
 * Where a database's bytes go: each table with its indexes, by SQLite's dbstat (the pages
 * each b-tree holds), largest first.
 */
function bytesByTable(n: number): [string, number][] {
  let out: string;
  try {
    out = execFileSync(
      'sqlite3',
      [
        '-readonly',
        databaseFile(n),
        'SELECT coalesce(m.tbl_name, d.name), SUM(d.pgsize) FROM dbstat d LEFT JOIN sqlite_schema m ON m.name = d.name GROUP BY 1 ORDER BY 2 DESC',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    log(`dbstat unavailable: ${(error as Error).message.split('\n')[0]}`);
    return [];
  }
  return out
    .trim()
    .split('\n')
    .map((line) => {
      const [name = '', bytes = '0'] = line.split('|');
      return [name, Number(bytes)];
    });
}

/** The database of N articles, loaded by a child process with room for the SQL's strings. */
export function ensureLoaded(n: number, reload: boolean, loader: Loader): Loaded {
  const kept = reload ? null : reusable(n);
  if (kept) {
    log(`N = ${n}: reusing ${dirOf(n)}/db (loaded in ${kept.loadSeconds.toFixed(1)} s)`);
    return kept;
  }
  tsx([fileURLToPath(import.meta.url), '--load', String(n), '--loader', loader], {
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=20000`,
    },
  });
  const loaded = reusable(n);
  if (!loaded) throw new Error(`N = ${n}: the load left no database`);
  return loaded;
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? bytesUnder(path) : statSync(path).size;
  }
  return total;
}

interface Answer {
  data: Record<
    string,
    {
      totalCount?: number;
      nodes?: {
        slug?: string;
        id?: string;
        publishedOn?: { year: number; month: number | null };
        speaker?: { slug: string };
      }[];
    } | null
  >;
  extensions?: { d1?: { queries: number } };
}
async function ask(served: Served, query: string): Promise<Answer> {
  const res = await fetch(new URL('/graphql', served.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as Answer;
}
const newestQuery =
  'query($q: String!) { search(query: $q, orderBy: NEWEST, first: 10) { totalCount edges { score node { __typename } } } }';

/** The operations on one database: a record in the middle of each list, the curve's words. */
async function operationsOf(served: Served, loaded: Loaded, words: Words): Promise<Operation[]> {
  const totals = await ask(
    served,
    '{ actors(first: 1) { totalCount } statements(first: 1) { totalCount } }',
  );
  const half = (list: string) => Math.floor((totals.data[list]?.totalCount ?? 1) / 2);
  const middle = await ask(
    served,
    `{ actors(first: 1, after: "${cursor(half('actors') - 1)}") { nodes { slug } } statements(first: 1, after: "${cursor(half('statements') - 1)}") { nodes { id } } }`,
  );
  const actor = middle.data.actors?.nodes?.[0]?.slug;
  const statement = middle.data.statements?.nodes?.[0]?.id;
  if (!actor || !statement) throw new Error(`N = ${loaded.n}: no actor or statement to look up`);
  // The archive's queries: the actor that the newest article names first (in the synthetic
  // corpus, one of the few named in most articles), and a month in the middle of the archive.
  const archive = await ask(
    served,
    `{ actors(first: 1) { nodes { slug } } statements(first: 1) { nodes { speaker { slug } } } articles(first: 1${loaded.n > 1 ? `, after: "${cursor(Math.floor(loaded.n / 2) - 1)}"` : ''}) { nodes { publishedOn { year month } } } }`,
  );
  const named = archive.data.actors?.nodes?.[0]?.slug;
  const speaker = archive.data.statements?.nodes?.[0]?.speaker?.slug;
  const date = archive.data.articles?.nodes?.[0]?.publishedOn;
  const year = date?.year ?? 2025;
  const month = date?.month ?? 5;
  const from = `${year}-${String(month).padStart(2, '0')}-01`;
  const to = `${year}-${String(month).padStart(2, '0')}-28`;
  return [
    // The floor: the API with no query, then one query that finds no row. What one D1 query
    // costs the workerd process here (local D1's SQLite and its RPC included) is their gap.
    post('no query', '{ __typename }'),
    post('one query, no row', '{ actor(slug: "no-such-actor") { name } }'),
    slugLookup(actor),
    post(
      'first page',
      '{ statements(first: 20) { totalCount nodes { slug text speaker { name } } } }',
    ),
    post(
      'deep page (after the 500th)',
      `{ statements(first: 20, after: "${cursor(499)}") { nodes { slug text speaker { name } } } }`,
    ),
    post(
      'node lookup',
      `{ node(id: "${statement}") { id ... on Statement { text speaker { name } } } }`,
    ),
    post(
      'articles, newest first',
      '{ articles(first: 20) { totalCount nodes { slug title publishedOn { iso } } } }',
    ),
    post(
      'articles, deep page (after the 500th)',
      `{ articles(first: 20, after: "${cursor(499)}") { nodes { slug title publishedOn { iso } } } }`,
    ),
    post(
      `articles in ${from.slice(0, 7)}`,
      `{ articles(first: 20, filter: { publishedAfter: "${from}", publishedBefore: "${to}" }) { totalCount nodes { slug title } } }`,
    ),
    post(
      `Actor.articles (${named})`,
      `{ actor(slug: "${named}") { articles(first: 20) { totalCount nodes { slug title } } } }`,
    ),
    post(
      `statements by ${speaker}, newest first`,
      `{ statements(first: 20, filter: { speaker: ["${speaker}"] }) { totalCount nodes { slug text } } }`,
    ),
    // What scripts/bench/scale-bundled.ts searches the bundled store for (without its extra
    // word).
    post('search "ceasefire talks"', searchQuery, { q: 'ceasefire talks' }),
    ...words.map(({ target, word }) =>
      post(`search ~${target.toLocaleString('en')}: "${word}"`, searchQuery, { q: word }),
    ),
    ...words.map(({ target, word }) =>
      post(`search NEWEST ~${target.toLocaleString('en')}: "${word}"`, newestQuery, { q: word }),
    ),
  ];
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const thousands = (x: number) => Math.round(x).toLocaleString('en');

export interface D1ScaleOptions {
  sizes: number[];
  rounds: number;
  seconds: number;
  reload?: boolean;
  loader?: Loader;
  /** The command line the table says it came from. */
  command: string;
}

/** Loads (or reuses) each N's database, measures, and returns the markdown. */
export async function d1ScaleRun(options: D1ScaleOptions): Promise<string> {
  const { sizes, rounds } = options;
  const loader = options.loader ?? 'd1';
  mkdirSync(out, { recursive: true });
  const databases = sizes.map((n) => ensureLoaded(n, options.reload ?? false, loader));

  log('building the Worker as deployed with D1 (wrangler deploy --dry-run --env d1)…');
  buildWorker(['--env', 'd1'], join(out, 'dist'), join(out, 'worker.bundle'));
  // The bundle holds no corpus on D1: its startup is the same whatever N is.
  const startupMs = startupCpuMs(resolve(out, 'worker.bundle'), resolve(out, 'startup.cpuprofile'));

  // The search words, chosen by counting in each database before it is served.
  const words: Words[] = [];
  for (const d of databases) {
    const { db, dispose } = await openDatabase(d.n);
    words.push(await matchWords(db));
    await dispose();
  }

  const measured = await measureSizes(
    databases.map((d) => ({
      n: d.n,
      name: `d1-${d.n}`,
      serve: {
        scriptPath: resolve(out, 'dist/index.js'),
        bindings: { ...deployedVars(), DATA_VERSION_TTL: '3600' },
        d1Persist: join(dirOf(d.n), 'db'),
      },
    })),
    async (served, i) => {
      const d = databases[i] as Loaded;
      const res = await fetch(new URL('/healthz', served.url));
      const version = res.headers.get('x-data-version');
      await res.body?.cancel();
      if (version !== d.version)
        throw new Error(`N = ${d.n}: serving ${version}, loaded ${d.version}`);
      return operationsOf(served, d, words[i] ?? []);
    },
    { rounds, seconds: options.seconds, oneAtATime: true, log },
  );
  const slowMs = slowMsFor(options.seconds);
  const cells = measured.map((m) => m.cells);
  /** What the probe's answer says: how many records match, and how many D1 queries it took. */
  const answerOf = (body: string) => {
    const answer = JSON.parse(body) as Answer;
    return {
      matches: Object.values(answer.data)[0]?.totalCount ?? null,
      queries: answer.extensions?.d1?.queries ?? null,
    };
  };

  const dbRows = databases.map((d, i) => {
    const files = bytesUnder(join(dirOf(d.n), 'db'));
    const perArticle = d.sizeAfter / d.n;
    const heap = measured[i]?.heap;
    const pair = (h?: Heap) => `${mib(h?.live ?? 0)} / ${mib(h?.inUse ?? 0)} MiB`;
    return `| ${thousands(d.n)} | ${thousands(d.statements)} | ${mib(d.sqlBytes)} MiB | ${d.sqlSeconds.toFixed(1)} s | ${d.loadSeconds.toFixed(1)} s (${d.loader}${d.tooLong ? `; ${d.tooLong} statements over D1's 100 KB` : ''}) | ${mib(d.sizeAfter)} MiB (files ${mib(files)} MiB) | ${thousands(perArticle)} | ${thousands(databaseLimit / perArticle)} | ${pair(heap?.before)} | ${pair(heap?.searched)} | ${mib(measured[i]?.rss ?? 0)} MiB |`;
  });
  const opRows = cells.flatMap((row, i) =>
    row.map((c) => {
      const { matches, queries } = answerOf(c.body);
      const [least, most] = spread(c.cpu);
      return `| ${thousands(databases[i]?.n ?? 0)} | ${c.op.name} | ${matches === null ? '–' : thousands(matches)} | ${queries ?? '–'} | ${(Buffer.byteLength(c.body) / 1024).toFixed(1)} | ${thousands(median(c.cpu))} (${thousands(least)}–${thousands(most)}) | ${median(c.p50)}${c.sequential ? ' (one at a time)' : ''} | ${c.sequential ? median(c.rate).toFixed(1) : thousands(median(c.rate))} |`;
    }),
  );
  // What an article adds, between the two largest N (N = 1's database is mostly fixed cost).
  const [below, top] = [...databases].sort((a, b) => a.n - b.n).slice(-2);
  const marginal =
    below && top && top.n > below.n ? (top.sizeAfter - below.sizeAfter) / (top.n - below.n) : NaN;
  const limitLine = Number.isFinite(marginal)
    ? `From N = ${thousands(below?.n ?? 0)} to ${thousands(top?.n ?? 0)} an article adds ${thousands(marginal)} bytes: one database reaches D1's 10 GB (10^10 bytes) at about N = ${thousands((databaseLimit - (top?.sizeAfter ?? 0)) / marginal + (top?.n ?? 0))}.`
    : '';
  const biggest = databases.reduce((a, b) => (b.n > a.n ? b : a), databases[0] as Loaded);
  const where = bytesByTable(biggest.n)
    .filter(([, bytes]) => bytes > 0)
    .map(([name, bytes]) => `${name} ${mib(bytes)} MiB (${thousands(bytes / biggest.n)} B/article)`)
    .join(', ');
  const cpuOf = (i: number, name: string) =>
    median(cells[i]?.find((c) => c.op.name === name)?.cpu ?? []);
  const last = databases.length - 1;
  // The deep page against the smallest N that has a 500th statement (a page that is not empty).
  const deep = 'deep page (after the 500th)';
  const deepFrom = cells.findIndex((row) => {
    const first = row.find((c) => c.op.name === 'first page');
    return first !== undefined && (answerOf(first.body).matches ?? 0) > 520;
  });
  const growth = ['slug lookup', 'first page', deep, 'node lookup']
    .map((name) => `${name} ${(cpuOf(last, name) / cpuOf(0, name)).toFixed(2)}×`)
    .concat(
      deepFrom > 0 && deepFrom < last
        ? [
            `${deep} from N = ${thousands(databases[deepFrom]?.n ?? 0)} ${(cpuOf(last, deep) / cpuOf(deepFrom, deep)).toFixed(2)}×`,
          ]
        : [],
    )
    .join(', ');
  return `## D1 store: synthetic corpora of N articles (${new Date().toISOString().slice(0, 10)})

\`${options.command}\` (scripts/bench/scale-d1.ts; synthetic corpus seed ${seed}, loaded into a local D1 persisted under ${out}/<N>/db, the deployed bundle \`wrangler deploy --dry-run --env d1\` served with it bound as DB and DATA_VERSION_TTL=3600, each N on its own workerd process and socket, all at once; POSTs, ${connections} connections, ${rounds} rounds of ${options.seconds} s per operation interleaved across N after 1 s of warm-up; an operation slower than ${slowMs} ms a request instead 3 requests one at a time a round, its p50 the mean time of one and its req/s one connection's; every body checked). CPU is the workerd process's (/proc schedstat) per request, local D1's SQLite included: it runs in the same process.

| N articles | statements | SQL | generate + build SQL | load | database: D1's size_after | bytes / article | N at D1's 10 GB | V8 heap after the first lookups: live / in use | after the first search: live / in use | workerd RSS after the run |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${dbRows.join('\n')}

| N | operation | matches (totalCount) | D1 queries (extensions.d1) | response KiB | CPU µs / request, median (range) | p50 ms | req/s |
| --- | --- | --- | --- | --- | --- | --- | --- |
${opRows.join('\n')}

Where the bytes go at N = ${thousands(biggest.n)} (dbstat; each table with its indexes): ${where}.

Startup CPU of the D1 bundle (\`wrangler check startup\`, median of 3; no corpus in it, so the same for every N): ${startupMs.toFixed(1)} ms. ${limitLine} CPU per request, N = ${thousands(databases[last]?.n ?? 0)} ÷ N = ${thousands(databases[0]?.n ?? 0)}: ${growth}. A search word is the one of 3–5 letters (prefix-matched, never fuzzy) whose documents come nearest to each of ${matchTargets.map(thousands).join(', ')}; a target with no word within 3× of it at some N has no row there (~1,000 always has one: the nearest). N = 1 has 50 statements, so its deep page is an empty one, a different request.
`;
}

// `npm run bench:d1`, and the child process that loads one database (--load N).

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1,1000,10000' },
      rounds: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '1' },
      reload: { type: 'boolean', default: false },
      loader: { type: 'string', default: 'd1' },
      load: { type: 'string' },
    },
  });
  const loader = values.loader as Loader;
  if (loader !== 'd1' && loader !== 'sqlite3') throw new Error('--loader is d1 or sqlite3');
  if (values.load) {
    await loadDatabase(Number(values.load), loader);
  } else {
    const markdown = await d1ScaleRun({
      sizes: values.sizes.split(',').map(Number),
      rounds: Number(values.rounds),
      seconds: Number(values.seconds),
      reload: values.reload,
      loader,
      command: `npm run bench:d1 -- ${process.argv.slice(2).join(' ')}`.trim(),
    });
    writeFileSync('.bench/results-d1.md', markdown);
    console.log(markdown);
    console.log('results written to .bench/results-d1.md');
  }
}
