/**
 * `minimizeViolation`: from any counterexample (explorer, fuzz, a replayed file) to an
 * interleaving that is minimal first in context switches, then in threads, then in steps,
 * and 1-minimal.
 *
 * Pipeline:
 *  1. The input is replayed strictly and cut at its first violation of the property.
 *  2. `searchFewestSwitches` over the threads of the input finds the fewest switches (and,
 *     among those, fewest steps). The input bounds the search: it is itself a solution.
 *  3. Fewest threads at that switch count (threadSubsets.ts): subsets of the best trace's
 *     threads by increasing size (exact up to 6 threads), greedy dropping beyond.
 *  4. A whole-thread / single-step removal pass guarantees 1-minimality (a no-op after an
 *     exhaustive search, a real reduction after a fallback).
 * If the search hits its bounds, the result falls back to ddmin + removal on the input and
 * says so (`switchesOptimal: false`): minimising never fails just because the model is large.
 */
import type { DeadlockMode, Model } from '../explorer/model.ts';
import type { Violation } from '../explorer/outcome.ts';
import { buildTrace } from '../explorer/trace.ts';
import { compareMetrics, metricsOf, threadsOf, type TraceMetrics } from './metrics.ts';
import { reduceToOneMinimal, removeToFixpoint } from './oneMinimal.ts';
import { runCandidate } from './replay.ts';
import { searchFewestSwitches } from './switchSearch.ts';
import { fewestThreads } from './threadSubsets.ts';
import { targetOf, violationPredicate } from './target.ts';

export interface MinimizeOptions {
  /** Nodes (state x last thread) one search may store. Default 4,000,000. */
  readonly maxNodes?: number;
  /** Wall-clock budget for the whole minimisation. Default 60 s. */
  readonly timeLimitMs?: number;
  /** Deadlock semantics override, as given to check(). */
  readonly deadlock?: DeadlockMode;
}

export type MinimizeResult =
  | {
      readonly ok: true;
      readonly violation: Violation;
      readonly before: TraceMetrics;
      readonly after: TraceMetrics;
      /** True when the switch count is proven minimal (the search finished within bounds). */
      readonly switchesOptimal: boolean;
      /**
       * True when the thread count is minimal at the minimal switch count (exact subset search
       * up to 6 threads; beyond, no single thread can be dropped); false when a bound cut it.
       */
      readonly threadsMinimal: boolean;
      /** Search nodes stored, summed over all searches. */
      readonly nodes: number;
      /** Set when a bound was hit; says which and what the result still guarantees. */
      readonly note?: string;
    }
  | { readonly ok: false; readonly error: string };

export function minimizeViolation(model: Model, violation: Violation, options: MinimizeOptions = {}): MinimizeResult {
  const maxNodes = options.maxNodes ?? 4_000_000;
  const deadline = performance.now() + (options.timeLimitMs ?? 60_000);
  const pred = violationPredicate(model, targetOf(violation), options.deadlock);
  if (!pred.ok) return pred;
  const violated = pred.violated;

  const initial = violation.trace.initial;
  const given = violation.trace.steps.map((s) => s.action);
  const replay = runCandidate(model, initial, given, violated);
  if (replay.kind === 'invalid') {
    const name = model.actions[given[replay.step]!]?.name ?? `#${given[replay.step]}`;
    return { ok: false, error: `the ${violation.property} counterexample does not replay: step ${replay.step + 1} (${name}) is not enabled` };
  }
  if (replay.kind === 'holds') {
    return { ok: false, error: `the ${violation.property} counterexample does not violate ${violation.property} when replayed` };
  }
  const input = given.slice(0, replay.length);
  const before = metricsOf(model, input);

  let best = { initial, actions: input };
  let nodes = 0;
  let switchesOptimal = false;
  let threadsMinimal = false;
  let note: string | undefined;

  const first = searchFewestSwitches(model, violated, {
    allowed: threadsOf(model, input),
    maxSwitches: before.switches,
    known: { switches: before.switches, steps: before.steps },
    maxNodes,
    deadline,
  });
  nodes += first.nodes;
  if (first.kind === 'found') {
    best = { initial: first.initial, actions: first.actions };
    switchesOptimal = true;
    const k = first.switches;
    const fewer = fewestThreads(model, violated, best, k, { maxNodes, deadline });
    nodes += fewer.nodes;
    best = { initial: fewer.best.initial, actions: [...fewer.best.actions] };
    threadsMinimal = fewer.quality !== 'bounded';
    if (fewer.limit !== undefined) note = `thread minimisation stopped at the ${fewer.limit} bound; switches are minimal`;
    best = { initial: best.initial, actions: removeToFixpoint(model, best.initial, best.actions, violated) };
  } else {
    note =
      first.kind === 'limit'
        ? `switch search stopped at the ${first.reason} bound (${first.nodes} nodes); result is 1-minimal but fewer switches may exist`
        : 'switch search found no trace from the model initial states; result is 1-minimal only';
    best = { initial, actions: reduceToOneMinimal(model, initial, input, violated) };
  }

  // Never hand back something worse than the input (possible only after a fallback).
  let after = metricsOf(model, best.actions);
  if (compareMetrics(after, before) > 0) {
    best = { initial, actions: removeToFixpoint(model, initial, input, violated) };
    after = metricsOf(model, best.actions);
  }
  const out: Violation = {
    property: violation.property,
    kind: violation.kind,
    trace: buildTrace(model, best.initial, best.actions),
  };
  return {
    ok: true,
    violation: out,
    before,
    after,
    switchesOptimal,
    threadsMinimal,
    nodes,
    ...(note !== undefined ? { note } : {}),
  };
}
