import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';

// The trusted documents: the operations the project's own front ends ship (the playground's
// examples), hashed into a manifest the Worker bundles. `GET /graphql?documentId=<sha256>`
// then runs one by hash, in a short URL that the edge can cache.
const dir = 'examples/operations';
const out = 'generated/documents.js';

const manifest: Record<string, string> = {};
for (const name of readdirSync(dir)
  .filter((f) => f.endsWith('.graphql'))
  .sort()) {
  const text = readFileSync(join(dir, name), 'utf8');
  parse(text); // a document that does not parse fails the build here, not in a client
  manifest[createHash('sha256').update(text).digest('hex')] = text;
}

mkdirSync('generated', { recursive: true });
writeFileSync(out, `export default ${JSON.stringify(manifest, null, 2)};\n`);
writeFileSync(
  out.replace(/\.js$/, '.d.ts'),
  '/** sha256 (hex) of a document → the document. */\ndeclare const documents: Readonly<Record<string, string>>;\nexport default documents;\n',
);
console.log(`documents: ${Object.keys(manifest).length} trusted operations → ${out}`);
