// What `wrangler types` would generate: the main module's exports, so that
// `exports.default.fetch` from `cloudflare:workers` is typed in tests.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('./index.ts');
  }
}
