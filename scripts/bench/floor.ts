import type { Operation } from './load.ts';

/** A precomputed answer of the floor Worker; `read`: it reads and parses the request's body. */
export interface FloorAnswer {
  body: string;
  headers: readonly (readonly [string, string])[];
  read?: boolean;
}

/**
 * The floor Worker: the cheapest answers the runtime can give, each body encoded once and its
 * Headers built once. The answer is named by the request URL's last character, a marker the
 * benchmark appends ("?f=A" or "&f=A"), so that the floor can be asked exactly what an
 * operation is asked, a few characters longer, and answer it without parsing anything; "/"
 * gets `bare`.
 */
export function floorWorker(
  answers: Record<string, FloorAnswer>,
  bare: FloorAnswer,
): { script: string; request: (op: Operation, answer: string, name: string) => Operation } {
  for (const name of Object.keys(answers)) {
    if (!/^[A-Za-z]$/.test(name)) throw new Error(`a floor answer is named by one letter: ${name}`);
  }
  const entry = (a: FloorAnswer) =>
    `{ body: encoder.encode(${JSON.stringify(a.body)}), headers: new Headers(${JSON.stringify(a.headers)}), read: ${a.read === true} }`;
  const script = `const encoder = new TextEncoder();
const answers = { ${Object.entries(answers)
    .map(([name, a]) => `${name}: ${entry(a)}`)
    .join(',\n')} };
const bare = ${entry(bare)};
answers['/'] = bare;
const respond = (a) => new Response(a.body, { headers: a.headers });
export default { fetch(request) {
  const url = request.url;
  const a = answers[url[url.length - 1]] ?? bare;
  return a.read ? request.text().then((text) => (JSON.parse(text), respond(a))) : respond(a);
} };`;
  /** The operation's own request, a marker longer, as a floor target called `name`. */
  const request = (op: Operation, answer: string, name: string): Operation => ({
    ...op,
    name,
    path: `${op.path}${op.path.includes('?') ? '&' : '?'}f=${answer}`,
  });
  return { script, request };
}
