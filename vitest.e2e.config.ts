import { defineConfig } from 'vitest/config';

// Browser tests, in Node: they start `wrangler dev` and drive Debian's Chromium, so they run
// apart from the workerd tests (`npm run test:e2e`).
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
