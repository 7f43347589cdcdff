/**
 * `checkParallel`: exhaustive BFS with a fingerprint store on several threads. The calling
 * thread is participant 0 and runs the search from the first state; helper threads (worker.ts)
 * load the model themselves and join at the next level boundary once ready, so a search that
 * ends before they are up (a shallow counterexample) never waits for them.
 *
 * Per level (participant.ts): every thread claims runs of the level's states, expands them
 * against one shared lock-free table (sharedTable.ts), and writes new states to its own part
 * of the next level. Between levels the coordinator alone checks limits, lays out the next
 * level, invites ready helpers, and grows the table when it fills (a stop-the-world round in
 * which every thread rehashes a slice). The result is built like the sequential search's:
 * the same state and transition counts, shortest counterexamples (the levels are strict),
 * and the same soundness rule (check.ts `finish`): a limit, an interruption or an error makes
 * every undecided property incomplete, never holds.
 *
 * Only exhaustive BFS with fingerprints runs here; DFS, bounded and exact stores stay
 * single-threaded (check.ts).
 */
import { check, finish, symmetryFor, validateModel } from '../check.ts';
import { SymmetryReduction } from '../symmetry/reduction.ts';
import { fingerprintAt } from '../fingerprint.ts';
import { prefault } from '../fingerprintTable.ts';
import type { Model } from '../model.ts';
import { resolveOptions, type CheckOptions } from '../options.ts';
import type { CheckOutcome, Violation } from '../outcome.ts';
import { ParentLog } from '../parentLog.ts';
import { RunContext } from '../run.ts';
import {
  awaitHelpers,
  CLAIMED,
  CMD_EXIT,
  CMD_EXPAND,
  CMD_REHASH,
  CMD_REHASH_SPILL,
  GROW,
  INSERTED,
  JOINED,
  LEVEL,
  LEVEL_BASE,
  OUTPUT,
  READY,
  requestStop,
  SEGMENT,
  slot,
  startRound,
  STOP,
  STOP_ERROR,
  STOP_LIMIT,
  STOP_NEW_STATE,
  STOP_REASON,
  TABLE_EPOCH,
  violatedCount,
  WANT_LOGS,
} from './control.ts';
import { Numbering } from './numbering.ts';
import { SearchThreadError } from './searchThreadError.ts';
import { Participant } from './participant.ts';
import { createPool, HELPER_DELAY_MS, launch, nextMessage, postTable, spawnHelpers } from './pool.ts';
import { modelSignature, type Finding, type HelperMessage, type ThreadError, type WorkerModelSpec } from './protocol.ts';
import { SHARED_FIRST_SLOTS, SHARED_GROWTH, SHARED_MAX_LOAD, SHARED_MAX_SLOTS, SharedFingerprintTable } from './sharedTable.ts';

export type { WorkerModelSpec } from './protocol.ts';

export interface ParallelOptions extends CheckOptions {
  /** Search threads in all, this one included (>= 2; 1 is the sequential check()). */
  readonly workers: number;
  /** Told when a helper thread could not be used (the search goes on without it). */
  readonly onWarning?: (line: string) => void;
  /**
   * Tests: wait until every helper has loaded the model before level 1 (so even a tiny model
   * is searched by all threads), and start the shared table this small (so it grows).
   */
  readonly waitForHelpers?: boolean;
  readonly tableSlots?: number;
  /**
   * Tests: start the helpers only right after this many table growths (and wait until they
   * have loaded the model), so they join with a table newer than the start message's.
   */
  readonly spawnHelpersAfterGrowth?: number;
  /** Told at the end how the work was shared: helpers that joined, states each thread added. */
  readonly onReport?: (r: ParallelReport) => void;
}

export interface ParallelReport {
  readonly helpersJoined: number;
  readonly statesByThread: readonly number[];
  /** Table growths (stop-the-world rounds). */
  readonly growths: number;
}

