import { parseArgs } from 'node:util';
import { tableNames } from '../src/model/packed.ts';
import { buildCorpus, writeCorpusModule } from './data/build.ts';
import { DataError } from './data/problems.ts';

// Usage: tsx scripts/build-data.ts [--root data]... [--out generated/data.js]
const { values } = parseArgs({
  options: {
    root: { type: 'string', multiple: true, default: ['data'] },
    out: { type: 'string', default: 'generated/data.js' },
  },
});

try {
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
