import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataError } from './data/problems.ts';
import { scaffoldArticle } from './data/scaffold.ts';

// npm run article:new -- --slug <slug> --text <file> --title "…" [--url …] [--published
//   YYYY-MM-DD] [--outlet "…"] [--author "…"]... [--root data]
const { values } = parseArgs({
  options: {
    slug: { type: 'string' },
    text: { type: 'string' },
    title: { type: 'string' },
    url: { type: 'string' },
    published: { type: 'string' },
    outlet: { type: 'string' },
    author: { type: 'string', multiple: true },
    root: { type: 'string', default: 'data' },
  },
});

try {
  const missing = (['slug', 'text', 'title'] as const).filter((k) => !values[k]);
  if (missing.length > 0) {
    throw new DataError(missing.map((k) => `--${k} is required`));
  }
  let text: string;
  try {
    text = readFileSync(values.text as string, 'utf8');
  } catch (error) {
    throw new DataError([`--text ${values.text}: ${(error as Error).message}`]);
  }
  const { dir, notes } = scaffoldArticle(values.root, {
    slug: values.slug as string,
    text,
    title: values.title as string,
    url: values.url,
    published: values.published,
    outlet: values.outlet,
    authors: values.author,
  });
  console.log(`created ${dir}: article.json, article.txt and empty record files`);
  for (const note of notes) console.log(`  note: ${note}`);
  console.log(
    `next: add records (excerpts by their words: { "text": "…" }), then\n  npm run data -- --report   what is left to annotate\n  npm run data -- --write    the offsets written into the files\n  npm run d1:add -- ${dir} --local`,
  );
} catch (error) {
  if (!(error instanceof DataError)) throw error;
  console.error(error.message);
  process.exit(1);
}
