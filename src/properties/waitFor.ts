/**
 * Wait-for analysis: at one state, which blocked thread waits on which, and is there a cycle.
 *
 * Owns the explanation of deadlocks and of waits-under-handle (D1), generically over any Model
 * that implements `waitsFor`. A deadlock verdict alone says "stuck"; a person needs the cycle
 * (spec C.1: Z waits W on PG_writeback, W waits C on T_LOCKED, C waits Z on t_updates) and, for
 * kernel models, which of its edges lockdep could see (C.1 lockdep note: PG_writeback is not
 * tracked, so lockdep would stay silent). Results are plain data; rendering lives in
 * src/report/waitForText.ts.
 */
import type { Model, WaitInfo } from '../explorer/model.ts';

/** One edge of the wait-for graph: `from` is blocked and `to` can end the wait. */
export interface WaitEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: string;
  readonly what: string;
  readonly lockdep?: 'tracked' | 'invisible';
  readonly annotation?: string;
}

/** Why a chain of waits stops without closing a cycle. */
export type ChainEnd =
  /** The last thread has no enabled action and no wait: it finished (or never started). */
  | 'finished'
  /** The last thread can still move: the wait may end. */
  | 'runnable'
  /** The last waiter names no thread that could end its wait. */
  | 'nobody';

/** The wait-for picture at one state. Types first: every consumer switches on `kind`. */
export type WaitForAnalysis =
  /** The model cannot say what its threads wait for. */
  | { readonly kind: 'unsupported' }
  /** No thread is blocked. */
  | { readonly kind: 'none' }
  /** A cycle: `edges[i].to === edges[i+1].from`, and the last edge returns to the first thread. */
  | { readonly kind: 'cycle'; readonly edges: readonly WaitEdge[]; readonly blocked: readonly WaitEdge[] }
  /** No cycle through the focus: the chain of first waits from it, and why it stops. */
  | {
      readonly kind: 'chain';
      readonly edges: readonly WaitEdge[];
      readonly last: number;
      readonly end: ChainEnd;
      readonly blocked: readonly WaitEdge[];
    };

/** A model's waitsFor broke its contract (e.g. thread names where indices are meant). */
export class WaitsForError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WaitsForError';
  }
}

/** Checks one answer of `waitsFor(state, thread)` against the contract; throws WaitsForError. */
function checkedWait(model: Model, thread: number, w: unknown): WaitInfo | undefined {
  if (w === undefined) return undefined;
  const n = model.threads.length;
  const bad = (what: string) => new WaitsForError(`waitsFor(state, ${thread}) ${what}`);
  if (w === null || typeof w !== 'object') throw bad(`returned ${w === null ? 'null' : typeof w}; expected { kind, what, on } or undefined`);
  const info = w as Partial<WaitInfo>;
  if (typeof info.kind !== 'string' || typeof info.what !== 'string') throw bad('must return strings kind and what');
  if (!Array.isArray(info.on)) throw bad(`returned on: ${JSON.stringify(info.on)}; expected an array of thread indices 0..${n - 1}`);
  const wrong = info.on.find((x) => !Number.isInteger(x) || x < 0 || x >= n);
  if (wrong !== undefined) {
    const hint = typeof wrong === 'string' && model.threads.some((t) => t.name === wrong) ? ` (thread ${JSON.stringify(wrong)} is index ${model.threads.findIndex((t) => t.name === wrong)})` : '';
    throw bad(`returned on: ${JSON.stringify(info.on)}; ${JSON.stringify(wrong)} is not a thread index 0..${n - 1}${hint}`);
  }
  if (info.lockdep !== undefined && info.lockdep !== 'tracked' && info.lockdep !== 'invisible') throw bad(`returned lockdep: ${JSON.stringify(info.lockdep)}; expected 'tracked' or 'invisible'`);
  return info as WaitInfo;
}

/**
 * What each thread waits for at `state` (undefined entries: not blocked). Throws WaitsForError
 * when the model's answer breaks the contract, rather than printing a cycle through "#T0".
 */
export function threadWaits(model: Model, state: Uint32Array): (WaitInfo | undefined)[] {
  const out: (WaitInfo | undefined)[] = [];
  for (let t = 0; t < model.threads.length; t++) out.push(checkedWait(model, t, model.waitsFor?.(state, t)));
  return out;
}

