import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // One JSON log line per request is for production; tests read it where they mean to.
            miniflare: {
              bindings: { REQUEST_LOG: 'off' },
              // A small allowance, so the rate-limit test reaches it in a few requests.
              ratelimits: {
                RATE_LIMITER: { namespace_id: '1001', simple: { limit: 20, period: 60 } },
              },
            },
          }),
        ],
        // The Worker under test serves the real corpus plus a fictional second article
        // (test/fixtures/corpus): proof that an article is added with data files alone.
        resolve: { alias: [{ find: /^#data$/, replacement: here('./generated/test-data.js') }] },
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          globalSetup: ['test/build-test-corpus.ts'],
          // The first request of a file loads graphql-js and the schema inside workerd.
          testTimeout: 30_000,
        },
      },
      {
        test: { name: 'data', environment: 'node', include: ['test/data/**/*.test.ts'] },
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
