/**
 * Bookkeeping shared by BFS and DFS: counters, the first violation of each property,
 * limits, progress and abort, and where the search is (for a model error's message and
 * trace). The search loops stay small and talk to this object only at events (a new state,
 * a terminal state, every few thousand expansions).
 */
import { DEADLOCK, type DeadlockMode, type Model } from './model.ts';
import type { ResolvedOptions } from './options.ts';
import type { LimitHit, Trace, Violation, ViolationKind } from './outcome.ts';
import type { SymmetryReduction } from './symmetry/reduction.ts';

const TICK_MASK = 0xfff;
const MB = 1048576;

/** What the search was doing when a model function threw (for the error message). */
export type RunPhase =
  | { readonly kind: 'search' }
  | { readonly kind: 'invariant'; readonly name: string }
  | { readonly kind: 'end-check'; readonly name: string }
  | { readonly kind: 'valid-end' };

const SEARCH: RunPhase = { kind: 'search' };
const VALID_END: RunPhase = { kind: 'valid-end' };

/** Resident set size of this process, in bytes (what `--memory-mb` bounds). */
export function residentBytes(): number {
  return process.memoryUsage.rss();
}

export class RunContext {
  readonly deadlockMode: DeadlockMode;
  readonly violations = new Map<string, Violation>();
  readonly properties: string[];
  transitions = 0;
  depth = 0;
  limit: LimitHit | undefined;
  /** True once the search must end (first violation, limit or abort). */
  stopped = false;
  /**
   * The run stopped on an invariant broken by a state it had just stored. Like Rumur, which
   * checks invariants before a state enters its seen set, such a state is not counted.
   */
  stoppedOnNewState = false;
  /** The action being fired, for error messages. -1 outside `next`. */
  currentAction = -1;
  /** What runs now besides guards and updates (a property), for error messages. */
  phase: RunPhase = SEARCH;
  /**
   * The path to the state being expanded (set by the search): a model error reports how the
   * failing state was reached. `focus` is the state a property was being checked on.
   */
  pathToCurrent: (() => Trace) | undefined;
  /** With --symmetry: the canonicaliser the stores and batches use (symmetry/reduction.ts). */
  symmetry: SymmetryReduction | undefined;
  readonly startMs = performance.now();
  private lastProgressMs = this.startMs;
  private ticks = 0;
  private readonly memoryLimitBytes: number;

  constructor(
    readonly model: Model,
    readonly opts: ResolvedOptions,
  ) {
    this.deadlockMode = opts.deadlock ?? model.deadlock ?? 'stuttering';
    this.properties = [
      ...model.invariants.map((i) => i.name),
      ...(this.deadlockMode === 'off' ? [] : [DEADLOCK]),
      ...(model.endChecks ?? []).map((i) => i.name),
    ];
    this.memoryLimitBytes = opts.memoryLimitMb * MB;
  }

  /** Records a violation unless this property already has one; returns true to stop. */
  report(property: string, kind: ViolationKind, trace: () => Trace): boolean {
    if (!this.violations.has(property)) this.violations.set(property, { property, kind, trace: trace() });
    if (this.opts.stopAtFirst || this.violations.size === this.properties.length) this.stopped = true;
    return this.stopped;
  }

  /**
   * Checks a newly stored state against every invariant and reports each one it breaks that
   * has no trace yet: a state breaking two properties is the shortest witness of both.
   * Like Rumur, a state that stops the run this way is not counted (see `stoppedOnNewState`).
   */
  checkNewState(state: Uint32Array, traceOf: (n: number) => Trace, n: number): void {
    // Hot path: no allocation unless a violation is found (or an invariant throws).
    const inv = this.model.invariants;
    let cached: Trace | undefined;
    for (let i = 0; i < inv.length; i++) {
      const p = inv[i]!;
      let ok: boolean;
      try {
        ok = p.holds(state);
      } catch (e) {
        this.phase = { kind: 'invariant', name: p.name };
        this.pathToCurrent = () => traceOf(n);
        throw e;
      }
      if (ok || this.violations.has(p.name)) continue;
      if (this.report(p.name, 'invariant', () => (cached ??= traceOf(n)))) {
        this.stoppedOnNewState = true;
        return;
      }
    }
  }

  /** Whether a terminal state is a valid end (isValidEnd), naming the phase if it throws. */
  isValidEnd(state: Uint32Array): boolean {
    const f = this.model.isValidEnd;
    if (f === undefined) return false;
    this.phase = VALID_END;
    const r = f.call(this.model, state);
    this.phase = SEARCH;
    return r;
  }

  /** Checks a valid end state against every end check, reporting each one it breaks. */
  checkEndState(state: Uint32Array, trace: () => Trace): void {
    let cached: Trace | undefined;
    const once = () => (cached ??= trace());
    for (const p of this.model.endChecks ?? []) {
      this.phase = { kind: 'end-check', name: p.name };
      const ok = p.holds(state);
      this.phase = SEARCH;
      if (!ok && !this.violations.has(p.name) && this.report(p.name, 'end-check', once)) return;
    }
  }

  /**
   * Called once per expansion; every 4096 it checks the limits (states, time, resident
   * memory), the abort request and progress. Returns true on those calls.
   */
  tick(states: number, queued: number): boolean {
    if ((++this.ticks & TICK_MASK) !== 0) return false;
    this.checkLimits(states, queued);
    return true;
  }

  /** What `tick` does on its every-4096th call: limits, abort request, progress. */
  checkLimits(states: number, queued: number): void {
    const now = performance.now();
    const o = this.opts;
    if (states >= o.maxStates) this.stopStates();
    else if (now - this.startMs > o.timeLimitMs) this.stop({ kind: 'time', limit: o.timeLimitMs / 1000, unit: 's' });
    else if (this.memoryLimitBytes !== Infinity && residentBytes() > this.memoryLimitBytes) this.stopMemory();
    else if (o.shouldAbort?.()) this.stop({ kind: 'aborted', limit: 0, unit: '' });
    if (o.onProgress && now - this.lastProgressMs >= o.progressIntervalMs) {
      this.lastProgressMs = now;
      const elapsedMs = now - this.startMs;
      o.onProgress({
        states,
        transitions: this.transitions,
        depth: this.depth,
        queued,
        elapsedMs,
        statesPerSec: elapsedMs > 0 ? (states * 1000) / elapsedMs : 0,
        residentMb: residentBytes() / MB,
        ...(Number.isFinite(o.maxStates) ? { maxStates: o.maxStates } : {}),
      });
    }
  }

  /**
   * Whether a store may grow by `bytes` under the memory limit: the limit bounds the resident
   * size of the whole process, so a table that would double past it is never allocated.
   */
  canAllocate(bytes: number): boolean {
    return this.memoryLimitBytes === Infinity || residentBytes() + bytes <= this.memoryLimitBytes;
  }

  stopStates(): void {
    this.stop({ kind: 'states', limit: this.opts.maxStates, unit: 'states' });
  }

  stopDepth(): void {
    this.stop({ kind: 'depth', limit: this.opts.maxDepth, unit: 'steps' });
  }

  stopMemory(): void {
    this.stop({ kind: 'memory', limit: this.opts.memoryLimitMb, unit: 'MB' });
  }

  stop(limit: LimitHit): void {
    if (this.limit === undefined) this.limit = limit;
    this.stopped = true;
  }
}
