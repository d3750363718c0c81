import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCorpus } from './data/build.ts';
import { DataError } from './data/problems.ts';
import { annotationReport } from './data/report.ts';
import { draftArticle, loadForDraft } from './draft/draft.ts';
import { writeDrafts } from './draft/write.ts';

// npm run article:draft -- data/articles/<slug> [--dry-run] [--report]
//   drafts the article's statements, citations and new actors from its text and the registry
//   --dry-run  says what it would draft, writes nothing
//   --report   lists the drafts left to review, drafts nothing
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    report: { type: 'boolean', default: false },
  },
});

try {
  const dir = positionals[0];
  if (!dir || !existsSync(join(dir, 'article.json'))) {
    throw new DataError([
      `give an article folder: npm run article:draft -- data/articles/<slug> (got ${dir ?? 'nothing'})`,
    ]);
  }
  const root = resolve(dir, '..', '..');
  const slug = (JSON.parse(readFileSync(join(dir, 'article.json'), 'utf8')) as { slug: string })
    .slug;
  const { loaded } = loadForDraft([root]);
  if (values.report) {
    const drafts = annotationReport(loaded).find((r) => r.slug === slug)?.drafts ?? [];
    console.log(`${slug}: ${drafts.length} draft${drafts.length === 1 ? '' : 's'} to review`);
    for (const d of drafts) console.log(`  ${d.where}: ${d.rule}`);
    process.exit(0);
  }
  const began = performance.now();
  const drafts = draftArticle(loaded, slug);
  const held =
    drafts.quotations.length - drafts.statements.filter((s) => s.kind === 'DIRECT_QUOTE').length;
  console.log(`${slug}: ${drafts.quotations.length} quotations (${held} already held by records)`);
  for (const s of drafts.statements) {
    console.log(`  ${s.kind} ${s.slug} (${s.speaker}): ${s.draft}`);
  }
  const excerpts = drafts.citations.reduce((n, c) => n + c.excerpts.length, 0);
  console.log(`  names: ${excerpts} places of ${drafts.citations.length} entities`);
  for (const a of drafts.actors) console.log(`  new ${a.kind} ${a.slug} ("${a.name}"): ${a.draft}`);
  console.log(`drafted in ${Math.round(performance.now() - began)} ms`);
  if (values['dry-run']) process.exit(0);
  for (const file of writeDrafts(dir, root, drafts)) console.log(`  wrote ${file}`);
  // Drafts are records like any other: the root builds with them, or the build says why not
  // (another article's problem as much as this one's).
  buildCorpus([root]);
  console.log(`${root} builds: review the drafts with npm run article:draft -- ${dir} --report`);
} catch (error) {
  if (!(error instanceof DataError)) throw error;
  console.error(error.message);
  process.exit(1);
}
