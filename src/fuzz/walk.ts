/**
 * One random walk of a model driven by a schedule (see schedule.ts), checking along the way
 * exactly what the explorer checks: invariants in every state (the initial one included), at a
 * state with no enabled action either the end checks (valid end) or a deadlock, and under
 * 'stuttering' semantics a state whose every move loops back is a deadlock too.
 *
 * Allocation per step is one state (kept for the trace); the walk is short, so clarity wins.
 */
import { DEADLOCK, type DeadlockMode, type Model } from '../explorer/model.ts';
import type { TraceStep, Violation, ViolationKind } from '../explorer/outcome.ts';
import { deadlockModeOf } from '../minimize/target.ts';
import type { Schedule } from './schedule.ts';

export interface WalkOptions {
  /** Steps after which the walk stops without a verdict (default 200). */
  readonly maxSteps?: number;
  readonly deadlock?: DeadlockMode;
  /** Check only these properties (default: all); others never stop the walk. */
  readonly properties?: readonly string[];
}

export type WalkResult =
  | { readonly kind: 'violation'; readonly violation: Violation }
  /** Reached a valid end state and its end checks hold. */
  | { readonly kind: 'end'; readonly steps: number }
  | { readonly kind: 'max-steps'; readonly steps: number };

/**
 * Walks the model. With several initial states the first schedule entry picks one (mod their
 * count); then each entry picks an enabled action; past the schedule, the first enabled one.
 */
export function walkSchedule(model: Model, schedule: Schedule, opts: WalkOptions = {}): WalkResult {
  const maxSteps = opts.maxSteps ?? 200;
  const only = opts.properties;
  const wanted = (p: { name: string }) => only === undefined || only.includes(p.name);
  const invariants = model.invariants.filter(wanted);
  const endChecks = (model.endChecks ?? []).filter(wanted);
  const mode = only === undefined || only.includes(DEADLOCK) ? deadlockModeOf(model, opts.deadlock) : 'off';
  const inits = model.initialStates();
  let k = 0;
  const initial = inits.length > 1 ? inits[(schedule[k++] ?? 0) % inits.length]! : inits[0]!;
  const ids = new Int32Array(Math.max(1, model.actions.length));
  const scratch = new Uint32Array(model.layout.words);
  const steps: TraceStep[] = [];
  const found = (property: string, kind: ViolationKind): WalkResult => ({
    kind: 'violation',
    violation: { property, kind, trace: { initial: initial.slice(), steps } },
  });
  let cur = initial;
  for (;;) {
    for (const inv of invariants) if (!inv.holds(cur)) return found(inv.name, 'invariant');
    const n = model.enabled(cur, ids);
    if (n === 0) {
      if (model.isValidEnd?.(cur) ?? false) {
        for (const chk of endChecks) if (!chk.holds(cur)) return found(chk.name, 'end-check');
        return { kind: 'end', steps: steps.length };
      }
      if (mode !== 'off') return found(DEADLOCK, 'deadlock');
      return { kind: 'end', steps: steps.length };
    }
    if (mode === 'stuttering' && !(model.isValidEnd?.(cur) ?? false) && allLoopBack(model, cur, ids, n, scratch)) {
      return found(DEADLOCK, 'deadlock');
    }
    if (steps.length >= maxSteps) return { kind: 'max-steps', steps: steps.length };
    const action = ids[(schedule[k++] ?? 0) % n]!;
    const next = new Uint32Array(model.layout.words);
    model.next(cur, action, next);
    steps.push({ action, state: next });
    cur = next;
  }
}

function allLoopBack(model: Model, s: Uint32Array, ids: Int32Array, n: number, out: Uint32Array): boolean {
  const acts = Array.from(ids.subarray(0, n));
  for (const a of acts) {
    model.next(s, a, out);
    for (let w = 0; w < out.length; w++) if (out[w] !== s[w]) return false;
  }
  return true;
}
