/**
 * The helper threads of a parallel search and the buffers they share with the coordinator,
 * made before the search needs them: `startHelpers` can run as soon as the command knows how
 * the model will be built, so the helpers load the model while the coordinator loads it too,
 * and join the search from its first levels instead of a few hundred milliseconds in.
 *
 * A helper first loads the model, then waits for the start message (the shared table, the
 * coordinator's model signature, the run's options), which `launch` posts once the
 * coordinator has its model. `disposeHelpers` stops whatever is left.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { allocateArena } from './arena.ts';
import { controlWords, STARTED } from './control.ts';
import type { HelperData, HelperMessage, StartMessage, WorkerModelSpec } from './protocol.ts';

export interface Helper {
  readonly id: number;
  readonly worker: Worker;
  readonly port: MessagePort;
  /** Messages not yet consumed, and whoever waits for the next one. */
  readonly inbox: HelperMessage[];
  wake: (() => void) | undefined;
  exited: boolean;
}

export interface HelperPool {
  readonly spec: WorkerModelSpec;
  /** Threads in all, the coordinator included. */
  readonly n: number;
  /** Properties the control block has room for. */
  readonly maxProperties: number;
  readonly ctrl: Int32Array;
  /** Thread p's transition count at index 8p: one cache line per thread. */
  readonly stats: Float64Array;
  readonly arenas: readonly SharedArrayBuffer[];
  readonly helpers: readonly Helper[];
}

/** Where the helper entry is: dist/ runs worker.js; src/ (tsx, vitest) goes through bootstrap.mjs. */
function helperEntry(): { url: URL; entry?: string } {
  const here = import.meta.url;
  if (here.endsWith('.js')) return { url: new URL('./worker.js', here) };
  return { url: new URL('./bootstrap.mjs', here), entry: new URL('./worker.ts', here).href };
}

/** Starts `workers - 1` helper threads loading the model `spec` describes. */
export function startHelpers(spec: WorkerModelSpec, workers: number, maxProperties = 4096): HelperPool {
  const n = Math.max(1, Math.floor(workers));
  const ctrl = new Int32Array(new SharedArrayBuffer(controlWords(n, maxProperties) * 4));
  const statsBuffer = new SharedArrayBuffer(64 * n);
  const arenas = Array.from({ length: 2 * n }, () => allocateArena());
  const entry = helperEntry();
  const helpers: Helper[] = [];
  for (let id = 1; id < n; id++) {
    const channel = new MessageChannel();
    const data: HelperData = {
      id,
      n,
      maxProperties,
      ctrl: ctrl.buffer as SharedArrayBuffer,
      stats: statsBuffer,
      arenas,
      port: channel.port2,
      spec,
      ...(entry.entry !== undefined ? { entry: entry.entry } : {}),
    };
    const worker = new Worker(entry.url, { workerData: data, transferList: [channel.port2], stdout: false, stderr: false });
    const h: Helper = { id, worker, port: channel.port1, inbox: [], wake: undefined, exited: false };
    worker.on('message', (m: HelperMessage) => {
      h.inbox.push(m);
      h.wake?.();
    });
    worker.on('error', (e) => {
      h.inbox.push({ type: 'load-failed', id, message: e instanceof Error ? e.message : String(e) });
      h.wake?.();
    });
    worker.on('exit', () => {
      h.exited = true;
      h.wake?.();
    });
    helpers.push(h);
  }
  return { spec, n, maxProperties, ctrl, stats: new Float64Array(statsBuffer), arenas, helpers };
}

/** Hands every helper the run's start message; they check the model and say they are ready. */
export function launch(pool: HelperPool, start: StartMessage): void {
  for (const h of pool.helpers) h.port.postMessage(start);
  Atomics.store(pool.ctrl, STARTED, 1);
  Atomics.notify(pool.ctrl, STARTED);
}

/** Stops every helper thread (those still loading too). */
export function disposeHelpers(pool: HelperPool): void {
  for (const h of pool.helpers) void h.worker.terminate();
}

/** The helper's next message, or undefined after `timeoutMs` or once it has exited. */
export function nextMessage(h: Helper, timeoutMs: number): Promise<HelperMessage | undefined> {
  if (h.inbox.length > 0) return Promise.resolve(h.inbox.shift());
  if (h.exited) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      h.wake = undefined;
      resolve(undefined);
    }, timeoutMs);
    h.wake = () => {
      clearTimeout(timer);
      h.wake = undefined;
      resolve(h.inbox.shift());
    };
  });
}
