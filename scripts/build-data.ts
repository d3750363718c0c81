import { parseArgs } from 'node:util';
import { tableNames } from '../src/model/packed.ts';
import { buildCorpus, writeCorpusModule } from './data/build.ts';
import { loadCorpus } from './data/load.ts';
import { locateExcerpts } from './data/locate.ts';
import { DataError, Problems } from './data/problems.ts';
import { annotationReport, formatReport } from './data/report.ts';
import { writeOffsets } from './data/write-offsets.ts';

// Usage: tsx scripts/build-data.ts [--root data]... [--out generated/data.js] [--write] [--report]
//   --write   writes the offsets found for excerpts given by their words into their files
//   --report  prints, per article, what no record cites yet; then builds as without it
const { values } = parseArgs({
  options: {
    root: { type: 'string', multiple: true, default: ['data'] },
    out: { type: 'string', default: 'generated/data.js' },
    write: { type: 'boolean', default: false },
    report: { type: 'boolean', default: false },
  },
});

try {
  if (values.write) {
    const written = writeOffsets(values.root);
    console.log(
      written.length === 0
        ? 'offsets: every excerpt has them already'
        : `offsets written into ${written.length} file${written.length === 1 ? '' : 's'}:\n${written.map((f) => `  ${f}`).join('\n')}`,
    );
  }
  if (values.report) {
    const problems = new Problems();
    const loaded = loadCorpus(values.root, problems);
    problems.throwIfAny();
    // Words that cannot be placed are reported by the build below, as without --report.
    locateExcerpts(loaded, new Problems());
    console.log(formatReport(annotationReport(loaded)));
  }
  const built = buildCorpus(values.root);
  const { corpus } = built;
  const bytes = writeCorpusModule(built, values.out);
  const counts = tableNames.map((k) => `${corpus[k].length} ${k}`).join(', ');
  console.log(
    `data ${corpus.version}: ${counts} → ${values.out} (${(bytes / 1024).toFixed(1)} KiB)`,
  );
} catch (error) {
  if (!(error instanceof DataError)) throw error;
  console.error(error.message);
  process.exit(1);
}
