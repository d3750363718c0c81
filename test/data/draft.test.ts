import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCorpus } from '../../scripts/data/build.ts';
import { annotationReport } from '../../scripts/data/report.ts';
import { draftArticle, loadForDraft } from '../../scripts/draft/draft.ts';
import { evaluate } from '../../scripts/draft/evaluate.ts';
import { NameMatcher } from '../../scripts/draft/names.ts';
import { quotationsOf } from '../../scripts/draft/quotations.ts';
import { writeDrafts } from '../../scripts/draft/write.ts';

// The editor's drafting path (npm run article:draft): quotations with their speakers, names
// of registry entities, new actors; drafts that build at once, drafting again that keeps the
// editor's work. Scored against the shipped article's own records and against the answers
// beside the fictional news-style fixtures of test/fixtures/draft.

const fixtures = 'test/fixtures/draft';
const fixtureSlugs = readdirSync(join(fixtures, 'articles')).sort();

type Raw = Record<string, unknown>;
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Raw[];
const copyFixtures = () => {
  const root = mkdtempSync(join(tmpdir(), 'newsgraph-draft-'));
  cpSync(join(fixtures, 'registry'), join(root, 'registry'), { recursive: true });
  cpSync(join(fixtures, 'articles'), join(root, 'articles'), { recursive: true });
  return root;
};
const draftInto = (root: string, slug: string) => {
  const { loaded } = loadForDraft([root]);
  return writeDrafts(join(root, 'articles', slug), root, draftArticle(loaded, slug));
};

describe('quotations', () => {
  const paragraphs = (text: string) => {
    let start = 0;
    return text.split('\n').map((line) => {
      const p = { start, end: start + line.length };
      start += line.length + 1;
      return p;
    });
  };
  const words = (text: string) =>
    quotationsOf(text, paragraphs(text)).map((q) => q.parts.map((p) => text.slice(p.start, p.end)));

  it('reads curly and straight double quotes, without the sentence’s comma or full stop', () => {
    expect(words('“We are ready,” she said. He said "not yet."')).toEqual([
      ['We are ready'],
      ['not yet'],
    ]);
  });

  it('joins a quotation left open at a paragraph’s end to the next paragraph’s opening one', () => {
    const text = '“First we talk.\n“Then we sign,” he said.\nNo quote here.';
    expect(words(text)).toEqual([['First we talk', 'Then we sign']]);
  });

  it('reads ‘…’ as a quotation, but not the apostrophes of Kiev’s, ’90s or rock ’n’ roll', () => {
    const text = 'Kiev’s envoy, a ’90s veteran, warned of ‘threats dressed up as offers’ today.';
    expect(words(text)).toEqual([['threats dressed up as offers']]);
  });
});

describe('names', () => {
  const matcher = new NameMatcher([
    { kind: 'actors', slug: 'trump', forms: ['Donald Trump', 'Trump'], actorKind: 'PERSON' },
    {
      kind: 'actors',
      slug: 'trump-administration',
      forms: ['the Trump administration'],
      actorKind: 'ORGANIZATION',
    },
    { kind: 'actors', slug: 'russia', forms: ['Russia', 'Russians'], actorKind: 'COUNTRY' },
    { kind: 'actors', slug: 'analysts', forms: ['analysts'], actorKind: 'GROUP' },
  ]);
  const found = (text: string) => matcher.matches(text).map((m) => `${m.form}=${m.entity.slug}`);

  it('takes the longest name at each place, never two that overlap', () => {
    expect(found('the Trump administration and Trump')).toEqual([
      'the Trump administration=trump-administration',
      'Trump=trump',
    ]);
  });

  it('reads a possessive as its name, and an adjective only where it is an alias', () => {
    expect(found('Russia’s army and Russian troops; the Russians')).toEqual([
      'Russia=russia',
      'Russians=russia',
    ]);
  });

  it('matches a group’s name whatever the case of its first letter, a proper name as written', () => {
    expect(found('Analysts say; russia')).toEqual(['Analysts=analysts']);
  });
});

