import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../scripts/data/build.ts';
import { loadCorpus } from '../../scripts/data/load.ts';
import { locateExcerpts } from '../../scripts/data/locate.ts';
import { DataError, Problems } from '../../scripts/data/problems.ts';
import { annotationReport } from '../../scripts/data/report.ts';
import { scaffoldArticle } from '../../scripts/data/scaffold.ts';
import { moveToRegistry } from '../../scripts/data/to-registry.ts';
import { writeOffsets } from '../../scripts/data/write-offsets.ts';
import { pack } from '../../src/model/packed.ts';
import { toWordsOnly } from './words-only.ts';

// The editor's path: an article scaffolded from its text, excerpts given by their words, the
// offsets written back, and the report of what is left to annotate; each on a small article.

const scratch = () => mkdtempSync(join(tmpdir(), 'newsgraph-authoring-'));

// Paragraphs 0 to 3: "the talks" stands in 1 and 3, a quotation in 2, Mira Vell in 0 and 3.
const text = [
  'Mira Vell opened the summit in Port Amsel.',
  'Delegates said the talks would last a week.',
  'Officials called it “a fair start” on Monday.',
  'Mira Vell closed the talks early.',
].join('\n');

type Raw = Record<string, unknown>;

/** A root with one small article, `records` its files' contents by name. */
function smallArticle(records: Record<string, Raw[]>): string {
  const root = scratch();
  const dir = join(root, 'articles', 'amsel-summit');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'article.json'),
    JSON.stringify({ slug: 'amsel-summit', title: 'The Amsel summit', textFile: 'article.txt' }),
  );
  writeFileSync(join(dir, 'article.txt'), text);
  for (const [name, list] of Object.entries(records)) {
    writeFileSync(join(dir, name), `${JSON.stringify(list, null, 2)}\n`);
  }
  // Written as whole records, as one article would hold them; moved as the corpus was.
  moveToRegistry(root);
  return root;
}

const mira = (excerpts: Raw[]): Raw => ({
  slug: 'mira-vell',
  name: 'Mira Vell',
  kind: 'PERSON',
  excerpts,
});
const quote = (excerpt: Raw): Raw => ({
  slug: 'a-fair-start',
  kind: 'DIRECT_QUOTE',
  text: 'a fair start',
  speaker: 'mira-vell',
  excerpt,
});
const topic = (excerpts: Raw[]): Raw => ({ slug: 'talks', name: 'The talks', excerpts });

function problemsOf(root: string): readonly string[] {
  try {
    buildCorpus([root]);
  } catch (error) {
    if (error instanceof DataError) return error.problems;
    throw error;
  }
  throw new Error('the build accepted the article');
}

describe('excerpts given by their words', () => {
  it('are placed by the build, the occurrence-th time when they stand more than once', () => {
    const root = smallArticle({
      'actors.json': [mira([{ text: 'Mira Vell', occurrence: 2 }])],
      'statements.json': [quote({ text: 'a fair start' })],
      'topics.json': [topic([{ text: 'the talks', occurrence: 1 }])],
    });
    const { corpus } = buildCorpus([root]);
    const second = text.lastIndexOf('Mira Vell');
    expect(corpus.actors[0]?.excerpts).toEqual([
      { article: 0, paragraph: 3, start: second, end: second + 'Mira Vell'.length },
    ]);
    const at = text.indexOf('a fair start');
    expect(corpus.statements[0]?.excerpt).toMatchObject({ paragraph: 2, start: at, end: at + 12 });
    expect(corpus.topics[0]?.excerpts[0]).toMatchObject({ paragraph: 1 });
  });

  it('refuses words that stand more than once with no occurrence, naming the paragraphs of each', () => {
    const root = smallArticle({
      'actors.json': [mira([{ text: 'Mira Vell' }])],
      'statements.json': [quote({ text: 'a fair start' })],
    });
    expect(problemsOf(root)).toEqual([
      expect.stringMatching(
        /amsel-summit[/\\]actors\.json › actors\[0\] \(mira-vell\): excerpts\[0\] text "Mira Vell" stands 2 times in article "amsel-summit", in paragraphs 0, 3: say which with "occurrence" \(1 to 2\) — 1: paragraph 0, "Mira Vell opened the summit in Port Ams…"; 2: paragraph 3, "… it “a fair start” on Monday\. Mira Vell closed the talks early\."$/,
      ),
    ]);
  });

  it('refuses an occurrence past the last', () => {
    const root = smallArticle({
      'actors.json': [mira([{ text: 'Mira Vell', occurrence: 3 }])],
      'statements.json': [quote({ text: 'a fair start' })],
    });
    expect(problemsOf(root)[0]).toContain(
      'excerpts[0] "occurrence": 3, but text "Mira Vell" stands 2 times in article "amsel-summit" (paragraphs 0, 3)',
    );
  });

  it('names the closest passage for words that do not stand in the article', () => {
    const root = smallArticle({
      'actors.json': [mira([{ text: 'Mira Vel opened' }])],
      'statements.json': [quote({ text: '"a fair start"' })],
    });
    const problems = problemsOf(root);
    expect(problems[0]).toContain(
      'actors[0] (mira-vell): excerpts[0] text "Mira Vel opened" does not stand in article "amsel-summit"; the closest passage is "Mira Vell opened" in paragraph 0 (1 edit away)',
    );
    // A straight quote for a curly one: the usual cause, said as such, with the characters.
    expect(problems[1]).toContain(
      'statements[0] (a-fair-start): excerpt text "\\"a fair start\\"" does not stand in article "amsel-summit"; the closest passage is "“a fair start”" in paragraph 2: the same words with other quotation marks or dashes (they differ at character 1: "“" U+201C in the article against "\\"" U+0022 in the record)',
    );
  });

  it('refuses offsets and an occurrence together, and a start without an end', () => {
    const root = smallArticle({
      'actors.json': [mira([{ start: 0, end: 9, text: 'Mira Vell', occurrence: 1 }])],
      'topics.json': [topic([{ start: 18, text: 'the summit' }])],
    });
    const problems = problemsOf(root).join('\n');
    expect(problems).toContain(
      'actors[0] (mira-vell): excerpts.0: occurrence is for an excerpt given by its words alone',
    );
    expect(problems).toContain(
      'topics[0] (talks): excerpts.0: give start and end together, or neither',
    );
  });
});

