import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Corpus } from '../../src/model/types.ts';
import { compileCorpus } from './compile.ts';
import { loadCorpus } from './load.ts';
import { Problems } from './problems.ts';

/** Loads, validates and compiles the corpus under `roots`; throws a DataError listing every problem. */
export function buildCorpus(roots: readonly string[]): Corpus {
  const problems = new Problems();
  const loaded = loadCorpus(roots, problems);
  problems.throwIfAny();
  const corpus = compileCorpus(loaded, problems);
  problems.throwIfAny();
  return corpus;
}

/**
 * Writes the corpus as an ES module. The data is a JSON string handed to JSON.parse because
 * V8 parses JSON far faster than the equivalent object literal: it keeps isolate start cheap.
 */
export function writeCorpusModule(corpus: Corpus, out: string): number {
  mkdirSync(dirname(out), { recursive: true });
  const source = `export default JSON.parse(${JSON.stringify(JSON.stringify(corpus))});\n`;
  writeFileSync(out, source);
  writeFileSync(
    out.replace(/\.js$/, '.d.ts'),
    "import type { Corpus } from '../src/model/types';\ndeclare const corpus: Corpus;\nexport default corpus;\n",
  );
  return Buffer.byteLength(source);
}