describe('the report', () => {
  it('lists each place a known actor is named once, by the longest name there', () => {
    const { loaded } = loadForDraft(['test/fixtures/shipped']);
    const [report] = annotationReport(loaded);
    const names = report?.names ?? [];
    expect(names.length).toBeGreaterThan(0);
    for (let i = 1; i < names.length; i++) {
      expect((names[i] as { start: number }).start).toBeGreaterThanOrEqual(
        (names[i - 1] as { end: number }).end,
      );
    }
    // "the Trump administration" is that organisation's name, not a place Trump is named.
    const text = loaded.articles[0]?.text ?? '';
    const administration = text.indexOf('the Trump administration');
    expect(administration).toBeGreaterThan(0);
    expect(
      names.some(
        (n) =>
          n.actor === 'donald-trump' && n.start > administration && n.start < administration + 24,
      ),
    ).toBe(false);
  });
});

describe('drafting scored against an editor’s records', () => {
  it('drafts every quotation of the shipped article with the speaker its records give', () => {
    const { score } = evaluate(['test/fixtures/shipped'], 'istanbul-talks-2025');
    expect(score.quotations).toBeGreaterThan(0);
    expect(score.wrongSpeakers).toEqual([]);
    expect(score.quotationsFound).toBe(score.quotations);
    expect(score.speakersRight).toBe(score.quotations);
    // The names it drafts are, where the editor cited the place, the editor's entity.
    expect(score.mentionsFound / score.mentions).toBeGreaterThanOrEqual(0.95);
    expect(score.draftedWrong / (score.drafted - score.draftedElsewhere)).toBeLessThanOrEqual(0.1);
  });

  const cases = [
    ...fixtureSlugs.map((slug) => ({
      slug,
      roots: [fixtures],
      answers: join(fixtures, 'answers', slug),
    })),
    // Wire-style coverage of the shipped article's talks, against the shipped registry.
    ...readdirSync('test/fixtures/draft-wire/articles').map((slug) => ({
      slug,
      roots: ['test/fixtures/shipped', 'test/fixtures/draft-wire'],
      answers: join('test/fixtures/draft-wire/answers', slug),
    })),
  ];
  it.each(cases)(
    'reaches the issue’s bars on the news-style fixture $slug',
    ({ slug, roots, answers }) => {
      const { score } = evaluate(roots, slug, answers);
      expect(score.quotations).toBeGreaterThan(0);
      expect(score.quotationsFound / score.quotations).toBeGreaterThanOrEqual(0.98);
      expect(score.speakersRight / score.quotationsFound).toBeGreaterThanOrEqual(0.9);
      expect(score.mentionsFound / score.mentions).toBeGreaterThanOrEqual(0.95);
      expect(1 - score.draftedWrong / score.drafted).toBeGreaterThanOrEqual(0.9);
    },
  );
});

