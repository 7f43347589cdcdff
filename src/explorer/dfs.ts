/**
 * Depth-first search over an explicit stack (no recursion: depth is unbounded by the JS
 * stack). The stack holds each frame's state and its enabled actions in flat typed arrays,
 * so a counterexample is simply the stack path. With a bounded cache instead of a visited
 * set, states on the stack are pinned in a separate stack set: evicting a non-stack state
 * costs re-exploration only, while the stack check keeps the search terminating and sound.
 *
 * With partial-order reduction (`por`, full store only) a frame first fires a stubborn set of
 * its enabled actions (its actions are stored reduced set first); the stack proviso fully
 * expands it as soon as one of those leads to a state on the stack (itself included), so every
 * cycle of the reduced graph holds a fully expanded state. Stack states are known by 53 bits
 * of their fingerprint: a collision can only expand a frame more, never less.
 */
import { BoundedCache } from './boundedCache.ts';
import { terminal, StrayBitsError, type SearchResult } from './bfs.ts';
import { fingerprint, fpHi } from './fingerprint.ts';
import type { Model } from './model.ts';
import type { RunContext } from './run.ts';
import type { SymmetryReduction } from './symmetry/reduction.ts';
import { buildTrace } from './trace.ts';
import type { VisitedStore } from './visited.ts';
import type { Stubborn } from './por/stubborn.ts';
import { KeySet } from './por/keySet.ts';

/** Visited test for DFS: either a full store, or a bounded cache plus the stack set. */
interface DfsVisited {
  /** Marks the state as seen and pinned on the stack; false if it was already seen. */
  enter(state: Uint32Array): boolean;
  /** Called when the state leaves the stack. */
  leave(state: Uint32Array): void;
  readonly count: number;
  bytes(): number;
}

class StoreVisited implements DfsVisited {
  constructor(private readonly store: VisitedStore) {}
  enter(state: Uint32Array): boolean {
    return this.store.add(state);
  }
  leave(): void {}
  get count(): number {
    return this.store.size;
  }
  bytes(): number {
    return this.store.bytes();
  }
}

/** 53-bit key from a 64-bit fingerprint, for the (small) stack set. */
function stackKey(lo: number, hi: number): number {
  return (hi & 0x1fffff) * 4294967296 + lo;
}

class CachedVisited implements DfsVisited {
  readonly cache: BoundedCache;
  private readonly onStack = new Set<number>();
  count = 0;
  constructor(
    capacity: number,
    private readonly words: number,
    /** With --symmetry: states are keyed by their canonical form. */
    private readonly sym: SymmetryReduction | undefined,
  ) {
    this.cache = new BoundedCache(capacity);
  }
  private canonical(state: Uint32Array): Uint32Array {
    if (this.sym === undefined) return state;
    this.sym.canon.canonicalize(state, this.sym.scratch);
    return this.sym.scratch;
  }
  enter(state: Uint32Array): boolean {
    let lo = fingerprint(this.canonical(state), this.words);
    const hi = fpHi;
    if (lo === 0 && hi === 0) lo = 1;
    const key = stackKey(lo, hi);
    if (this.onStack.has(key) || this.cache.has(lo, hi)) return false;
    this.onStack.add(key);
    this.cache.insert(lo, hi);
    this.count++;
    return true;
  }
  leave(state: Uint32Array): void {
    let lo = fingerprint(this.canonical(state), this.words);
    const hi = fpHi;
    if (lo === 0 && hi === 0) lo = 1;
    this.onStack.delete(stackKey(lo, hi));
    this.cache.insert(lo, hi);
  }
  bytes(): number {
    return this.cache.bytes() + this.onStack.size * 16;
  }
}