const compiled = (roots: string[]) => {
  const built = buildCorpus(roots);
  return JSON.stringify(pack(built.corpus)) + built.searchIndex;
};

/** Every file under `root`, by its path inside it, with its bytes. */
function filesOf(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path, join(prefix, entry.name));
      else out.set(join(prefix, entry.name), readFileSync(path, 'utf8'));
    }
  };
  walk(root, '');
  return out;
}

describe('the corpus given by words alone', () => {
  it('compiles to the same bytes, and --write writes back exactly the files it came from', () => {
    const roots = ['test/fixtures/shipped', 'test/fixtures/corpus'].map((from) => {
      const root = scratch();
      cpSync(from, root, { recursive: true });
      return root;
    });
    const original = compiled(['test/fixtures/shipped', 'test/fixtures/corpus']);
    for (const root of roots) toWordsOnly(root);
    const converted = readFileSync(
      join(roots[0] as string, 'articles/istanbul-talks-2025/actors.json'),
      'utf8',
    );
    expect(converted).not.toContain('"start"');
    expect(compiled(roots)).toBe(original);

    // The command line, as an editor runs it: the offsets written, then the build.
    const out = execFileSync(
      'node_modules/.bin/tsx',
      [
        'scripts/build-data.ts',
        ...roots.flatMap((r) => ['--root', r]),
        '--out',
        join(roots[0] as string, 'out.js'),
        '--write',
      ],
      { encoding: 'utf8' },
    );
    expect(out).toMatch(/offsets written into 1[0-9] files/);
    const after = filesOf(roots[0] as string);
    for (const [path, bytes] of filesOf('test/fixtures/shipped'))
      expect(after.get(path), path).toBe(bytes);
    for (const [path, bytes] of filesOf('test/fixtures/corpus')) {
      expect(filesOf(roots[1] as string).get(path), path).toBe(bytes);
    }
    expect(compiled(roots)).toBe(original);
  }, 60_000);

  it('writes nothing when one excerpt cannot be placed', () => {
    const root = smallArticle({
      'actors.json': [mira([{ text: 'Mira Vell', occurrence: 1 }])],
      'topics.json': [topic([{ text: 'the tlaks' }])],
    });
    const before = filesOf(root);
    expect(() => writeOffsets([root])).toThrow(
      /topics\[0\] \(talks\): excerpts\[0\] text "the tlaks"/,
    );
    expect(filesOf(root)).toEqual(before);
  });
});

