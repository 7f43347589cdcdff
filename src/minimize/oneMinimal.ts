/**
 * 1-minimality: no single step and no whole thread can be removed from the interleaving with
 * the same property still violated (the remaining actions replayed strictly: every one enabled
 * when taken, see replay.ts).
 *
 * `reduceToOneMinimal` first runs ddmin (Zeller's delta debugging: remove chunks of halving
 * size) so long fuzz traces shrink fast, then alternates whole-thread and single-step removal
 * until neither applies. A removal never increases context switches (dropping x[i] replaces
 * the pairs (i-1, i), (i, i+1) with (i-1, i+1)), so this pass preserves switch minimality.
 *
 * Cost: the states along the current trace are cached, so a candidate that differs from
 * position i on is replayed from state i only. Both passes stop at `deadline` and say whether
 * they reached the fixpoint (`complete`), so a huge trace never hangs the minimiser.
 */
import type { Model } from '../explorer/model.ts';
import { threadsOf } from './metrics.ts';
import { runCandidate } from './replay.ts';

type Violated = (state: Uint32Array) => boolean;

export interface Reduction {
  readonly actions: number[];
  /** False when the deadline stopped the pass before its fixpoint. */
  readonly complete: boolean;
}

/** The current trace with the state after each prefix, for replays that start mid-way. */
class Trail {
  states: Uint32Array[] = [];
  constructor(
    private readonly model: Model,
    private readonly initial: Uint32Array,
    public actions: number[],
  ) {
    this.rebuild();
  }

  private rebuild(): void {
    const s: Uint32Array[] = [this.initial];
    let cur = this.initial;
    for (const a of this.actions) {
      const n = new Uint32Array(cur.length);
      this.model.next(cur, a, n);
      s.push(n);
      cur = n;
    }
    this.states = s;
  }

  /**
   * Tries `candidate`, which equals the current actions up to position `from` (exclusive);
   * on success (valid and violating) adopts it, cut at its first violation.
   */
  attempt(candidate: readonly number[], from: number, violated: Violated): boolean {
    const tail = candidate.slice(from);
    const r = runCandidate(this.model, this.states[from]!, tail, violated);
    if (r.kind !== 'violates') return false;
    this.actions = candidate.slice(0, from + r.length);
    this.rebuild();
    return true;
  }
}

/** A clock deadline (`performance.now()` value), optionally with an interruption to poll. */
export type Deadline = number | { readonly at: number; readonly abort?: () => boolean };

const expired = (d: Deadline): boolean => (typeof d === 'number' ? performance.now() > d : performance.now() > d.at || d.abort?.() === true);

/** Delta debugging over the step list (complement removal). `actions` must violate. */
export function ddmin(
  model: Model,
  initial: Uint32Array,
  actions: readonly number[],
  violated: Violated,
  deadline: Deadline = Number.POSITIVE_INFINITY,
): Reduction {
  const trail = new Trail(model, initial, actions.slice());
  let n = 2;
  while (trail.actions.length >= 2) {
    if (expired(deadline)) return { actions: trail.actions, complete: false };
    const cur = trail.actions;
    const chunk = Math.ceil(cur.length / n);
    let reduced = false;
    for (let start = 0; start < cur.length; start += chunk) {
      if (trail.attempt([...cur.slice(0, start), ...cur.slice(start + chunk)], start, violated)) {
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= cur.length) break;
      n = Math.min(n * 2, cur.length);
    }
  }
  return { actions: trail.actions, complete: true };
}

/** Removes whole threads, then single steps, until neither applies. `actions` must violate. */
export function removeToFixpoint(
  model: Model,
  initial: Uint32Array,
  actions: readonly number[],
  violated: Violated,
  deadline: Deadline = Number.POSITIVE_INFINITY,
): Reduction {
  const trail = new Trail(model, initial, actions.slice());
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of threadsOf(model, trail.actions)) {
      if (expired(deadline)) return { actions: trail.actions, complete: false };
      const cur = trail.actions;
      const first = cur.findIndex((a) => model.actions[a]!.thread === t);
      if (trail.attempt(cur.filter((a) => model.actions[a]!.thread !== t), first, violated)) changed = true;
    }
    for (let i = trail.actions.length - 1; i >= 0; i--) {
      if ((i & 63) === 0 && expired(deadline)) return { actions: trail.actions, complete: false };
      const cur = trail.actions;
      if (trail.attempt([...cur.slice(0, i), ...cur.slice(i + 1)], i, violated)) {
        changed = true;
        i = Math.min(i, trail.actions.length);
      }
    }
  }
  return { actions: trail.actions, complete: true };
}

/** ddmin, then fixpoint of whole-thread and single-step removal. */
export function reduceToOneMinimal(
  model: Model,
  initial: Uint32Array,
  actions: readonly number[],
  violated: Violated,
  deadline: Deadline = Number.POSITIVE_INFINITY,
): Reduction {
  const d = ddmin(model, initial, actions, violated, deadline);
  if (!d.complete) return d;
  return removeToFixpoint(model, initial, d.actions, violated, deadline);
}

/** Why an interleaving is not 1-minimal, or undefined when it is (and does violate). */
export function oneMinimalityProblem(
  model: Model,
  initial: Uint32Array,
  actions: readonly number[],
  violated: Violated,
): string | undefined {
  const r = runCandidate(model, initial, actions, violated);
  if (r.kind === 'invalid') return `step ${r.step + 1} is not enabled when taken`;
  if (r.kind === 'holds') return 'the interleaving does not violate the property';
  if (r.length !== actions.length) return `the property is already violated after step ${r.length}`;
  for (const t of threadsOf(model, actions)) {
    const rest = actions.filter((a) => model.actions[a]!.thread !== t);
    if (runCandidate(model, initial, rest, violated).kind === 'violates') {
      return `thread ${model.threads[t]?.name ?? t} can be removed`;
    }
  }
  for (let i = 0; i < actions.length; i++) {
    const rest = [...actions.slice(0, i), ...actions.slice(i + 1)];
    if (runCandidate(model, initial, rest, violated).kind === 'violates') {
      return `step ${i + 1} (${model.actions[actions[i]!]?.name}) can be removed`;
    }
  }
  return undefined;
}
