import { buildCorpus, writeCorpusModule } from '../scripts/data/build.ts';

// The roots vitest.config.ts serves: the test corpus, and the archive (the test corpus and
// the later article test/archive-copy.ts writes into generated/test-archive).
const corpusRoots = ['test/fixtures/shipped', 'test/fixtures/corpus'];

/** Vitest global setup: compiles the corpora the Workers under test import as `#data`. */
export default function setup(): void {
  writeCorpusModule(buildCorpus(corpusRoots), 'generated/test-data.js');
  writeCorpusModule(
    buildCorpus([...corpusRoots, 'generated/test-archive']),
    'generated/test-archive-data.js',
  );
}
