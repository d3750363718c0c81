import WebSocket from 'ws';
import { type Served, type ServeOptions, serve } from './workerd.ts';

/** A connection to a workerd isolate's V8 inspector (Miniflare's `inspectorPort`). */
export interface Inspector {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  close(): void;
}

/** A free-looking port for an inspector: one per Miniflare, as each runs its own workerd. */
const inspectorPortFor = () => 9229 + Math.floor(Math.random() * 2000);

/** Connects to the first isolate the inspector on `port` lists. */
export async function inspect(port: number): Promise<Inspector> {
  const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const ws = new WebSocket(list[0]?.webSocketDebuggerUrl ?? '');
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  ws.on('message', (message) => {
    const msg = JSON.parse(String(message)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve) => {
        pending.set(++id, resolve);
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.close(),
  };
}

/**
 * The bytes of the isolate's V8 heap in use: what is live, and the garbage not collected yet.
 * workerd's inspector never answers HeapProfiler.collectGarbage, so on its own this is an
 * upper bound.
 */
export async function heapInUse(inspector: Inspector): Promise<number> {
  const usage = (await inspector.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usage.usedSize;
}

/**
 * The bytes of the isolate's live heap: its heap in use right after a full collection. V8
 * collects before it takes a heap snapshot, and workerd answers that; the snapshot's chunks
 * are dropped as they arrive. The profiler is switched off after it: while it keeps the
 * snapshot's object ids, every collection updates them, and every request measured after
 * would pay for that.
 */
export async function liveHeap(inspector: Inspector): Promise<number> {
  await inspector.send('HeapProfiler.enable');
  await inspector.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  const live = await heapInUse(inspector);
  await inspector.send('HeapProfiler.disable');
  return live;
}

/** The isolate's heap in use (an upper bound) and live (right after a full collection). */
export interface Heap {
  inUse: number;
  live: number;
}

/** Both heap figures; in use first, as the collection that the live one takes clears garbage. */
export const heapOf = async (inspector: Inspector): Promise<Heap> => ({
  inUse: await heapInUse(inspector),
  live: await liveHeap(inspector),
});

/** A Worker served as `serve` serves it, with its isolate's inspector connected. */
export async function serveInspected(
  name: string,
  options: ServeOptions,
): Promise<Served & { inspector: Inspector }> {
  const inspectorPort = inspectorPortFor();
  const served = await serve(name, { ...options, inspectorPort });
  return { ...served, inspector: await inspect(inspectorPort) };
}
