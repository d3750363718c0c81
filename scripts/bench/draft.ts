import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { draftArticle, loadForDraft } from '../draft/draft.ts';
import { evaluate, type Score } from '../draft/evaluate.ts';
import { median, spread } from './stats.ts';

// npm run bench:draft [-- --rounds 5]
// How well `npm run article:draft` drafts, and how fast: the shipped article against its own
// records (taken out before drafting; the registry and its aliases stay), and the fictional
// news-style fixtures of test/fixtures/draft and draft-wire against the answers beside them.
// Which fixtures were written before the rules, and which after, is in BENCHMARKS.md.

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);

/** Each article of a fixture root, scored against the answer beside it. */
const fixturesOf = (root: string, registry: string[]) =>
  readdirSync(join(root, 'articles'))
    .sort()
    .map((slug) => ({ roots: [...registry, root], slug, answers: join(root, 'answers', slug) }));

const cases: { roots: string[]; slug: string; answers?: string }[] = [
  { roots: ['data'], slug: 'istanbul-talks-2025' },
  // Wire-style coverage of the same talks, drafted against the shipped registry.
  ...fixturesOf('test/fixtures/draft-wire', ['data']),
  ...fixturesOf('test/fixtures/draft', []),
];

const pct = (part: number, whole: number) =>
  whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)} %`;

const scores: Score[] = [];
for (const c of cases) {
  const { score } = evaluate(c.roots, c.slug, c.answers);
  scores.push(score);
  console.log(`${c.slug}`);
  console.log(
    `  quotations found ${score.quotationsFound}/${score.quotations} (${pct(score.quotationsFound, score.quotations)}), speaker right ${score.speakersRight}/${score.quotationsFound} (${pct(score.speakersRight, score.quotationsFound)})`,
  );
  for (const w of score.wrongSpeakers) {
    console.log(`    [${w.at}] "${w.words}": ${w.drafted}, not ${w.expected} (${w.rule})`);
  }
  const confirmed = score.drafted - score.draftedElsewhere;
  console.log(
    `  actor mentions found ${score.mentionsFound}/${score.mentions} (${pct(score.mentionsFound, score.mentions)}); drafted ${score.drafted}: ${score.draftedWrong} on a place the answer gives another actor (right ${pct(confirmed - score.draftedWrong, confirmed)} of those the answer cites), ${score.draftedElsewhere} where the answer cites none`,
  );
  for (const m of score.missedMentions)
    console.log(`    missed [${m.at}] "${m.words}" (${m.entity})`);
}
const total = (k: keyof Score) => scores.reduce((n, s) => n + (s[k] as number), 0);
console.log(
  `all: quotations ${pct(total('quotationsFound'), total('quotations'))}, speakers ${pct(total('speakersRight'), total('quotationsFound'))}, mentions ${pct(total('mentionsFound'), total('mentions'))}`,
);

// Time to draft the shipped article (7 KB): in the process, the first run (compromise's
// lexicon and the patterns compiled) and the next ones; then the command, end to end.
const { loaded } = loadForDraft(['data']);
const times: number[] = [];
for (let i = 0; i < rounds; i++) {
  const began = performance.now();
  draftArticle(loaded, 'istanbul-talks-2025');
  times.push(performance.now() - began);
}
const [first = 0, ...warm] = times;
const [low, high] = spread(warm);
console.log(
  `draft istanbul-talks-2025 in process: first ${first.toFixed(0)} ms, then median ${median(warm).toFixed(0)} ms (${low.toFixed(0)}–${high.toFixed(0)}) over ${warm.length}`,
);

// The command on a copy whose article has lost its statements and positions (its citations
// stay: they hold the registry's aliases, and a registry entry no article cites is refused):
// load, draft, write, build.
const copy = mkdtempSync(join(tmpdir(), 'draft-bench-'));
try {
  cpSync('data', copy, { recursive: true });
  const folder = join(copy, 'articles', 'istanbul-talks-2025');
  writeFileSync(join(folder, 'statements.json'), '[]\n');
  writeFileSync(join(folder, 'positions.json'), '[]\n');
  const began = performance.now();
  // As package.json's article:draft runs it: tsx as a loader, one process.
  const out = execFileSync('node', ['--import', 'tsx', 'scripts/article-draft.ts', folder], {
    encoding: 'utf8',
  });
  const seconds = (performance.now() - began) / 1000;
  console.log(
    `npm run article:draft on it (node and tsx start, load, draft, write, build): ${seconds.toFixed(2)} s; ${out.trim().split('\n').at(-1)}`,
  );
} finally {
  rmSync(copy, { recursive: true, force: true });
}
