import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The REST reference page at /rest: Swagger UI's own distribution from npm, copied into the
// static assets beside the playground, with a page and a start script of ours (the page's
// policy allows no inline script), and the OpenAPI document it reads from this origin.
const out = 'generated/static/rest-reference';
const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE', 'NOTICE']) {
  copyFileSync(join(dist, file), join(out, file));
}
writeFileSync(
  join(out, 'index.html'),
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>newsgraph REST reference</title>
    <link rel="stylesheet" href="/rest-reference/swagger-ui.css" />
  </head>
  <body>
    <div id="reference"></div>
    <script src="/rest-reference/swagger-ui-bundle.js"></script>
    <script src="/rest-reference/start.js"></script>
  </body>
</html>
`,
);
writeFileSync(
  join(out, 'start.js'),
  `// No validator badge (it calls validator.swagger.io) and no remote configuration.
window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#reference',
  validatorUrl: null,
  deepLinking: true,
  tryItOutEnabled: true,
  displayRequestDuration: true,
  queryConfigEnabled: false,
});
`,
);
// The OpenAPI document as committed (`npm run schema` writes it; a test keeps it current).
copyFileSync('schema/openapi.json', 'generated/static/openapi.json');
console.log(`wrote ${out} and generated/static/openapi.json`);
