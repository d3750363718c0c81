import autocannon, { type Request as LoadRequest } from 'autocannon';
import { cpuNanoseconds, type Served } from './workerd.ts';

export interface Operation {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers: Record<string, string>;
}

export interface Round {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  cpuNs: number;
  errors: number;
}

export const connections = 8;
/**
 * In a path or a body, gives each request its own cache key, always a miss: every occurrence
 * becomes a request counter (in a variable the document does not use, or a search term that
 * matches nothing).
 */
export const uniqueMarker = '__N__';

/** Whether every request of the operation is a new cache key. */
export const isUnique = (op: Operation) =>
  op.path.includes(uniqueMarker) || (op.body?.includes(uniqueMarker) ?? false);

/**
 * A request as autocannon sends it, made unique when the operation asks, with every
 * response's status and body compared with the expected ones.
 */
function requestOf(op: Operation, expectBody: string, wrong: { count: number }) {
  let n = 0;
  return {
    method: op.method,
    path: op.path,
    headers: op.headers,
    body: op.body,
    ...(isUnique(op)
      ? {
          setupRequest: (req: LoadRequest): LoadRequest => {
            // Base 36 keeps it short: a search word under six letters is not matched for typos,
            // which would walk the whole term tree and cost more than the search measured.
            const count = (n++).toString(36);
            return {
              ...req,
              path: op.path.replaceAll(uniqueMarker, count),
              ...(op.body ? { body: op.body.replaceAll(uniqueMarker, count) } : {}),
            };
          },
        }
      : {}),
    onResponse: (status: number, body: string) => {
      if (status !== 200 || body !== expectBody) wrong.count++;
    },
  };
}

/** One timed run of one operation against one server, checking every response body. */
export async function run(
  target: Served,
  op: Operation,
  expectBody: string,
  seconds: number,
): Promise<Round> {
  const wrong = { count: 0 };
  const cpuBefore = cpuNanoseconds(target.pid);
  const result = await autocannon({
    url: target.url.origin,
    connections,
    duration: seconds,
    requests: [requestOf(op, expectBody, wrong)],
  });
  const cpuNs = cpuNanoseconds(target.pid) - cpuBefore;
  return {
    requests: result.requests.total,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuNs,
    errors: result.errors + result.timeouts + result.non2xx + wrong.count,
  };
}

/**
 * `count` requests one after another, every body checked: the workerd process's CPU a request
 * and the time one takes. For an operation too slow to load with many connections at once.
 */
export async function oneAtATime(
  target: Served,
  op: Operation,
  expectBody: string,
  count: number,
): Promise<{ cpuUs: number; ms: number }> {
  const cpuBefore = cpuNanoseconds(target.pid);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const res = await fetch(new URL(op.path, target.url), {
      method: op.method,
      headers: op.headers,
      body: op.body,
    });
    const body = await res.text();
    if (res.status !== 200 || body !== expectBody) throw new Error(`${op.name}: a wrong answer`);
  }
  return {
    cpuUs: (cpuNanoseconds(target.pid) - cpuBefore) / count / 1000,
    ms: (performance.now() - started) / count,
  };
}

/** One answer to an operation, its marker (if any) made "probe". */
export async function ask(
  target: Served,
  op: Operation,
): Promise<{ status: number; body: string; headers: [string, string][] }> {
  const res = await fetch(new URL(op.path.replaceAll(uniqueMarker, 'probe'), target.url), {
    method: op.method,
    headers: op.headers,
    body: op.body?.replaceAll(uniqueMarker, 'probe'),
  });
  return { status: res.status, body: await res.text(), headers: [...res.headers] };
}

/** The response body an operation gets once, to check every later body against. */
export async function probe(target: Served, op: Operation): Promise<string> {
  const { status, body } = await ask(target, op);
  if (status !== 200 || body.includes('"errors"')) {
    throw new Error(`${op.name} on ${target.name}: ${status} ${body.slice(0, 300)}`);
  }
  return body;
}