describe('the report of what is left to annotate', () => {
  const root = () =>
    smallArticle({
      'actors.json': [mira([{ text: 'Mira Vell', occurrence: 1 }])],
      'topics.json': [topic([{ text: 'the talks', occurrence: 1 }])],
    });

  it('lists uncited paragraphs, quotations no DIRECT_QUOTE holds, and names outside their actor', () => {
    const problems = new Problems();
    const loaded = loadCorpus([root()], problems);
    locateExcerpts(loaded, problems);
    expect(problems.list).toEqual([]);
    const [report] = annotationReport(loaded);
    expect(report?.paragraphs.map((p) => p.index)).toEqual([2, 3]);
    expect(report?.quotations).toEqual([
      {
        paragraph: 2,
        start: text.indexOf('a fair'),
        end: text.indexOf('”'),
        words: 'a fair start',
      },
    ]);
    expect(report?.names).toEqual([
      {
        paragraph: 3,
        start: text.lastIndexOf('Mira'),
        end: text.lastIndexOf('Mira') + 9,
        name: 'Mira Vell',
        actor: 'mira-vell',
      },
    ]);
  });

  it('is printed by npm run data -- --report beside the build, which fails only as it would without it', () => {
    const dir = root();
    const result = spawnSync(
      'node_modules/.bin/tsx',
      ['scripts/build-data.ts', '--root', dir, '--out', join(dir, 'out.js'), '--report'],
      { encoding: 'utf8' },
    );
    expect(result.stdout).toContain('paragraphs no record cites: 2 of 4');
    expect(result.stdout).toContain('    3 BODY: "Mira Vell closed the talks early."');
    expect(result.stdout).toContain(
      `quotations that are no DIRECT_QUOTE's excerpt: 1\n    paragraph 2 [${text.indexOf('a fair')}, ${text.indexOf('”')}): "a fair start"`,
    );
    expect(result.stdout).toContain(`"Mira Vell" (mira-vell)`);
    // The quotation fails the build, as it does without --report.
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the quotation "a fair start"');
  }, 30_000);
});

describe('npm run article:new', () => {
  const seed = readFileSync(
    'test/fixtures/shipped/articles/istanbul-talks-2025/article.txt',
    'utf8',
  );

  it('creates the folder with the text as the corpus keeps it, and a publisher it already knows', () => {
    const root = scratch();
    cpSync('test/fixtures/shipped', root, { recursive: true });
    // Line endings and trailing spaces no reader sees are normalised away.
    const messy = `\r\n${seed.split('\n').join('  \r\n')}\r\n\r\n`;
    const { dir, notes } = scaffoldArticle(root, {
      slug: 'istanbul-again',
      text: messy,
      title: 'Istanbul again',
      url: 'https://www.trtworld.com/article/istanbul-again',
      published: '2025-05-15',
      outlet: 'TRT World',
    });
    expect(notes).toEqual([]);
    expect(readFileSync(join(dir, 'article.txt'), 'utf8')).toBe(
      readFileSync('test/fixtures/shipped/articles/istanbul-talks-2025/article.txt', 'utf8'),
    );
    expect(JSON.parse(readFileSync(join(dir, 'article.json'), 'utf8'))).toEqual({
      slug: 'istanbul-again',
      title: 'Istanbul again',
      publisher: 'trt-world',
      publishedOn: { year: 2025, month: 5, day: 15 },
      url: 'https://www.trtworld.com/article/istanbul-again',
      textFile: 'article.txt',
      paragraphKinds: {},
    });
    expect(readFileSync(join(dir, 'statements.json'), 'utf8')).toBe('[]\n');
    // The article loads; its build fails only on the quotations left to annotate.
    const problems = problemsOf(root);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.includes('is not the excerpt of any DIRECT_QUOTE'))).toBe(true);
  });

  it('makes a new outlet a MEDIA actor cited by its words, and the article builds', () => {
    const root = scratch();
    const file = join(root, 'text.txt');
    writeFileSync(file, 'The Amsel Herald reports that the harbour reopened.\n');
    const out = execFileSync(
      'node_modules/.bin/tsx',
      [
        'scripts/article-new.ts',
        '--root',
        root,
        '--slug',
        'harbour-reopens',
        '--text',
        file,
        '--title',
        'The harbour reopens',
        '--outlet',
        'Amsel Herald',
      ],
      { encoding: 'utf8' },
    );
    expect(out).toContain('the outlet is a new MEDIA actor "amsel-herald"');
    const { corpus } = buildCorpus([root]);
    expect(corpus.articles[0]?.publisher).toBe(0);
    expect(corpus.actors[0]).toMatchObject({ slug: 'amsel-herald', kind: 'MEDIA' });
    expect(corpus.actors[0]?.excerpts[0]).toMatchObject({ start: 4, end: 16 });
  }, 30_000);

  it('refuses an existing slug or an empty text, writing nothing', () => {
    const root = scratch();
    cpSync('test/fixtures/shipped', root, { recursive: true });
    const before = filesOf(root);
    expect(() =>
      scaffoldArticle(root, { slug: 'istanbul-talks-2025', text: seed, title: 'Again' }),
    ).toThrow(/istanbul-talks-2025: already exists/);
    expect(() => scaffoldArticle(root, { slug: 'blank', text: ' \r\n\n', title: 'Blank' })).toThrow(
      /--text: the file holds no text/,
    );
    expect(filesOf(root)).toEqual(before);
    expect(existsSync(join(root, 'articles', 'blank'))).toBe(false);
  });
});
