import { type Heap, heapOf, type Inspector, serveInspected } from './inspector.ts';
import { connections, type Operation, oneAtATime, probe, run } from './load.ts';
import { post } from './operations.ts';
import { residentBytes, type Served, type ServeOptions } from './workerd.ts';

// The runner of both scale benchmarks, the bundled store's (scale-bundled.ts) and D1's
// (scale-d1.ts). Every N is served at once, each on a workerd process of its own, and each
// operation is loaded on every N in interleaved rounds, so that the machine's drift falls on
// every N alike and the growth ratios compare like with like.

/** A page cursor as the API's offset connections spell it. */
export const cursor = (offset: number) => btoa(`OffsetConnection:${offset}`);

/** The search both stores are asked: its first ten by relevance, what a ranking costs. */
export const searchQuery =
  'query($q: String!) { search(query: $q, first: 10) { totalCount edges { score node { __typename } } } }';

/** The same lookup by slug on both stores. */
export const slugLookup = (slug: string | undefined) =>
  post('slug lookup', `{ actor(slug: "${slug}") { name kind roles } }`);

/** One N to serve: its Worker's name and how it is served. */
export interface Size {
  n: number;
  name: string;
  serve: ServeOptions;
}

/** One operation at one N: the body every answer must equal, and each round's figures. */
export interface Cell {
  op: Operation;
  body: string;
  /** The workerd process's CPU µs a request. */
  cpu: number[];
  /** Requests a second. */
  rate: number[];
  /** p50 latency, ms. */
  p50: number[];
  /** Too slow for a round of load: measured one request at a time instead. */
  sequential: boolean;
}

/** What one N measured. */
export interface Measured {
  n: number;
  /**
   * The isolate's heap after the requests that chose its operations (none on the bundled
   * store), and after its first search; both before any load, whose garbage would swamp them.
   */
  heap: { before: Heap; searched: Heap };
  cells: Cell[];
  /** The workerd process's resident memory after the load (local D1's page cache is in it). */
  rss: number;
}

export interface RoundsOptions {
  rounds: number;
  seconds: number;
  /** Measures an operation too slow for a round of load one request at a time (`slowMsFor`). */
  oneAtATime?: boolean;
  log?: (message: string) => void;
}

/**
 * An operation slower than this a request (alone) would finish only a few in a round of load
 * on 8 connections, whose requests queue on local D1's one SQLite, and leave requests running
 * into the next round: it is measured one request at a time instead, 3 a round.
 */
export const slowMsFor = (seconds: number) => (seconds * 1000) / (connections * 2);

/** An operation's place across N: a search by its target, whose word differs by N. */
const slotOf = (op: Operation) => op.name.split(':')[0] ?? op.name;

/**
 * Serves every N, asks `operationsOf` for the operations on the i-th, reads its heap, and
 * loads the operations slot by slot, each round on every N in turn (every other round in
 * reverse, so that no N always runs first), after 1 s of warm-up each.
 */
export async function measureSizes(
  sizes: readonly Size[],
  operationsOf: (served: Served, i: number) => Promise<Operation[]>,
  options: RoundsOptions,
): Promise<Measured[]> {
  const { rounds, seconds } = options;
  const servers: (Served & { inspector: Inspector })[] = [];
  for (const size of sizes) servers.push(await serveInspected(size.name, size.serve));
  const slowMs = slowMsFor(seconds);
  const measured: Measured[] = [];
  for (const [i, served] of servers.entries()) {
    const operations = await operationsOf(served, i);
    const before = await heapOf(served.inspector);
    const search = operations.find((op) => op.name.startsWith('search'));
    if (search) await probe(served, search);
    const searched = await heapOf(served.inspector);
    const cells: Cell[] = [];
    for (const op of operations) {
      const body = await probe(served, op);
      const sequential =
        options.oneAtATime === true && (await oneAtATime(served, op, body, 1)).ms > slowMs;
      cells.push({ op, body, cpu: [], rate: [], p50: [], sequential });
    }
    measured.push({ n: sizes[i]?.n ?? 0, heap: { before, searched }, cells, rss: 0 });
  }

  const slots = [...new Set(measured.flatMap((m) => m.cells.map((c) => slotOf(c.op))))];
  options.log?.(`warming up, then ${rounds} interleaved rounds of ${seconds} s per operation…`);
  for (const slot of slots) {
    const targets = measured.flatMap((m, i) =>
      m.cells
        .filter((cell) => slotOf(cell.op) === slot)
        .map((cell) => ({ cell, n: m.n, served: servers[i] as Served })),
    );
    type Target = (typeof targets)[number];
    for (const t of targets) {
      if (!t.cell.sequential) await run(t.served, t.cell.op, t.cell.body, 1);
    }
    const oneRound = async ({ cell, served }: Target) => {
      const one = await oneAtATime(served, cell.op, cell.body, 3);
      cell.cpu.push(one.cpuUs);
      cell.rate.push(1000 / one.ms);
      cell.p50.push(Math.round(one.ms));
    };
    for (let r = 0; r < rounds; r++) {
      for (const t of r % 2 ? [...targets].reverse() : targets) {
        if (t.cell.sequential) {
          if (t.cell.cpu.length < rounds) await oneRound(t);
          continue;
        }
        const round = await run(t.served, t.cell.op, t.cell.body, seconds);
        if (options.oneAtATime && round.requests < connections) {
          // Slower under load than alone: measured one at a time, all its rounds now, once the
          // requests this round left running are done.
          t.cell.sequential = true;
          t.cell.cpu.length = t.cell.rate.length = t.cell.p50.length = 0;
          await new Promise((done) => setTimeout(done, 5_000));
          while (t.cell.cpu.length < rounds) await oneRound(t);
          continue;
        }
        if (round.errors > 0) {
          throw new Error(
            `${t.cell.op.name} at N = ${t.n}: ${round.errors} errors or wrong bodies`,
          );
        }
        t.cell.cpu.push(round.cpuNs / round.requests / 1000);
        t.cell.rate.push(round.reqPerSec);
        t.cell.p50.push(round.p50);
      }
    }
    process.stdout.write('.');
  }
  console.log();
  for (const [i, served] of servers.entries()) {
    const m = measured[i];
    if (m) m.rss = residentBytes(served.pid);
    served.inspector.close();
    await served.mf.dispose();
  }
  return measured;
}