/** All edges of the wait-for graph, in thread order then `on` order (deterministic). */
export function waitEdges(model: Model, state: Uint32Array): WaitEdge[] {
  const edges: WaitEdge[] = [];
  const waits = threadWaits(model, state);
  waits.forEach((w, from) => {
    if (w === undefined) return;
    for (const to of w.on) {
      edges.push({
        from,
        to,
        kind: w.kind,
        what: w.what,
        ...(w.lockdep !== undefined ? { lockdep: w.lockdep } : {}),
        ...(w.annotation !== undefined ? { annotation: w.annotation } : {}),
      });
    }
  });
  return edges;
}

/** Threads that have at least one enabled action at `state`. */
export function runnableThreads(model: Model, state: Uint32Array): Set<number> {
  const buf = new Int32Array(Math.max(1, model.actions.length));
  const n = model.enabled(state, buf);
  const set = new Set<number>();
  for (let i = 0; i < n; i++) set.add(model.actions[buf[i]!]!.thread);
  return set;
}

/**
 * Shortest cycle through `start` (BFS over out-edges, lowest thread index first), or undefined.
 * Shortest, because a reader checks a cycle edge by edge; the C.1 cycle has three.
 */
export function cycleThrough(edges: readonly WaitEdge[], start: number): WaitEdge[] | undefined {
  const out = new Map<number, WaitEdge[]>();
  for (const e of edges) {
    const list = out.get(e.from) ?? [];
    list.push(e);
    out.set(e.from, list);
  }
  const via = new Map<number, WaitEdge>();
  const queue: number[] = [start];
  for (let qi = 0; qi < queue.length; qi++) {
    const t = queue[qi]!;
    for (const e of out.get(t) ?? []) {
      if (e.to === start) {
        const path: WaitEdge[] = [e];
        let cur = t;
        while (cur !== start) {
          const back = via.get(cur)!;
          path.unshift(back);
          cur = back.from;
        }
        return path;
      }
      if (!via.has(e.to) && e.to !== start) {
        via.set(e.to, e);
        queue.push(e.to);
      }
    }
  }
  return undefined;
}

/** Options of `analyzeWaits`. */
export interface AnalyzeOptions {
  /**
   * The thread the explanation is about (e.g. the zeroer at a D1 violation). Default: the
   * first blocked thread that lies on a cycle, else the first blocked thread.
   */
  readonly focus?: number;
}

/**
 * The wait-for picture at `state`: a cycle through the focus thread if there is one (else any
 * cycle, lowest thread first, when no focus was asked for), otherwise the chain of first waits
 * from the focus and why it ends.
 */
export function analyzeWaits(model: Model, state: Uint32Array, opts: AnalyzeOptions = {}): WaitForAnalysis {
  if (model.waitsFor === undefined) return { kind: 'unsupported' };
  const edges = waitEdges(model, state);
  if (edges.length === 0 && threadWaits(model, state).every((w) => w === undefined)) return { kind: 'none' };
  const blockedThreads = threadWaits(model, state)
    .map((w, t) => (w === undefined ? -1 : t))
    .filter((t) => t >= 0);
  if (opts.focus !== undefined) {
    const c = cycleThrough(edges, opts.focus);
    if (c) return { kind: 'cycle', edges: c, blocked: edges };
  } else {
    for (const t of blockedThreads) {
      const c = cycleThrough(edges, t);
      if (c) return { kind: 'cycle', edges: c, blocked: edges };
    }
  }
  const start = opts.focus ?? blockedThreads[0]!;
  const chain: WaitEdge[] = [];
  const seen = new Set<number>([start]);
  let cur = start;
  for (;;) {
    const e = edges.find((x) => x.from === cur && !seen.has(x.to));
    if (e === undefined) break;
    chain.push(e);
    seen.add(e.to);
    cur = e.to;
  }
  const waitsHere = model.waitsFor(state, cur);
  let end: ChainEnd;
  if (waitsHere !== undefined) end = 'nobody';
  else end = runnableThreads(model, state).has(cur) ? 'runnable' : 'finished';
  return { kind: 'chain', edges: chain, last: cur, end, blocked: edges };
}

