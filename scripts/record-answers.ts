import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

// Usage: tsx scripts/record-answers.ts [--url http://localhost:8787/graphql] [--out answers.json]
// Runs every example operation (with its default variables) and a page of every list against
// a running Worker and writes the answers, so that a change to the data's layout can be shown
// to answer exactly as before: record, change, record again, diff.
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:8787/graphql' },
    out: { type: 'string', default: 'answers.json' },
  },
});

const dir = 'examples/operations';
const operations: Record<string, string> = {};
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.graphql'))
  .sort()) {
  operations[file] = readFileSync(join(dir, file), 'utf8');
}
const span = 'excerpts { article { slug } paragraph start end text }';
const lists: Record<string, string> = {
  actors: `name kind roles aliases affiliation { slug } meetings { slug } positions { slug } ${span}`,
  statements: `kind text speaker { slug } mentions { slug } topics { slug } meeting { slug } draftClauses { slug } ${span}`,
  meetings: `name kind status date { iso text } participants { slug } mediators { slug } draftAgreements { slug } ${span}`,
  draftAgreements: `title status meeting { slug } clauses { slug } ${span}`,
  draftClauses: `title text status agreement { slug } proposedBy { slug } supportedBy { slug } opposedBy { slug } ${span}`,
  topics: `name statements(first: 100) { nodes { slug } }`,
  articles: `title publisher { slug } publishedOn { iso } paragraphs { index kind }`,
};
operations.search =
  '{ search(query: "ceasefire Istanbul", first: 50) { totalCount edges { score node { __typename ... on Actor { slug } ... on Statement { slug } ... on Meeting { slug } ... on DraftClause { slug } } highlights { start end text } } } }';

async function post(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(values.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  // The cost may change with the schema; the answer is `data`.
  return { status: response.status, data: body.data, errors: body.errors };
}

const answers: Record<string, unknown> = {};
for (const [name, query] of Object.entries(operations)) answers[name] = await post(query);
// Every list, a small page at a time (a page of 100 with every field costs over the limit).
for (const [list, fields] of Object.entries(lists)) {
  const nodes: unknown[] = [];
  let after: string | null = null;
  for (;;) {
    const body = (await post(
      `query ($after: String) { ${list}(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { slug ${fields} } } }`,
      { after },
    )) as {
      data?: Record<
        string,
        { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: unknown[] }
      >;
    };
    const page = body.data?.[list];
    if (!page) {
      answers[list] = body;
      break;
    }
    nodes.push(...page.nodes);
    if (!page.pageInfo.hasNextPage) {
      answers[list] = nodes;
      break;
    }
    after = page.pageInfo.endCursor;
  }
}
writeFileSync(values.out, `${JSON.stringify(answers, null, 2)}\n`);
console.log(`${Object.keys(answers).length} operations → ${values.out}`);
