import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pack } from '../../src/model/packed.ts';
import type { Corpus } from '../../src/model/types.ts';
import { compileCorpus } from './compile.ts';
import { loadCorpus } from './load.ts';
import { Problems } from './problems.ts';
import { buildSearchIndex, searchDocuments } from './search-index.ts';

export interface BuiltData {
  corpus: Corpus;
  /** The serialized MiniSearch index over `corpus.searchTargets`. */
  searchIndex: string;
}

/**
 * Loads, validates and compiles the corpus under `roots`, and builds its search index;
 * throws a DataError listing every problem.
 */
export function buildCorpus(roots: readonly string[]): BuiltData {
  const problems = new Problems();
  const loaded = loadCorpus(roots, problems);
  problems.throwIfAny();
  const compiled = compileCorpus(loaded, problems);
  problems.throwIfAny();
  const { documents, targets } = searchDocuments({ ...compiled, version: '', searchTargets: [] });
  const searchIndex = buildSearchIndex(documents);
  const body = { ...compiled, searchTargets: targets };
  const version = createHash('sha256')
    .update(JSON.stringify(body))
    .update(searchIndex)
    .digest('hex')
    .slice(0, 16);
  return { corpus: { version, ...body }, searchIndex };
}

/**
 * JSON text as a single-quoted JavaScript string literal whose value is ASCII.
 * - Every character past ASCII is written as a JSON escape (`\u2019`), which JSON.parse
 *   reads back the same. V8 keeps a string with any character past Latin-1 (a curly quote
 *   will do) at two bytes a character, so one such character doubled what the data's whole
 *   text holds of the isolate's memory for its life: at N = 1,000 synthetic articles the
 *   heap went from 306 to 265 MiB. The escapes cost JSON.parse a little (startup there rose
 *   from about 0.6 to 0.7 s), but memory is the limit that binds first.
 * - Single-quoted: JSON is full of double quotes and has no single ones outside its strings,
 *   so this escapes a fraction of what a double-quoted literal would (which grew the bundle
 *   by a tenth). JSON.stringify already escaped every control character, so only
 *   backslashes and single quotes remain.
 */
function jsonLiteral(json: string): string {
  const ascii = json.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `'${ascii.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/**
 * Writes the corpus as an ES module: the packed corpus (src/model/packed.ts) as JSON text,
 * which the Worker parses and unpacks. Text, because V8 parses JSON far faster than the
 * equivalent object literal, which keeps isolate start cheap; and text, not an export of the
 * parsed object, because a module's exports live as long as the isolate: the packed form
 * would stay in memory beside the records unpacked from it.
 */
export function writeCorpusModule({ corpus, searchIndex }: BuiltData, out: string): number {
  mkdirSync(dirname(out), { recursive: true });
  const source = [
    `export default ${jsonLiteral(JSON.stringify(pack(corpus)))};`,
    // Left as a string: MiniSearch.loadJSON parses it when the first search needs it.
    `export const searchIndex = ${jsonLiteral(searchIndex)};`,
    '',
  ].join('\n');
  writeFileSync(out, source);
  writeFileSync(
    out.replace(/\.js$/, '.d.ts'),
    [
      '/** The packed corpus (src/model/packed.ts), as JSON. */',
      'declare const corpus: string;',
      'export default corpus;',
      'export declare const searchIndex: string;',
      '',
    ].join('\n'),
  );
  return Buffer.byteLength(source);
}