describe('npm run article:draft', () => {
  it('writes drafts that build at once: statements, citations and the actors the registry lacked', () => {
    const root = copyFixtures();
    for (const slug of fixtureSlugs) draftInto(root, slug);
    const { corpus } = buildCorpus([root]);
    const holt = corpus.actors.find((a) => a.slug === 'agnes-holt');
    expect(holt?.name).toBe('Agnes Holt');
    const quote = corpus.statements.find((s) => s.text === 'Bring us a contract');
    expect(quote?.kind).toBe('DIRECT_QUOTE');
    expect(corpus.actors[quote?.speaker ?? -1]?.slug).toBe('agnes-holt');
    // Every draft is marked with the rule that made it.
    const statements = readJson(join(root, 'articles', 'harbour-strike-2031', 'statements.json'));
    expect(statements.every((s) => typeof s.draft === 'string' && s.draft.length > 0)).toBe(true);
    const registry = readJson(join(root, 'registry', 'actors.json'));
    expect(registry.find((a) => a.slug === 'agnes-holt')?.draft).toMatch(
      /person the registry lacks/,
    );
  });

  it('drafting again keeps what the editor accepted or changed and duplicates nothing', () => {
    const root = copyFixtures();
    const slug = 'border-talks-2031';
    const folder = join(root, 'articles', slug);
    draftInto(root, slug);
    const file = join(folder, 'statements.json');
    const statements = readJson(file);
    // The editor accepts the first draft, changes the second's speaker, deletes a citation's draft.
    const [accepted, changed] = statements as [Raw, Raw];
    delete accepted.draft;
    changed.speaker = 'anton-drevel';
    writeFileSync(file, `${JSON.stringify(statements, null, 2)}\n`);
    const before = new Map(
      readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')]),
    );
    const registryBefore = readFileSync(join(root, 'registry', 'actors.json'), 'utf8');

    expect(draftInto(root, slug)).toEqual([]);
    for (const [name, content] of before)
      expect(readFileSync(join(folder, name), 'utf8')).toBe(content);
    expect(readFileSync(join(root, 'registry', 'actors.json'), 'utf8')).toBe(registryBefore);
  });

  it('lists the drafts left to review, and none once the editor has removed every mark', () => {
    const root = copyFixtures();
    const slug = 'harbour-strike-2031';
    const cli = (...args: string[]) =>
      spawnSync(
        'node_modules/.bin/tsx',
        ['scripts/article-draft.ts', join(root, 'articles', slug), ...args],
        {
          encoding: 'utf8',
        },
      );
    // The command builds the whole root after writing: the other articles are drafted first.
    for (const other of fixtureSlugs.filter((s) => s !== slug)) draftInto(root, other);
    const drafted = cli();
    expect(drafted.status, drafted.stderr).toBe(0);
    expect(drafted.stdout).toMatch(/builds: review the drafts/);
    const report = cli('--report');
    expect(report.stdout).toMatch(/harbour-strike-2031: \d+ drafts to review/);
    expect(report.stdout).toMatch(/statements holt-bring-us-a-contract: quotation; speaker by/);
    expect(report.stdout).toMatch(/name: "Agnes Holt"/);

    const { loaded } = loadForDraft([root]);
    const listed = annotationReport(loaded).find((r) => r.slug === slug)?.drafts ?? [];
    expect(listed.length).toBeGreaterThan(0);
    // Accepting is removing the mark: the report then lists nothing for the article.
    const folder = join(root, 'articles', slug);
    for (const name of readdirSync(folder).filter(
      (n) => n.endsWith('.json') && n !== 'article.json',
    )) {
      const text = readFileSync(join(folder, name), 'utf8');
      writeFileSync(
        join(folder, name),
        `${JSON.stringify(
          JSON.parse(text, (k, v) => (k === 'draft' ? undefined : v)),
          null,
          2,
        )}\n`,
      );
    }
    const registry = join(root, 'registry', 'actors.json');
    writeFileSync(
      registry,
      `${JSON.stringify(
        JSON.parse(readFileSync(registry, 'utf8'), (k, v) => (k === 'draft' ? undefined : v)),
        null,
        2,
      )}\n`,
    );
    const after = cli('--report');
    expect(after.stdout).toMatch(/harbour-strike-2031: 0 drafts to review/);
  });

  it('gives a quotation whose speaker it cannot find a stand-in, so that the draft still builds', () => {
    const root = mkdtempSync(join(tmpdir(), 'newsgraph-draft-'));
    const folder = join(root, 'articles', 'no-speaker');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'article.json'),
      JSON.stringify({ slug: 'no-speaker', title: 'Talks end', textFile: 'article.txt' }),
    );
    writeFileSync(
      join(folder, 'article.txt'),
      'The talks ended late.\n“Nothing is agreed until everything is agreed.”\n',
    );
    draftInto(root, 'no-speaker');
    const { corpus } = buildCorpus([root]);
    const [statement] = corpus.statements;
    expect(statement?.text).toBe('Nothing is agreed until everything is agreed');
    expect(corpus.actors[statement?.speaker ?? -1]?.slug).toBe('unattributed-speaker');
    expect(readJson(join(folder, 'statements.json'))[0]?.draft).toMatch(
      /no speaker found, a stand-in stands in: set the speaker/,
    );
    // Drafting again adds no second stand-in.
    expect(draftInto(root, 'no-speaker')).toEqual([]);
  });

  it('refuses a folder that is not an article, saying what it expects', () => {
    const result = spawnSync(
      'node_modules/.bin/tsx',
      ['scripts/article-draft.ts', 'no/such/folder'],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/give an article folder/);
  });
});
