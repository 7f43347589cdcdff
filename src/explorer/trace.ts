/**
 * Traces from action sequences. The explorer stores only (parent, action rank) per state, so
 * a counterexample is rebuilt by replaying its steps from the initial state; `replayActions`
 * also checks that every action is enabled when taken, for traces read back from files.
 */
import type { Model } from './model.ts';
import type { Trace, TraceStep } from './outcome.ts';

/** Replays trusted actions (from the explorer's own parent log or stack). */
export function buildTrace(model: Model, initial: Uint32Array, actions: readonly number[]): Trace {
  const steps: TraceStep[] = [];
  let cur = initial.slice();
  for (const a of actions) {
    const nxt = new Uint32Array(model.layout.words);
    model.next(cur, a, nxt);
    steps.push({ action: a, state: nxt });
    cur = nxt;
  }
  return { initial: initial.slice(), steps };
}

/**
 * Replays trusted steps given as ranks among each state's enabled actions (how the BFS parent
 * log stores them): step i takes the rank-th action `enabled` lists in the state before it.
 */
export function buildTraceFromRanks(model: Model, initial: Uint32Array, ranks: readonly number[]): Trace {
  const ids = new Int32Array(Math.max(1, model.actions.length));
  const actions: number[] = [];
  let cur = initial.slice();
  const nxt = new Uint32Array(model.layout.words);
  for (const r of ranks) {
    const n = model.enabled(cur, ids);
    if (r >= n) throw new Error(`internal: a logged step takes enabled action ${r + 1} of a state with ${n}`);
    const a = ids[r]!;
    actions.push(a);
    model.next(cur, a, nxt);
    cur = nxt.slice();
  }
  return buildTrace(model, initial, actions);
}

export type ReplayResult =
  | { readonly ok: true; readonly trace: Trace }
  | { readonly ok: false; readonly step: number; readonly reason: string; readonly trace: Trace };

/**
 * Replays `actions` from initial state number `initialIndex`, failing at the first action
 * that is unknown or not enabled. `step` is 0-based; the partial trace is returned either way.
 */
export function replayActions(model: Model, initialIndex: number, actions: readonly number[]): ReplayResult {
  const inits = model.initialStates();
  const initial = inits[initialIndex];
  if (initial === undefined) {
    return {
      ok: false,
      step: 0,
      reason: `initial state ${initialIndex} does not exist (the model has ${inits.length})`,
      trace: { initial: new Uint32Array(model.layout.words), steps: [] },
    };
  }
  const ids = new Int32Array(Math.max(1, model.actions.length));
  const steps: TraceStep[] = [];
  let cur = initial.slice();
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i]!;
    const n = model.enabled(cur, ids);
    let ok = false;
    for (let j = 0; j < n; j++) if (ids[j] === a) ok = true;
    if (!ok) {
      const name = model.actions[a]?.name ?? `#${a}`;
      return { ok: false, step: i, reason: `action ${name} is not enabled at step ${i + 1}`, trace: { initial: initial.slice(), steps } };
    }
    const nxt = new Uint32Array(model.layout.words);
    model.next(cur, a, nxt);
    steps.push({ action: a, state: nxt });
    cur = nxt;
  }
  return { ok: true, trace: { initial: initial.slice(), steps } };
}

/** The state a trace ends in. */
export function lastState(trace: Trace): Uint32Array {
  return trace.steps.length === 0 ? trace.initial : trace.steps[trace.steps.length - 1]!.state;
}
