/**
 * The helper threads of a parallel search and the buffers they share with the coordinator.
 * `createPool` makes the buffers; `spawnHelpers` starts the threads, which the coordinator
 * does once its search has run for a moment (HELPER_DELAY_MS): a helper costs a few hundred
 * milliseconds of CPU to start (a Node isolate, the modules, the model built again), which a
 * search that ends sooner (a shallow counterexample) should not pay on a two-core machine.
 *
 * A helper first loads the model, then waits for the start message (the shared table, the
 * coordinator's model signature, the run's options), which `launch` posts (to helpers
 * spawned later too).
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { allocateArena } from './arena.ts';
import { controlWords, STARTED } from './control.ts';
import type { HelperData, HelperMessage, StartMessage, TableMessage, WorkerModelSpec } from './protocol.ts';

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
  /** Set by launch; posted to every helper, including those spawned after it. */
  start: StartMessage | undefined;
  /** The newest grown table (postTable), posted after `start` to a helper spawned later. */
  table: TableMessage | undefined;
  /** Threads in all, the coordinator included. */
  readonly n: number;
  /** Properties the control block has room for. */
  readonly maxProperties: number;
  readonly ctrl: Int32Array;
  /** Thread p's transition count at index 8p: one cache line per thread. */
  readonly stats: Float64Array;
  readonly arenas: readonly SharedArrayBuffer[];
  /** Helpers 1..n-1, once spawned. */
  readonly helpers: Helper[];
  /** spawnHelpers has run (with one thread in all it starts none: polls must not ask again). */
  spawned: boolean;
}

/** A search that has run this long spawns its helper threads. */
export const HELPER_DELAY_MS = 100;

/** Where the helper entry is: dist/ runs worker.js; src/ (tsx, vitest) goes through bootstrap.mjs. */
function helperEntry(): { url: URL; entry?: string } {
  const here = import.meta.url;
  if (here.endsWith('.js')) return { url: new URL('./worker.js', here) };
  return { url: new URL('./bootstrap.mjs', here), entry: new URL('./worker.ts', here).href };
}

/** The shared buffers for a search on `workers` threads; no thread is started yet. */
export function createPool(spec: WorkerModelSpec, workers: number, maxProperties = 4096): HelperPool {
  const n = Math.max(1, Math.floor(workers));
  const ctrl = new Int32Array(new SharedArrayBuffer(controlWords(n, maxProperties) * 4));
  const stats = new Float64Array(new SharedArrayBuffer(64 * n));
  const arenas = Array.from({ length: 2 * n }, () => allocateArena());
  return { spec, start: undefined, table: undefined, n, maxProperties, ctrl, stats, arenas, helpers: [], spawned: false };
}

/** Starts the helper threads (once); they load the model the spec describes. */
export function spawnHelpers(pool: HelperPool): void {
  if (pool.spawned) return;
  pool.spawned = true;
  const entry = helperEntry();
  for (let id = 1; id < pool.n; id++) {
    const channel = new MessageChannel();
    const data: HelperData = {
      id,
      n: pool.n,
      maxProperties: pool.maxProperties,
      ctrl: pool.ctrl.buffer as SharedArrayBuffer,
      stats: pool.stats.buffer as SharedArrayBuffer,
      arenas: pool.arenas,
      port: channel.port2,
      spec: pool.spec,
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
    if (pool.start !== undefined) h.port.postMessage(pool.start);
    // The start message carries the first table; a helper spawned after a growth needs the newest.
    if (pool.table !== undefined) h.port.postMessage(pool.table);
    pool.helpers.push(h);
  }
}

/** A grown table: to every helper now, and to every helper spawned later (after its start message). */
export function postTable(pool: HelperPool, message: TableMessage): void {
  pool.table = message;
  for (const h of pool.helpers) h.port.postMessage(message);
}

/** Hands every helper the run's start message; they check the model and say they are ready. */
export function launch(pool: HelperPool, start: StartMessage): void {
  pool.start = start;
  for (const h of pool.helpers) h.port.postMessage(start);
  Atomics.store(pool.ctrl, STARTED, 1);
  Atomics.notify(pool.ctrl, STARTED);
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
