import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCorpus, readCorpusModule, writeCorpusModule } from '../../scripts/data/build.ts';
import { DataError } from '../../scripts/data/problems.ts';
import { pack, unpack } from '../../src/model/packed.ts';

// The data build as an author meets it: a corpus copied aside, one record spoiled, and the
// build's message read for the file, the record and the problem.

const fixture = 'test/fixtures/corpus';
const folder = 'articles/harbour-accord-2031';

/** A copy of the fixture with one file spoiled: an article's (`statements.json`) or the registry's (`registry/topics.json`). */
function spoiled(file: string, spoil: (records: Record<string, unknown>[]) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'newsgraph-data-'));
  cpSync(fixture, root, { recursive: true });
  const path = join(root, file.startsWith('registry/') ? '' : folder, file);
  const records = JSON.parse(readFileSync(path, 'utf8'));
  spoil(records);
  writeFileSync(path, JSON.stringify(records));
  return root;
}

function problemsOf(root: string): readonly string[] {
  try {
    buildCorpus(['test/fixtures/shipped', root]);
  } catch (error) {
    if (error instanceof DataError) return error.problems;
    throw error;
  }
  throw new Error('the build accepted spoiled data');
}

describe('the data build', () => {
  it('builds the test corpora without problems, newest article first', () => {
    const { corpus } = buildCorpus(['test/fixtures/shipped', fixture]);
    expect(corpus.articles.map((a) => a.slug)).toEqual([
      'harbour-accord-2031',
      'istanbul-talks-2025',
    ]);
    expect(corpus.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('writes a module that gives back exactly what it compiled, quotes and escapes included', () => {
    const built = buildCorpus(['test/fixtures/shipped', fixture]);
    // The articles' quotation marks, apostrophes and line breaks, which JSON escapes.
    const text = built.corpus.articles.map((a) => a.text).join('');
    expect(text).toMatch(/"/);
    expect(text).toMatch(/'/);
    expect(text).toMatch(/\n/);
    // A character past Latin-1 (a curly quote), which the module writes as a JSON escape.
    expect(text).toMatch(/[\u0100-\uffff]/);
    const out = join(mkdtempSync(join(tmpdir(), 'newsgraph-module-')), 'data.js');
    writeCorpusModule(built, out);
    // The script only re-exports its two Text modules (the Worker tests run it in workerd).
    expect(readFileSync(out, 'utf8')).toBe(
      [
        "import corpus from './data.corpus.txt';",
        "import searchIndex from './data.search.txt';",
        'export default corpus;',
        'export { searchIndex };',
        '',
      ].join('\n'),
    );
    const module = readCorpusModule(out);
    expect(unpack(JSON.parse(module.corpus))).toEqual(built.corpus);
    expect(JSON.parse(module.searchIndex)).toEqual(JSON.parse(built.searchIndex));
    // ASCII: V8 keeps the strings at one byte a character, not two.
    expect(module.corpus).not.toMatch(/[\u0080-\uffff]/);
    expect(module.searchIndex).not.toMatch(/[\u0080-\uffff]/);
  });

  it('packs the module to a fraction of the records, and refuses what it could not give back', () => {
    const { corpus } = buildCorpus(['test/fixtures/shipped', fixture]);
    const packed = pack(corpus);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(corpus).length * 0.7);
    expect(unpack(packed).slugs.Actor.get('sergei-markov')).toBe(
      corpus.actors.findIndex((a) => a.slug === 'sergei-markov'),
    );
    const misplaced = structuredClone(corpus);
    (misplaced.statements[0] as { excerpt: { paragraph: number } }).excerpt.paragraph += 1;
    expect(() => pack(misplaced)).toThrow(/is not in paragraph/);
    const extra = structuredClone(corpus);
    Object.assign(extra.topics[1] as object, { note: 'x' });
    expect(() => pack(extra)).toThrow(/topics\[1\] has the fields/);
  });

  it('gives the same version for the same data, and another for other data', () => {
    const a = buildCorpus(['test/fixtures/shipped', fixture]).corpus.version;
    expect(buildCorpus(['test/fixtures/shipped', fixture]).corpus.version).toBe(a);
    const root = spoiled('registry/topics.json', (topics) => {
      (topics[0] as { name: string }).name = 'Renamed';
    });
    expect(buildCorpus(['test/fixtures/shipped', root]).corpus.version).not.toBe(a);
  });

  it('names the file, the record and the reference that does not resolve', () => {
    const root = spoiled('statements.json', (statements) => {
      (statements[0] as { speaker: string }).speaker = 'nobody-at-all';
    });
    const [problem, ...rest] = problemsOf(root);
    expect(rest).toEqual([]);
    expect(problem).toContain(join(folder, 'statements.json'));
    expect(problem).toMatch(/statements\[\d+\] \([a-z-]+\)/);
    expect(problem).toContain('speaker "nobody-at-all" does not resolve to any Actor');
  });

  it('reports schema, reference and excerpt problems in one run, and nothing twice', () => {
    const root = mkdtempSync(join(tmpdir(), 'newsgraph-data-'));
    cpSync(fixture, root, { recursive: true });
    const edit = (file: string, fn: (records: Record<string, unknown>[]) => void) => {
      const path = join(root, file);
      const records = JSON.parse(readFileSync(path, 'utf8'));
      fn(records);
      writeFileSync(path, JSON.stringify(records));
    };
    edit(join(folder, 'positions.json'), (p) => Object.assign(p[0] as object, { colour: 'blue' }));
    edit(join(folder, 'statements.json'), (s) => {
      (s[0] as { speaker: string }).speaker = 'nobody-at-all';
    });
    edit(join(folder, 'topics.json'), (t) => {
      (t[0] as { excerpts: unknown[] }).excerpts = [{ text: 'words that are not there' }];
    });
    // A refused registry entry: what cites or names it is not reported again.
    edit('registry/meetings.json', (m) => Object.assign(m[0] as object, { status: 'MAYBE' }));
    const problems = problemsOf(root);
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/positions\.json › positions\[0\].*colour/);
    expect(problems.join('\n')).toContain('speaker "nobody-at-all" does not resolve to any Actor');
    expect(problems.join('\n')).toContain('text "words that are not there" does not stand');
    expect(problems.join('\n')).toMatch(/registry[/\\]meetings\.json › meetings\[0\].*status/);
  });

  it('suggests the closest slug for one that resolves to nothing', () => {
    const root = spoiled('statements.json', (statements) => {
      (statements[0] as { speaker: string }).speaker = 'teodor-quil';
    });
    expect(problemsOf(root)[0]).toMatch(
      /speaker "teodor-quil" does not resolve to any Actor; did you mean "teodor-quill"\?$/,
    );
    const citing = spoiled('topics.json', (topics) => {
      (topics[0] as { slug: string }).slug = 'fishing-berth';
    });
    expect(problemsOf(citing).join('\n')).toContain(
      'cites topics "fishing-berth", which no registry file defines (add it to registry/topics.json); did you mean "fishing-berths"?',
    );
  });

  it('gives a JSON syntax error as file:line:column', () => {
    const root = mkdtempSync(join(tmpdir(), 'newsgraph-data-'));
    cpSync(fixture, root, { recursive: true });
    const path = join(root, folder, 'positions.json');
    writeFileSync(path, '[\n  {\n    "slug": "x",\n  }\n]\n');
    const [problem] = problemsOf(root);
    expect(problem).toMatch(
      /positions\.json:4:3: is not valid JSON: Expected double-quoted property name$/,
    );
  });

  it('points at the first character where an excerpt and the article differ', () => {
    const root = spoiled('statements.json', (statements) => {
      const quote = statements.find((s) => s.kind === 'DIRECT_QUOTE') as {
        text: string;
        excerpt: { text: string };
      };
      quote.excerpt.text = `${quote.excerpt.text.slice(0, 3)}#${quote.excerpt.text.slice(4)}`;
      quote.text = quote.excerpt.text;
    });
    expect(problemsOf(root).join('\n')).toMatch(
      /does not match the article at \[\d+, \d+\), which reads ".+": they differ at character 4: ".+" U\+[0-9A-F]{4} in the article against "#" U\+0023 in the record/,
    );
  });

  it('names an excerpt whose offsets do not point at its text, and where the text stands', () => {
    const root = spoiled('actors.json', (actors) => {
      const excerpt = (actors[0] as { excerpts: { start: number; end: number }[] }).excerpts[0];
      if (!excerpt) throw new Error('fixture actor without excerpt');
      excerpt.start += 1;
      excerpt.end += 1;
    });
    const problems = problemsOf(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(join(folder, 'actors.json'));
    expect(problems[0]).toMatch(
      /actors\[0\] \([a-z-]+\): excerpts\[0\] text ".+" does not match the article at \[\d+, \d+\), which reads ".+" \(the text stands at \[\d+, \d+\)\)/,
    );
  });

  it('names a duplicate slug and where it was first defined', () => {
    const root = spoiled('registry/topics.json', (topics) => {
      topics.push({ ...(topics[0] as object) });
    });
    const problems = problemsOf(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /registry[/\\]topics\.json › topics\[\d+\] \(([a-z-]+)\): duplicate Topic slug "\1" \(first defined in .*topics\.json › topics\[0\]/,
    );
  });

  it('refuses a citation of an entity the registry does not hold, naming the file to add it to', () => {
    const root = spoiled('meetings.json', (meetings) => {
      (meetings[0] as { slug: string }).slug = 'no-such-meeting';
    });
    const problems = problemsOf(root);
    expect(problems).toContainEqual(
      expect.stringMatching(
        /harbour-accord-2031[/\\]meetings\.json › meetings\[0\] \(no-such-meeting\): cites meetings "no-such-meeting", which no registry file defines \(add it to registry\/meetings\.json\)/,
      ),
    );
  });

  it('refuses a registry entity that no article names, by name', () => {
    const root = spoiled('registry/topics.json', (topics) => {
      topics.push({ slug: 'orphan-topic', name: 'Nobody cites this' });
    });
    expect(problemsOf(root)).toEqual([
      expect.stringMatching(
        /registry[/\\]topics\.json › topics\[\d+\] \(orphan-topic\): no article names this topic: cite it from an article's topics\.json, or remove it from the registry$/,
      ),
    ]);
  });

  it('refuses an article citing one entity twice', () => {
    const root = spoiled('topics.json', (topics) => {
      topics.push({ ...(topics[0] as object) });
    });
    expect(problemsOf(root)).toEqual([
      expect.stringMatching(
        /topics\[\d+\] \(([a-z-]+)\): cites topics "\1" a second time in this article$/,
      ),
    ]);
  });

  it('takes a publisher or author the text never names, with no excerpt', () => {
    const root = spoiled('registry/actors.json', (actors) => {
      actors.push({ slug: 'ada-penn', name: 'Ada Penn', kind: 'PERSON' });
    });
    const article = join(root, folder, 'article.json');
    const record = JSON.parse(readFileSync(article, 'utf8'));
    writeFileSync(article, JSON.stringify({ ...record, authors: [...record.authors, 'ada-penn'] }));
    const { corpus } = buildCorpus(['test/fixtures/shipped', root]);
    const ada = corpus.slugs.Actor.get('ada-penn') as number;
    expect(corpus.actors[ada]?.excerpts).toEqual([]);
    const harbour = corpus.articles.find((a) => a.slug === 'harbour-accord-2031');
    expect(harbour?.authors).toEqual([corpus.slugs.Actor.get('wren-adeyemi'), ada]);
  });

  it('names a record that breaks its schema, field by field', () => {
    const root = spoiled('meetings.json', (meetings) => {
      Object.assign(meetings[0] as object, { status: 'MAYBE', colour: 'blue' });
    });
    const [problem] = problemsOf(root);
    expect(problem).toContain('meetings.json › meetings[0]');
    expect(problem).toContain('status');
    expect(problem).toContain('colour');
  });

  it('refuses a quotation that no DIRECT_QUOTE statement covers', () => {
    const root = spoiled('statements.json', (statements) => {
      const index = statements.findIndex((s) => s.kind === 'DIRECT_QUOTE');
      statements.splice(index, 1);
    });
    const problems = problemsOf(root);
    expect(
      problems.some(
        (p) =>
          p.includes('article.json') &&
          p.includes('is not the excerpt of any DIRECT_QUOTE statement'),
      ),
    ).toBe(true);
  });

  it('fails the command line build with exit code 1 and the problems on stderr', () => {
    const root = spoiled('statements.json', (statements) => {
      (statements[0] as { topics: string[] }).topics = ['no-such-topic'];
    });
    let failure: { status: number; stderr: Buffer } | undefined;
    try {
      execFileSync(
        'node_modules/.bin/tsx',
        [
          'scripts/build-data.ts',
          '--root',
          'test/fixtures/shipped',
          '--root',
          root,
          '--out',
          join(root, 'out.js'),
        ],
        { stdio: 'pipe' },
      );
    } catch (error) {
      failure = error as { status: number; stderr: Buffer };
    }
    expect(failure?.status).toBe(1);
    expect(String(failure?.stderr)).toContain(
      'topics "no-such-topic" does not resolve to any Topic',
    );
  });
});
