/**
 * Breadth-first search: shortest counterexamples. States are numbered in discovery order,
 * which is also dequeue order, so the number of the state being expanded is a counter and
 * the queue stores nothing but packed states. Hot loop: no allocation per state (reused
 * buffers and views, typed-array stores and logs).
 *
 * Batches, for memory-level parallelism: the visited set is far larger than the caches, so
 * each lookup is a memory miss. The search therefore works on a batch of queued states in two
 * passes. The first computes every successor of the batch and its fingerprint, and touches
 * its home slot in the table without branching on what it reads, so the misses overlap. The
 * second walks the same successors in the same order as a one-state-at-a-time search would
 * (same numbering, same traces, same stop points): counts, stray-bit checks, deadlocks,
 * inserts, invariants. A model error met in the first pass is held back and thrown when the
 * second pass reaches it, and only if the search has not stopped before: exactly where and
 * whether the plain loop would have thrown it.
 */
import { Batch } from './batch.ts';
import { FingerprintTable } from './fingerprintTable.ts';
import type { Model } from './model.ts';
import type { Trace } from './outcome.ts';
import { ParentLog, ROOT } from './parentLog.ts';
import type { RunContext } from './run.ts';
import { StateQueue } from './stateQueue.ts';
import { buildTraceFromRanks } from './trace.ts';
import type { VisitedStore } from './visited.ts';
import { CanonicalStore } from './symmetry/reduction.ts';

export interface SearchResult {
  readonly states: number;
  readonly storeBytes: number;
  readonly logBytes: number;
}

/** Where the touches' values end up, so the loads are not optimised away. */
export let touchSink = 0;

export function bfs(model: Model, store: VisitedStore, ctx: RunContext): SearchResult {
  const W = model.layout.words;
  const unused = model.layout.usedBits.map((b) => ~b >>> 0);
  const log = new ParentLog();
  const queue = new StateQueue(W);
  // With --symmetry the store canonicalises; the batch already fingerprinted successors canonically.
  const table = store instanceof CanonicalStore ? store.inner : store;
  const fp = table instanceof FingerprintTable ? table : undefined;
  const inits = model.initialStates();
  const stuttering = ctx.deadlockMode === 'stuttering';
  const deadlockOn = ctx.deadlockMode !== 'off';
  const maxStates = ctx.opts.maxStates;
  const maxDepth = ctx.opts.maxDepth;
  const batch = new Batch(model, ctx.symmetry);
  const { succ: sBuf, succViews: sViews, action: sAct, fps: sFp, dup: sDup, start: bStart } = batch;
  let sink = 0;

  const traceOf = (n: number): Trace => {
    const p = log.pathTo(n);
    return buildTraceFromRanks(model, inits[p.initial]!, p.ranks);
  };
  const trace = (n: number) => () => traceOf(n);
  let index = 0;
  ctx.pathToCurrent = () => traceOf(index);

  for (let k = 0; k < inits.length && !ctx.stopped; k++) {
    const s = inits[k]!;
    if (store.add(s)) {
      const n = log.push(ROOT, k);
      queue.push(s);
      ctx.checkNewState(s, traceOf, n);
    }
  }

  let levelEnd = log.size;
  while (queue.length > 0 && !ctx.stopped) {
    // Pass 1: successors and fingerprints of up to BATCH_STATES queued states (batch.ts).
    batch.reset();
    while (batch.hasRoom() && queue.length > 0) {
      queue.shift(batch.nextSlot());
      if (!batch.expandNext()) break;
    }
    const nb = batch.nb;
    // Touch pass: one tight loop, so many misses are in flight at once (see the header).
    if (fp !== undefined) sink ^= fp.touchAll(sFp, batch.ns, sDup);
    else sDup.fill(0, 0, batch.ns);

    // Pass 2: the same successors in order, as the one-state-at-a-time search sees them.
    for (let k = 0; k < nb && !ctx.stopped; k++, index++) {
      if (index === levelEnd) {
        if (ctx.depth + 1 > maxDepth) {
          ctx.stopDepth();
          break;
        }
        ctx.depth++;
        levelEnd = log.size;
      }
      const cur = batch.states[k]!;
      const from = bStart[k]!;
      const to = bStart[k + 1]!;
      if (from === to && batch.heldAt !== k) {
        terminal(ctx, cur, trace(index), deadlockOn);
      } else {
        let allSelf = stuttering;
        for (let p = from; p < to && !ctx.stopped; p++) {
          const a = sAct[p]!;
          ctx.currentAction = a;
          ctx.transitions++;
          const base = p * W;
          for (let w = 0; w < W; w++) if ((sBuf[base + w]! & unused[w]!) !== 0) throw new StrayBitsError(a, w);
          if (allSelf) for (let w = 0; w < W; w++) if (sBuf[base + w] !== cur[w]) allSelf = false;
          const added = fp !== undefined ? sDup[p] === 0 && fp.addAndRemember(sFp[2 * p]!, sFp[2 * p + 1]!) : store.add(sViews[p]!);
          if (added) {
            const succ = sViews[p]!;
            const m = log.push(index, p - from);
            queue.push(succ);
            ctx.checkNewState(succ, traceOf, m);
            if (store.size > maxStates) ctx.stopStates();
          }
        }
        ctx.currentAction = -1;
        if (batch.heldAt === k) {
          if (ctx.stopped) break;
          // Thrown where the one-state-at-a-time search throws it: in enabled, or in next.
          ctx.currentAction = batch.heldAction;
          throw batch.held;
        }
        if (allSelf && deadlockOn && !ctx.stopped && !ctx.isValidEnd(cur)) {
          ctx.report('deadlock', 'deadlock', trace(index));
        }
      }
      ctx.tick(store.size, queue.length + nb - k);
    }
  }
  touchSink = sink;
  return { states: store.size, storeBytes: store.bytes(), logBytes: log.bytes() };
}

/** A state with no enabled action: a valid end (run end checks) or a deadlock. */
export function terminal(ctx: RunContext, state: Uint32Array, trace: () => Trace, deadlockOn: boolean): void {
  if (ctx.isValidEnd(state)) {
    ctx.checkEndState(state, trace);
  } else if (deadlockOn) {
    ctx.report('deadlock', 'deadlock', trace);
  }
}

/** A successor set bits outside every declared field (raw word writes). */
export class StrayBitsError extends Error {
  constructor(
    readonly action: number,
    readonly word: number,
  ) {
    super(`successor wrote bits outside the declared layout in word ${word}`);
    this.name = 'StrayBitsError';
  }
}