/** The parallel search of `model`; helper threads build it themselves as `spec` says. */
export async function checkParallel(model: Model, spec: WorkerModelSpec, options: ParallelOptions): Promise<CheckOutcome> {
  // Partial-order reduction and footprint verification search on one thread only.
  if (options.por === true || options.verifyFootprints === true) {
    options.onWarning?.(`${options.por === true ? 'partial-order reduction' : 'footprint verification'} searches on one thread; the ${options.workers} workers are not used`);
    return check(model, options);
  }
  const shape = validateModel(model);
  if (shape !== undefined) return { verdict: 'error', error: shape };
  const opts = resolveOptions({ ...options, search: 'bfs', store: 'fingerprint' });
  const ctx = new RunContext(model, opts);
  if (opts.symmetry) {
    // Checked here once; every thread then fingerprints canonically (the table holds orbits).
    const sym = symmetryFor(model);
    if (!(sym instanceof SymmetryReduction)) return { verdict: 'error', error: sym };
    ctx.symmetry = sym;
  }
  const pool = createPool(spec, options.workers, Math.max(4096, ctx.properties.length));
  const { n, ctrl, stats, arenas } = pool;
  const W = model.layout.words;
  // Room above the growth load for what the threads add before all of them stop (see participant.ts).
  const perBatch = Math.max(512, model.actions.length);
  const minSlots = Math.ceil((3 * n * perBatch) / (0.95 - SHARED_MAX_LOAD));
  let slots = Math.min(SHARED_MAX_SLOTS, Math.max(options.tableSlots ?? SHARED_FIRST_SLOTS, minSlots));
  let table = SharedFingerprintTable.allocate(slots);
  let epoch = 0; // table growths so far
  const part = new Participant(model, ctrl, stats, arenas, table, { id: 0, n, maxProperties: pool.maxProperties, deadlock: ctx.deadlockMode, stopAtFirst: opts.stopAtFirst }, ctx.symmetry);
  launch(pool, { type: 'start', table, signature: modelSignature(model), deadlock: ctx.deadlockMode, stopAtFirst: opts.stopAtFirst, symmetry: opts.symmetry });

  const spawnByTime = options.spawnHelpersAfterGrowth === undefined;
  const numbering = new Numbering(n);
  const inits = model.initialStates();
  let joined = 0;
  const isJoined = (q: number) => q === 0 || Atomics.load(ctrl, slot(q, JOINED)) === 1;
  const stopOnLimit = () => {
    if (ctx.stopped && Atomics.load(ctrl, STOP) === 0) requestStop(ctrl, STOP_LIMIT);
  };
  let levelSize = 0;
  // Each thread's segment of the level being expanded (what it wrote in the level before).
  let counts: number[] = [];
  const queued = () => {
    let claimed = 0;
    for (let q = 0; q < counts.length; q++) claimed += Math.min(counts[q]!, Atomics.load(ctrl, slot(q, CLAIMED)));
    return levelSize - claimed;
  };
  const transitions = () => {
    let t = 0;
    for (let q = 0; q < n; q++) t += stats[8 * q]!;
    return t;
  };
  const poll = () => {
    if (ctx.tick(part.totalInserted(), queued())) ctx.transitions = transitions();
    if (!pool.spawned && spawnByTime && performance.now() - ctx.startMs >= HELPER_DELAY_MS) spawnHelpers(pool);
    stopOnLimit();
  };
  const pollWaiting = () => {
    if (!pool.spawned && spawnByTime && performance.now() - ctx.startMs >= HELPER_DELAY_MS) spawnHelpers(pool);
    ctx.transitions = transitions();
    ctx.checkLimits(part.totalInserted(), queued());
    stopOnLimit();
  };
  const round = (cmd: number, work: () => void) => {
    startRound(ctrl, cmd);
    work();
    awaitHelpers(ctrl, joined, pollWaiting);
  };

  try {
    options.onFirstState?.();
    // Level 0: the initial states, all written by this thread.
    part.startOutput(-1);
    const fps = new Uint32Array(2);
    for (let k = 0; k < inits.length && Atomics.load(ctrl, STOP) === 0; k++) {
      if (ctx.symmetry !== undefined) ctx.symmetry.fingerprintAt(inits[k]!, fps, 0);
      else fingerprintAt(inits[k]!, 0, W, fps, 0);
      part.addRoot(inits[k]!, k, fps);
    }
    if (options.waitForHelpers === true) {
      spawnHelpers(pool);
      waitUntilLoaded(ctrl, n);
    }
    counts = [part.outputs, ...new Array<number>(n - 1).fill(0)];
    numbering.addLevel(counts);
    let base = 0;
    levelSize = part.outputs;
    for (let level = 0; Atomics.load(ctrl, STOP) === 0 && levelSize > 0; level++) {
      if (level > 0) {
        if (level > opts.maxDepth) {
          ctx.stopDepth();
          break;
        }
        ctx.depth = level;
      }
      // Invite helpers that are ready; note those that could not load the model.
      for (let q = 1; q < n; q++) {
        if (Atomics.load(ctrl, slot(q, JOINED)) === 0 && Atomics.load(ctrl, slot(q, READY)) === 1) {
          Atomics.store(ctrl, slot(q, JOINED), 1);
          joined++;
        }
      }
      Atomics.store(ctrl, LEVEL, level);
      Atomics.store(ctrl, LEVEL_BASE, base);
      for (let q = 0; q < n; q++) {
        Atomics.store(ctrl, slot(q, SEGMENT), counts[q]!);
        Atomics.store(ctrl, slot(q, OUTPUT), 0);
        Atomics.store(ctrl, slot(q, CLAIMED), 0);
      }
      round(CMD_EXPAND, () => {
        part.beginLevel();
        part.expand(poll);
      });
      while (Atomics.load(ctrl, GROW) === 1 && Atomics.load(ctrl, STOP) === 0) {
        const bigger = Math.min(SHARED_MAX_SLOTS, Math.ceil(slots * SHARED_GROWTH));
        if (bigger === slots || !ctx.canAllocate(bigger * 8)) {
          ctx.stopMemory();
          requestStop(ctrl, STOP_LIMIT);
          break;
        }
        table = SharedFingerprintTable.allocate(bigger);
        // This thread alone maps the new table's pages, while the others wait: page faults of
        // two threads at once are several times slower here than of one (fingerprintTable.ts).
        prefault(new Int32Array(table));
        epoch++;
        postTable(pool, { type: 'table', epoch, buffer: table });
        Atomics.store(ctrl, TABLE_EPOCH, epoch);
        const old = part.table;
        round(CMD_REHASH, () => part.rehash(old, table));
        round(CMD_REHASH_SPILL, () => part.rehashSpill());
        if (options.spawnHelpersAfterGrowth === epoch) {
          spawnHelpers(pool);
          waitUntilLoaded(ctrl, n);
        }
        slots = bigger;
        Atomics.store(ctrl, GROW, 0);
        round(CMD_EXPAND, () => part.expand(poll));
      }
      if (Atomics.load(ctrl, STOP) !== 0) break;
      counts = Array.from({ length: n }, (_, q) => (isJoined(q) ? Atomics.load(ctrl, slot(q, OUTPUT)) : 0));
      numbering.addLevel(counts);
      base += levelSize;
      levelSize = counts.reduce((a, b) => a + b, 0);
      if (part.totalInserted() > opts.maxStates) {
        ctx.stopStates();
        requestStop(ctrl, STOP_LIMIT);
      }
    }
  } catch (e) {
    // Only this thread's own bookkeeping can throw here (the model's errors are caught per batch).
    if (part.error === undefined) part.failInternal(e);
  } finally {
    const wantLogs = part.error !== undefined || violatedCount(ctrl, n, ctx.properties.length) > 0 || Atomics.load(ctrl, STOP_REASON) === STOP_ERROR;
    Atomics.store(ctrl, WANT_LOGS, wantLogs ? 1 : 0);
    startRound(ctrl, CMD_EXIT);
  }

  // Gather every joined helper's findings (and logs); stop the others.
  const results: (HelperMessage & { type: 'result' })[] = [];
  for (let q = 1; q < n; q++) {
    const h = pool.helpers[q - 1];
    if (h === undefined) continue; // never spawned: the search ended first
    if (!isJoined(q)) {
      // Still loading: not needed any more. Failed to load: say why (its message is on the way).
      if (Atomics.load(ctrl, slot(q, READY)) === 2) {
        const m = await nextMessage(h, 10_000);
        options.onWarning?.(`search thread ${q} could not load the model: ${m?.type === 'load-failed' ? m.message : 'no reason given'}`);
      }
      void h.worker.terminate();
      continue;
    }
    let m = await nextMessage(h, 60_000);
    while (m !== undefined && m.type !== 'result') m = await nextMessage(h, 60_000);
    if (m === undefined) {
      if (part.error === undefined) part.failInternal(new SearchThreadError(`search thread ${q} did not report back`));
      void h.worker.terminate();
      continue;
    }
    results.push(m);
    void h.worker.terminate();
  }
  options.onReport?.({ helpersJoined: joined, statesByThread: Array.from({ length: n }, (_, q) => Atomics.load(ctrl, slot(q, INSERTED))), growths: epoch });
  return outcome(model, ctx, ctrl, n, part, results, numbering, inits);
}

