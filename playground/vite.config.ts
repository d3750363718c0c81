import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The playground is built to static files that Workers static assets serve (wrangler.toml
// `[assets]`); the Worker's own bundle never contains it.
export default defineConfig({
  root: here('.'),
  // The page is served at `/` and `/graphql`, so every asset URL is absolute.
  base: '/playground/',
  logLevel: 'warn',
  build: {
    outDir: here('../generated/static/playground'),
    emptyOutDir: true,
    // Monaco alone is several MiB; the page loads once and is cached by its hashed names.
    chunkSizeWarningLimit: 8192,
    reportCompressedSize: false,
    rolldownOptions: {
      // framer-motion (GraphiQL's dialogs) marks files "use client" for React server
      // components; in a client-only bundle the directive means nothing.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