export function dfs(model: Model, store: VisitedStore | undefined, ctx: RunContext, cacheCapacity: number, por?: Stubborn): SearchResult {
  const W = model.layout.words;
  const layout = model.layout;
  const A = Math.max(1, model.actions.length);
  const visited: DfsVisited = store ? new StoreVisited(store) : new CachedVisited(cacheCapacity, W, ctx.symmetry);
  const inits = model.initialStates();
  const stuttering = ctx.deadlockMode === 'stuttering';
  const deadlockOn = ctx.deadlockMode !== 'off';
  const maxDepth = ctx.opts.maxDepth;
  const maxStates = ctx.opts.maxStates;

  let cap = 256;
  let states = new Uint32Array(cap * W); // frame i's state at i*W
  let acts = new Int32Array(cap * A); // frame i's enabled actions at i*A
  let nActs = new Int32Array(cap); // how many enabled
  let nextIdx = new Int32Array(cap); // which one to fire next
  let selfOnly = new Uint8Array(cap); // stuttering: all successors so far equal the state
  let fullN = new Int32Array(cap); // POR: how many enabled (nActs: how many to fire)
  let proviso = new Uint8Array(cap); // POR: the stack proviso expanded the frame fully
  const onStack = new KeySet(); // POR: keys of the stack's states
  const ranks = new Int32Array(A);
  let top = -1;
  const succ = new Uint32Array(W);
  const frame = new Uint32Array(W); // the top frame's state, copied out of `states`
  const ids = new Int32Array(A);
  let frameOf = -1; // which stack level `frame` currently holds
  let initialOf = 0;

  const pathTraceOf = (upto: number) => {
    const actions: number[] = [];
    for (let i = 0; i < upto; i++) actions.push(acts[i * A + nextIdx[i]! - 1]!);
    return buildTrace(model, inits[initialOf]!, actions);
  };
  const pathTrace = (upto: number) => () => pathTraceOf(upto);
  // A model error at the top frame: the path to it (its own pending action is the failing one).
  ctx.pathToCurrent = () => pathTraceOf(Math.max(0, top));

  const push = (s: Uint32Array): void => {
    top++;
    if (top === cap) {
      cap *= 2;
      const s2 = new Uint32Array(cap * W);
      s2.set(states);
      states = s2;
      const a2 = new Int32Array(cap * A);
      a2.set(acts);
      acts = a2;
      const n2 = new Int32Array(cap);
      n2.set(nActs);
      nActs = n2;
      const x2 = new Int32Array(cap);
      x2.set(nextIdx);
      nextIdx = x2;
      const y2 = new Uint8Array(cap);
      y2.set(selfOnly);
      selfOnly = y2;
      const f2 = new Int32Array(cap);
      f2.set(fullN);
      fullN = f2;
      const p2 = new Uint8Array(cap);
      p2.set(proviso);
      proviso = p2;
    }
    const base = top * W;
    for (let w = 0; w < W; w++) states[base + w] = s[w]!;
    const n = model.enabled(s, ids);
    const abase = top * A;
    if (por === undefined) {
      for (let j = 0; j < n; j++) acts[abase + j] = ids[j]!;
      nActs[top] = n;
    } else {
      // The stubborn set first, then the rest (fired only if the proviso asks).
      const r = n === 0 ? 0 : por.reduce(s, ids, n, ranks);
      let k = 0;
      for (let i = 0; i < r; i++) {
        acts[abase + k++] = ids[ranks[i]!]!;
        ids[ranks[i]!] = -1;
      }
      for (let j = 0; j < n; j++) if (ids[j]! >= 0) acts[abase + k++] = ids[j]!;
      nActs[top] = r;
      fullN[top] = n;
      proviso[top] = 0;
      onStack.add(stateKey(s, W));
    }
    nextIdx[top] = 0;
    selfOnly[top] = 1;
    if (top > ctx.depth) ctx.depth = top;
    ctx.checkNewState(s, pathTraceOf, top);
    if (n === 0 && !ctx.stopped) terminal(ctx, s, pathTrace(top), deadlockOn);
  };

  for (let k = 0; k < inits.length && !ctx.stopped; k++) {
    initialOf = k;
    const s0 = inits[k]!;
    if (!visited.enter(s0)) continue;
    push(s0);
    while (top >= 0 && !ctx.stopped) {
      if (frameOf !== top) {
        const base = top * W;
        for (let w = 0; w < W; w++) frame[w] = states[base + w]!;
        frameOf = top;
      }
      if (nextIdx[top]! < nActs[top]!) {
        if (top >= maxDepth) {
          ctx.stopDepth();
          break;
        }
        const a = acts[top * A + nextIdx[top]!]!;
        nextIdx[top]!++;
        ctx.currentAction = a;
        model.next(frame, a, succ);
        ctx.transitions++;
        ctx.currentAction = -1;
        if (layout.strayWord(succ) >= 0) throw new StrayBitsError(a, layout.strayWord(succ));
        if (selfOnly[top] === 1) for (let w = 0; w < W; w++) if (succ[w] !== frame[w]) selfOnly[top] = 0;
        if (visited.enter(succ)) {
          push(succ);
          frameOf = -1;
          if (visited.count > maxStates) ctx.stopStates();
        } else if (por !== undefined && nActs[top]! < fullN[top]! && onStack.has(stateKey(succ, W))) {
          nActs[top] = fullN[top]!;
          proviso[top] = 1;
        }
      } else {
        if (stuttering && deadlockOn && nActs[top]! > 0 && selfOnly[top] === 1 && !ctx.isValidEnd(frame)) {
          nextIdx[top] = 0; // the path to this frame ends here, not after one of its actions
          if (ctx.report('deadlock', 'deadlock', pathTrace(top))) break;
        }
        visited.leave(frame);
        if (por !== undefined) {
          por.count(nActs[top]!, fullN[top]!, proviso[top] === 1);
          onStack.delete(stateKey(frame, W));
        }
        top--;
        frameOf = -1;
      }
      ctx.tick(visited.count, top + 1);
    }
  }
  const bytes = visited.bytes();
  return { states: visited.count, storeBytes: bytes, logBytes: 0 };
}

/** 53 bits of the state's 64-bit fingerprint (the POR stack set's key). */
function stateKey(state: Uint32Array, words: number): number {
  let lo = fingerprint(state, words);
  const hi = fpHi;
  if (lo === 0 && hi === 0) lo = 1;
  return stackKey(lo, hi);
}

export { BoundedCache };