/** Blocks until every helper is ready or failed to load (tests; at most a minute). */
function waitUntilLoaded(ctrl: Int32Array, n: number): void {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  const deadline = performance.now() + 60_000;
  for (let q = 1; q < n; q++) {
    while (Atomics.load(ctrl, slot(q, READY)) === 0 && performance.now() < deadline) Atomics.wait(nap, 0, 0, 5);
  }
}

/** Turns what every thread found into the CheckOutcome the sequential search would give. */
function outcome(
  model: Model,
  ctx: RunContext,
  ctrl: Int32Array,
  n: number,
  part: Participant,
  results: readonly (HelperMessage & { type: 'result' })[],
  numbering: Numbering,
  inits: readonly Uint32Array[],
): CheckOutcome {
  const logs: (ParentLog | undefined)[] = new Array(n).fill(undefined);
  logs[0] = part.log;
  for (const r of results) if (r.log !== undefined) logs[r.id] = ParentLog.fromState(r.log);
  const traceOf = (at: Finding['at']) => numbering.trace(model, inits, logs, at);

  // A model error wins: the run is an error, with the trace to where it happened.
  const errors: { e: ThreadError; cause: unknown }[] = [];
  if (part.error !== undefined) errors.push({ e: part.error, cause: part.errorCause });
  for (const r of results) {
    if (r.error !== undefined) {
      const c = r.error.cause;
      errors.push({ e: r.error, cause: c === undefined ? undefined : Object.assign(new Error(c.message), { name: c.name, ...(c.stack !== undefined ? { stack: c.stack } : {}) }) });
    }
  }
  // A fault of the search itself is not the model's: thrown, not reported as a model error.
  const internal = errors.find((x) => x.e.internal === true);
  if (internal !== undefined) throw Object.assign(new SearchThreadError(internal.e.error.message), { cause: internal.cause });
  if (errors.length > 0) {
    const { e, cause } = errors[0]!;
    let trace;
    try {
      trace = e.at !== undefined ? traceOf(e.at) : undefined;
    } catch {
      trace = undefined;
    }
    return { verdict: 'error', error: { ...e.error, ...(trace !== undefined ? { trace } : {}), ...(cause !== undefined ? { cause } : {}) } };
  }

  // Per property, the violation met in the lowest level (all of them are shortest there).
  const order = new Map(ctx.properties.map((p, i) => [p, i]));
  const all: Finding[] = [...part.findings, ...results.flatMap((r) => r.findings)];
  all.sort((a, b) => a.level - b.level || order.get(a.property)! - order.get(b.property)!);
  const chosen: Finding[] = [];
  for (const f of all) if (!chosen.some((c) => c.property === f.property)) chosen.push(f);
  // Stopping at the first violation reports one, as the sequential search does.
  const kept = ctx.opts.stopAtFirst ? chosen.slice(0, 1) : chosen;
  for (const f of kept) {
    const v: Violation = { property: f.property, kind: f.kind, trace: traceOf(f.at) };
    ctx.violations.set(f.property, v);
  }
  ctx.stopped = Atomics.load(ctrl, STOP) === 1;
  ctx.stoppedOnNewState = Atomics.load(ctrl, STOP_REASON) === STOP_NEW_STATE;
  ctx.transitions = part.transitions + results.reduce((a, r) => a + r.transitions, 0);
  if (ctx.symmetry !== undefined) {
    // The coordinator's reduction counted its own thread's share; add the helpers'.
    for (const r of results) {
      ctx.symmetry.unreduced += r.symmetry?.unreduced ?? 0;
      ctx.symmetry.canon.canonicalizations += r.symmetry?.canonicalizations ?? 0;
      ctx.symmetry.canon.images += r.symmetry?.images ?? 0;
    }
  }
  const states = part.totalInserted() - (ctx.stoppedOnNewState ? 1 : 0);
  const threads = 1 + results.length;
  const visitedBytes = part.table.t.byteLength + threads * (part.table.bytes() - part.table.t.byteLength) + part.bytes() + results.reduce((a, r) => a + r.logBytes, 0);
  return finish(ctx, 'bfs', states, visitedBytes);
}
