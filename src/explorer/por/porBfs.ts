/**
 * Breadth-first search with partial-order reduction: each state fires only a stubborn set of
 * its enabled actions (stubborn.ts), one state at a time (the batched search of bfs.ts is
 * kept free of reduction; this loop is what --por runs).
 *
 * Cycle (ignoring) proviso for BFS: a state is fully expanded when one of its reduced
 * successors is the state itself or a state already stored that was not discovered while
 * expanding the current level (so at a level no deeper than the state's own). Why that is
 * sound: an edge the reduced graph keeps from a state at level d leads to a new state or one
 * found at level d + 1, so it raises the level by one; a cycle cannot only rise, so each cycle
 * has an edge s -> s' with level(s') <= level(s), and s' was stored before s was expanded: s
 * is fully expanded. Every cycle of the reduced graph therefore holds a fully expanded state,
 * which with the visibility condition preserves every reachable invariant violation. States
 * found during the current level are remembered by 53 bits of their 64-bit fingerprint.
 *
 * In 'stuttering' deadlock mode a state whose reduced successors all equal it is fully
 * expanded too, so "every enabled action stutters" is decided on the whole set.
 *
 * Parent log ranks are positions in the state's full enabled list, so traces replay exactly
 * as those of the unreduced search (buildTraceFromRanks).
 */
import { terminal, StrayBitsError, type SearchResult } from '../bfs.ts';
import { fingerprint, fpHi } from '../fingerprint.ts';
import type { Model } from '../model.ts';
import type { Trace } from '../outcome.ts';
import { ParentLog, ROOT } from '../parentLog.ts';
import type { RunContext } from '../run.ts';
import { StateQueue } from '../stateQueue.ts';
import { buildTraceFromRanks } from '../trace.ts';
import type { VisitedStore } from '../visited.ts';
import { KeySet } from './keySet.ts';
import type { Stubborn } from './stubborn.ts';

/** A visited store that can answer "seen?" without adding (both the exact and the fingerprint tables). */
type QueryableStore = VisitedStore & { has(state: Uint32Array): boolean };

export function porBfs(model: Model, store: QueryableStore, ctx: RunContext, por: Stubborn): SearchResult {
  const W = model.layout.words;
  const A = Math.max(1, model.actions.length);
  const layout = model.layout;
  const log = new ParentLog();
  const queue = new StateQueue(W);
  const inits = model.initialStates();
  const stuttering = ctx.deadlockMode === 'stuttering';
  const deadlockOn = ctx.deadlockMode !== 'off';
  const maxStates = ctx.opts.maxStates;
  const maxDepth = ctx.opts.maxDepth;
  const cur = new Uint32Array(W);
  const ids = new Int32Array(A);
  const ranks = new Int32Array(A);
  const succ = new Uint32Array(A * W);
  const views = Array.from({ length: A }, (_, k) => succ.subarray(k * W, (k + 1) * W));
  const done = new Uint8Array(A);
  /** Keys of the states found while expanding the current level (they are at level d + 1). */
  const nextLevel = new KeySet();

  const traceOf = (n: number): Trace => {
    const p = log.pathTo(n);
    return buildTraceFromRanks(model, inits[p.initial]!, p.ranks);
  };
  let index = 0;
  const traceHere = () => traceOf(index);
  ctx.pathToCurrent = traceHere;

  for (let k = 0; k < inits.length && !ctx.stopped; k++) {
    const s = inits[k]!;
    if (store.add(s)) {
      const n = log.push(ROOT, k);
      queue.push(s);
      ctx.checkNewState(s, traceOf, n);
    }
  }

  const fire = (a: number, slot: number): void => {
    ctx.currentAction = a;
    model.next(cur, a, views[slot]!);
    ctx.transitions++;
    ctx.currentAction = -1;
    const stray = layout.strayWord(views[slot]!);
    if (stray >= 0) throw new StrayBitsError(a, stray);
  };
  const same = (slot: number): boolean => {
    const v = views[slot]!;
    for (let w = 0; w < W; w++) if (v[w] !== cur[w]) return false;
    return true;
  };

  let levelEnd = log.size;
  for (; queue.length > 0 && !ctx.stopped; index++) {
    if (index === levelEnd) {
      if (ctx.depth + 1 > maxDepth) {
        ctx.stopDepth();
        break;
      }
      ctx.depth++;
      levelEnd = log.size;
      nextLevel.clear();
    }
    queue.shift(cur);
    const n = model.enabled(cur, ids);
    if (n === 0) {
      terminal(ctx, cur, traceHere, deadlockOn);
      ctx.tick(store.size, queue.length);
      continue;
    }
    let r = por.reduce(cur, ids, n, ranks);
    let proviso = false;
    done.fill(0, 0, n);
    if (r < n) {
      // The proviso looks at the reduced successors before any is stored.
      let allSelf = true;
      for (let k = 0; k < r; k++) {
        const j = ranks[k]!;
        fire(ids[j]!, j);
        done[j] = 1;
        if (same(j)) continue;
        allSelf = false;
        if (store.has(views[j]!)) {
          let lo = fingerprint(views[j]!, W);
          const hi = fpHi;
          if (lo === 0 && hi === 0) lo = 1;
          if (!nextLevel.has(key(lo, hi))) proviso = true;
        }
      }
      if (allSelf || proviso || r === n) {
        if (allSelf) proviso = true;
        r = n;
      }
    }
    if (r === n) for (let j = 0; j < n; j++) ranks[j] = j;
    por.count(r, n, proviso);
    let allSelf = stuttering;
    for (let k = 0; k < r && !ctx.stopped; k++) {
      const j = ranks[k]!;
      if (done[j] === 0) fire(ids[j]!, j);
      const v = views[j]!;
      if (allSelf && !same(j)) allSelf = false;
      if (store.add(v)) {
        let lo = fingerprint(v, W);
        const hi = fpHi;
        if (lo === 0 && hi === 0) lo = 1;
        nextLevel.add(key(lo, hi));
        const m = log.push(index, j);
        queue.push(v);
        ctx.checkNewState(v, traceOf, m);
        if (store.size > maxStates) ctx.stopStates();
      }
    }
    if (allSelf && deadlockOn && !ctx.stopped && !ctx.isValidEnd(cur)) ctx.report('deadlock', 'deadlock', traceHere);
    ctx.tick(store.size, queue.length);
  }
  return { states: store.size, storeBytes: store.bytes(), logBytes: log.bytes() };
}

/** 53 bits of a 64-bit fingerprint, as a Set key. */
function key(lo: number, hi: number): number {
  return (hi & 0x1fffff) * 4294967296 + (lo >>> 0);
}
