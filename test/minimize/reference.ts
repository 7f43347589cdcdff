/**
 * A deliberately naive reference for the minimiser tests: enumerate every action sequence up
 * to `depth` steps and return the best violating one by (switches, threads, steps).
 */
import type { Model } from '../../src/explorer/model.ts';
import { metricsOf, compareMetrics, type TraceMetrics } from '../../src/minimize/metrics.ts';

export function bruteForceBest(
  model: Model,
  violated: (s: Uint32Array) => boolean,
  depth: number,
): TraceMetrics | undefined {
  let best: TraceMetrics | undefined;
  const ids = new Int32Array(model.actions.length);
  const walk = (state: Uint32Array, actions: number[]) => {
    if (violated(state)) {
      const m = metricsOf(model, actions);
      if (best === undefined || compareMetrics(m, best) < 0) best = m;
      return;
    }
    if (actions.length === depth) return;
    const n = model.enabled(state, ids);
    const enabled = Array.from(ids.subarray(0, n));
    for (const a of enabled) {
      const next = new Uint32Array(state.length);
      model.next(state, a, next);
      actions.push(a);
      walk(next, actions);
      actions.pop();
    }
  };
  for (const init of model.initialStates()) walk(init, []);
  return best;
}

/** A random valid walk: schedule[i] picks among the enabled actions; stops at a violation. */
export function randomWalk(
  model: Model,
  violated: (s: Uint32Array) => boolean,
  schedule: readonly number[],
  maxSteps = 400,
): { initial: Uint32Array; actions: number[] } | undefined {
  const ids = new Int32Array(model.actions.length);
  const initial = model.initialStates()[0]!;
  let cur = initial.slice();
  const actions: number[] = [];
  for (let i = 0; i <= maxSteps; i++) {
    if (violated(cur)) return { initial, actions };
    const n = model.enabled(cur, ids);
    if (n === 0) return undefined;
    const a = ids[(schedule[i] ?? 0) % n]!;
    const next = new Uint32Array(cur.length);
    model.next(cur, a, next);
    actions.push(a);
    cur = next;
  }
  return undefined;
}
