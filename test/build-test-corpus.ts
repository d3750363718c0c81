import { buildCorpus, writeCorpusModule } from '../scripts/data/build.ts';

/** Vitest global setup: compiles the corpus the Worker under test imports as `#data`. */
export default function setup(): void {
  writeCorpusModule(
    buildCorpus(['test/fixtures/shipped', 'test/fixtures/corpus']),
    'generated/test-data.js',
  );
}
