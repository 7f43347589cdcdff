/**
 * Bookkeeping shared by BFS and DFS: counters, the first violation of each property,
 * limits, progress and abort. The search loops stay small and talk to this object only at
 * events (a new state, a terminal state, every few thousand expansions).
 */
import { DEADLOCK, type DeadlockMode, type Model } from './model.ts';
import type { ResolvedOptions } from './options.ts';
import type { LimitHit, Trace, Violation, ViolationKind } from './outcome.ts';

const TICK_MASK = 0xfff;

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
  readonly startMs = performance.now();
  private lastProgressMs = this.startMs;
  private ticks = 0;

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
    // Hot path: no allocation unless a violation is found.
    const inv = this.model.invariants;
    let cached: Trace | undefined;
    for (let i = 0; i < inv.length; i++) {
      const p = inv[i]!;
      if (p.holds(state) || this.violations.has(p.name)) continue;
      if (this.report(p.name, 'invariant', () => (cached ??= traceOf(n)))) {
        this.stoppedOnNewState = true;
        return;
      }
    }
  }

  /** Checks a valid end state against every end check, reporting each one it breaks. */
  checkEndState(state: Uint32Array, trace: () => Trace): void {
    let cached: Trace | undefined;
    const once = () => (cached ??= trace());
    for (const p of this.model.endChecks ?? []) {
      if (!p.holds(state) && !this.violations.has(p.name) && this.report(p.name, 'end-check', once)) return;
    }
  }

  /** Called once per expansion; every 4096 it checks time, abort and progress. */
  tick(states: number, queued: number, storedBytes: number): void {
    if ((++this.ticks & TICK_MASK) !== 0) return;
    const now = performance.now();
    const o = this.opts;
    if (states >= o.maxStates) this.stop({ kind: 'states', limit: o.maxStates });
    else if (now - this.startMs > o.timeLimitMs) this.stop({ kind: 'time', limit: o.timeLimitMs });
    else if (storedBytes > o.memoryLimitMb * 1048576) this.stop({ kind: 'memory', limit: o.memoryLimitMb });
    else if (o.shouldAbort?.()) this.stop({ kind: 'aborted', limit: 0 });
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
      });
    }
  }

  /** Checks the state-count limit exactly (tick only samples it). */
  atStateLimit(states: number): boolean {
    if (states >= this.opts.maxStates) {
      this.stop({ kind: 'states', limit: this.opts.maxStates });
      return true;
    }
    return false;
  }

  stop(limit: LimitHit): void {
    if (this.limit === undefined) this.limit = limit;
    this.stopped = true;
  }
}