/** The blocked thread a D1-style explanation is about: the first waiting on writeback, if any. */
export function focusThread(model: Model, state: Uint32Array, prefer: RegExp = /writeback/i): number | undefined {
  const waits = threadWaits(model, state);
  const hit = waits.findIndex((w) => w !== undefined && (prefer.test(w.kind) || prefer.test(w.what)));
  if (hit >= 0) return hit;
  const any = waits.findIndex((w) => w !== undefined);
  return any >= 0 ? any : undefined;
}

/** How the cycle that would close from a state was found (see `closingCycle`). */
export type ClosingCycle =
  /** The cycle is already closed at the state. */
  | { readonly kind: 'closed'; readonly analysis: WaitForAnalysis & { kind: 'cycle' } }
  /** `extension` more actions (shortest, BFS) reach a state whose wait-for graph has the cycle. */
  | {
      readonly kind: 'reachable';
      readonly extension: readonly number[];
      readonly state: Uint32Array;
      readonly analysis: WaitForAnalysis & { kind: 'cycle' };
    }
  /** Every continuation was explored (within the bound) and no cycle through the focus forms. */
  | { readonly kind: 'never'; readonly explored: number }
  /** The bound was hit first. */
  | { readonly kind: 'unknown'; readonly explored: number };

/**
 * From `state`, the shortest continuation to a state where the focus thread is on a wait-for
 * cycle. At a D1 violation the zeroer already waits on PG_writeback but the cycle usually needs
 * one or two more steps (the commit locks the transaction, the worker asks for a handle); this
 * shows which, or proves that none closes (e.g. with reserved conversion handles, spec C.2).
 * A tiny exact BFS: the models here are small and this runs once per reported violation.
 */
export function closingCycle(
  model: Model,
  state: Uint32Array,
  focus: number,
  maxStates = 200_000,
): ClosingCycle {
  const here = analyzeWaits(model, state, { focus });
  if (here.kind === 'cycle') return { kind: 'closed', analysis: here };
  const key = (s: Uint32Array) => Array.prototype.join.call(s, ',');
  const parent = new Map<string, { prev: string | null; action: number; state: Uint32Array }>();
  parent.set(key(state), { prev: null, action: -1, state });
  const queue: Uint32Array[] = [state];
  const buf = new Int32Array(Math.max(1, model.actions.length));
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    const n = model.enabled(s, buf);
    const ids = Array.from(buf.subarray(0, n));
    for (const a of ids) {
      const nx = new Uint32Array(s.length);
      model.next(s, a, nx);
      const k = key(nx);
      if (parent.has(k)) continue;
      parent.set(k, { prev: key(s), action: a, state: nx });
      const an = analyzeWaits(model, nx, { focus });
      if (an.kind === 'cycle') {
        const extension: number[] = [];
        let cur: string | null = k;
        while (cur !== null) {
          const p: { prev: string | null; action: number } = parent.get(cur)!;
          if (p.action < 0) break;
          extension.unshift(p.action);
          cur = p.prev;
        }
        return { kind: 'reachable', extension, state: nx, analysis: an };
      }
      if (parent.size >= maxStates) return { kind: 'unknown', explored: parent.size };
      queue.push(nx);
    }
  }
  return { kind: 'never', explored: parent.size };
}

/** One-line summary of a cycle or chain, e.g. `Z -> W -> C -> Z`. */
export function cycleLine(model: Model, analysis: WaitForAnalysis): string {
  const name = (t: number) => model.threads[t]?.name ?? `#${t}`;
  if (analysis.kind === 'cycle') {
    return [...analysis.edges.map((e) => name(e.from)), name(analysis.edges[0]!.from)].join(' -> ');
  }
  if (analysis.kind === 'chain') {
    const names = analysis.edges.length === 0 ? [name(analysis.last)] : [name(analysis.edges[0]!.from), ...analysis.edges.map((e) => name(e.to))];
    return `${names.join(' -> ')} (${analysis.end})`;
  }
  return analysis.kind === 'none' ? 'no thread blocked' : 'model gives no wait information';
}
