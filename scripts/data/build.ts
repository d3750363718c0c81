import { createHash, type Hash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { pack } from '../../src/model/packed.ts';
import type { Corpus } from '../../src/model/types.ts';
import { compileCorpus } from './compile.ts';
import { type LoadOptions, loadCorpus } from './load.ts';
import { loadOrder } from './load-order.ts';
import { locateExcerpts } from './locate.ts';
import { Problems } from './problems.ts';
import { buildSearchIndex, searchDocuments } from './search-index.ts';

export interface BuiltData {
  corpus: Corpus;
  /** The serialized MiniSearch index over `corpus.searchTargets`. */
  searchIndex: string;
  /**
   * Where each record was defined, per table in load order: its slug and its home article's
   * (D1 keeps a record's home, scripts/d1/corpus-sql.ts homesOf).
   */
  origins: Record<string, { slug: string; article: string }[]>;
  /** Each table's records in the order a whole D1 load numbers them (load-order.ts). */
  order: ReturnType<typeof loadOrder>;
  /** The aliases each article names an actor by in its citation: article → actor → aliases. */
  citationAliases: Map<string, Map<string, string[]>>;
  /** Each actor's aliases as its registry entry writes them. */
  registryAliases: Map<string, string[]>;
}

/**
 * Feeds `hash` the bytes of JSON.stringify(value), serialized in pieces down to `depth` levels
 * of objects and arrays: the whole text of 10,000 synthetic articles is longer than the
 * longest string V8 can make. The digest is the same as of the whole string.
 */
function updateWithJson(hash: Hash, value: unknown, depth: number): void {
  if (depth === 0 || value === null || typeof value !== 'object' || 'toJSON' in value) {
    // As JSON.stringify writes a value inside an array; undefined fields are skipped below.
    hash.update(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    hash.update('[');
    value.forEach((item, i) => {
      if (i > 0) hash.update(',');
      updateWithJson(hash, item, depth - 1);
    });
    hash.update(']');
    return;
  }
  hash.update('{');
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    hash.update(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    updateWithJson(hash, item, depth - 1);
  }
  hash.update('}');
}

/**
 * Loads, validates and compiles the corpus under `roots`, and builds its search index;
 * throws a DataError listing every problem.
 */
export function buildCorpus(roots: readonly string[], options: LoadOptions = {}): BuiltData {
  const problems = new Problems();
  // One run reports every problem: schemas, references and excerpts together. Refused records
  // are left out of what follows, and what names them is not reported again.
  const loaded = loadCorpus(roots, problems, options);
  locateExcerpts(loaded, problems);
  const compiled = compileCorpus(loaded, problems);
  problems.throwIfAny();
  const origins: BuiltData['origins'] = {};
  for (const [name, items] of Object.entries(loaded)) {
    if (name === 'aliases' || name === 'registryAliases') continue;
    origins[name] = (items as { record: { slug: string }; article: string }[]).map((item) => ({
      slug: item.record.slug,
      article: name === 'articles' ? item.record.slug : item.article,
    }));
  }
  const homes = new Map(
    Object.entries(origins).map(([name, list]) => [
      name,
      new Map(list.map((o, at) => [o.slug, { article: o.article, at }])),
    ]),
  );
  const base = { ...compiled, version: '', searchTargets: [] };
  const order = loadOrder(
    base,
    (name, slug) => homes.get(name)?.get(slug)?.article,
    (name, slug) => homes.get(name)?.get(slug)?.at ?? 0,
  );
  const { documents, targets } = searchDocuments(base, order);
  const searchIndex = buildSearchIndex(documents);
  const body = { ...compiled, searchTargets: targets };
  const hash = createHash('sha256');
  updateWithJson(hash, body, 2);
  const version = hash.update(searchIndex).digest('hex').slice(0, 16);
  return {
    corpus: { version, ...body },
    searchIndex,
    origins,
    order,
    citationAliases: loaded.aliases ?? new Map(),
    registryAliases: loaded.registryAliases ?? new Map(),
  };
}

/**
 * JSON text made ASCII: every character past it written as a JSON escape (`\u2019`), which
 * JSON.parse reads back the same. V8 keeps a string with any character past Latin-1 (a
 * curly quote will do) at two bytes a character, so one such character doubles what the
 * data's whole text holds of the isolate's memory. The escapes cost JSON.parse a little, but
 * memory is the limit that binds first (BENCHMARKS.md, "Where bundling the data stops
 * fitting", has both figures).
 */
function asciiJson(json: string): string {
  return json.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The Text modules a corpus module imports, beside it: the packed corpus and the index. */
function textModulesOf(out: string): { corpus: string; searchIndex: string } {
  return {
    corpus: out.replace(/\.js$/, '.corpus.txt'),
    searchIndex: out.replace(/\.js$/, '.search.txt'),
  };
}

/**
 * Writes the corpus as an ES module over two Text modules: the packed corpus
 * (src/model/packed.ts) as JSON text, which the Worker parses and unpacks, and the search
 * index's JSON, which MiniSearch.loadJSON parses when the first search needs it.
 * - JSON text, because V8 parses JSON far faster than the equivalent object literal, which
 *   keeps isolate start cheap; and text, not an export of the parsed object, because a
 *   module's exports live as long as the isolate: the packed form would stay in memory
 *   beside the records unpacked from it.
 * - Text modules (`.txt`, wrangler's default rule), not string literals in a script: V8
 *   keeps a script's source for the isolate's life, so a literal held the data twice, once
 *   as its value and once as source (the heap it saved: BENCHMARKS.md, "Where bundling the
 *   data stops fitting").
 */
export function writeCorpusModule({ corpus, searchIndex }: BuiltData, out: string): number {
  mkdirSync(dirname(out), { recursive: true });
  const texts = textModulesOf(out);
  const corpusText = asciiJson(JSON.stringify(pack(corpus)));
  const indexText = asciiJson(searchIndex);
  writeFileSync(texts.corpus, corpusText);
  writeFileSync(texts.searchIndex, indexText);
  writeFileSync(
    out,
    [
      `import corpus from './${basename(texts.corpus)}';`,
      `import searchIndex from './${basename(texts.searchIndex)}';`,
      'export default corpus;',
      'export { searchIndex };',
      '',
    ].join('\n'),
  );
  writeFileSync(
    out.replace(/\.js$/, '.d.ts'),
    [
      '/** The packed corpus (src/model/packed.ts), as JSON. */',
      'declare const corpus: string;',
      'export default corpus;',
      '/** The serialized MiniSearch index, as JSON. */',
      'export declare const searchIndex: string;',
      '',
    ].join('\n'),
  );
  return corpusText.length + indexText.length;
}

/** What a corpus module holds, read from its Text modules (Node cannot import those). */
export function readCorpusModule(out: string): { corpus: string; searchIndex: string } {
  const texts = textModulesOf(out);
  return {
    corpus: readFileSync(texts.corpus, 'utf8'),
    searchIndex: readFileSync(texts.searchIndex, 'utf8'),
  };
}
