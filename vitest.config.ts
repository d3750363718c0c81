import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { addArticleStatements, viewOfLoad } from './scripts/d1/add-sql.ts';
import { corpusSql } from './scripts/d1/corpus-sql.ts';
import { copySlug, writeArchiveCopy } from './test/archive-copy.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The D1 run of the suite: the same corpus (the real article and the fictional second one)
// as migrations and SQL, loaded into Miniflare's local D1 by test/worker/d1-setup.ts.
const corpusRoots = ['test/fixtures/shipped', 'test/fixtures/corpus'];
const migrations = await readD1Migrations(here('./migrations'));
const { statements: corpusStatements } = corpusSql(corpusRoots);
// The fictional article added to a database that holds the real one only, as d1:add adds it.
const addition = {
  base: corpusSql(['test/fixtures/shipped']).statements,
  add: addArticleStatements(
    corpusRoots,
    'harbour-accord-2031',
    viewOfLoad(['test/fixtures/shipped']),
  ).statements,
};

// The archive run: the test corpus and a later article that cites its registry entities
// (test/archive-copy.ts), bundled, or added to D1 by d1:add's statements after a whole load.
const archiveRoots = [...corpusRoots, writeArchiveCopy()];
const archiveStatements = [
  ...corpusStatements,
  ...addArticleStatements(archiveRoots, copySlug, viewOfLoad(corpusRoots)).statements,
];

interface Suite {
  /** The compiled corpus the bundled Worker imports as `#data` (test/build-test-corpus.ts). */
  data: string;
  include: string[];
  /** What the D1 run loads into `DB`. */
  statements: string[];
}

const suites: Record<'worker' | 'archive', Suite> = {
  worker: {
    data: './generated/test-data.js',
    include: ['test/worker/**/*.test.ts'],
    statements: corpusStatements,
  },
  archive: {
    data: './generated/test-archive-data.js',
    include: ['test/archive/**/*.test.ts'],
    statements: archiveStatements,
  },
};

/** The Worker under test, with the bundled corpus or with D1 bound as `DB`. */
function workerProject(name: string, d1: boolean, suite: Suite = suites.worker) {
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.toml' },
        // One JSON log line per request is for production; tests read it where they mean to.
        miniflare: {
          bindings: {
            REQUEST_LOG: 'off',
            ...(d1
              ? {
                  // Every request reads the version, so a test sees a load at once.
                  DATA_VERSION_TTL: '0',
                  TEST_MIGRATIONS: migrations,
                  TEST_CORPUS: suite.statements,
                  TEST_ADDITION: addition,
                }
              : {}),
          },
          // DB serves; SPARE_DB is for tests that change a database, EMPTY_DB one with no tables,
          // ADD_DB the one an article is added to.
          ...(d1 ? { d1Databases: ['DB', 'SPARE_DB', 'EMPTY_DB', 'ADD_DB'] } : {}),
          // A small allowance, so the rate-limit test reaches it in a few requests.
          ratelimits: {
            RATE_LIMITER: { namespace_id: '1001', simple: { limit: 20, period: 60 } },
          },
        },
      }),
    ],
    // The Worker under test serves the real corpus plus a fictional second article
    // (test/fixtures/corpus): proof that an article is added with data files alone.
    resolve: { alias: [{ find: /^#data$/, replacement: here(suite.data) }] },
    test: {
      name,
      include: suite.include,
      globalSetup: ['test/build-test-corpus.ts'],
      ...(d1 ? { setupFiles: ['test/worker/d1-setup.ts'] } : {}),
      // The first request of a file loads graphql-js and the schema inside workerd.
      testTimeout: 30_000,
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      workerProject('worker', false),
      workerProject('worker-d1', true),
      workerProject('archive', false, suites.archive),
      workerProject('archive-d1', true, suites.archive),
      {
        test: {
          name: 'data',
          environment: 'node',
          include: ['test/data/**/*.test.ts'],
          // They compile corpora and load databases: on a busy machine that takes seconds.
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'playground',
          environment: 'node',
          include: ['test/playground/**/*.test.ts'],
        },
      },
    ],
  },
});
