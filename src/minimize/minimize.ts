/**
 * `minimizeViolation`: from any counterexample (explorer, fuzz, a replayed file) to an
 * interleaving that is minimal first in context switches, then in threads, then in steps,
 * and 1-minimal.
 *
 * Pipeline:
 *  1. The input is replayed strictly and cut at its first violation of the property, and
 *     coalesced (coalesce.ts): a cheap bound that caps the switch levels searched.
 *  2. `searchFewestSwitches` over the threads of the input finds the fewest switches (and,
 *     among those, fewest steps); the bound caps it. If it gives up, it is re-run among the
 *     bound's threads (fewer threads reach far fewer states), and the note says so.
 *  3. Fewest threads at that switch count (threadSubsets.ts): subsets of the best trace's
 *     threads by increasing size (exact up to 6 threads), greedy dropping beyond.
 *  4. A whole-thread / single-step removal pass guarantees 1-minimality (a no-op after an
 *     exhaustive search, a real reduction after a fallback).
 * If no search finishes, the bound is reduced by ddmin + removal, and the search is tried once
 * more among the threads that are left. Every give-up is reported (`switchesOptimal`,
 * `oneMinimal`, `note`): minimising never fails just because the model is large, and never
 * claims more than it proved.
 */
import type { DeadlockMode, Model } from '../explorer/model.ts';
import type { Violation } from '../explorer/outcome.ts';
import { buildTrace } from '../explorer/trace.ts';
import { compareMetrics, metricsOf, threadsOf, type TraceMetrics } from './metrics.ts';
import { reduceToOneMinimal, removeToFixpoint, type Reduction } from './oneMinimal.ts';
import { runCandidate } from './replay.ts';
import { coalesceRuns } from './coalesce.ts';
import { searchFewestSwitches } from './switchSearch.ts';
import { fewestThreads } from './threadSubsets.ts';
import { targetOf, violationPredicate } from './target.ts';

export interface MinimizeOptions {
  /** Nodes (state x last thread) one search may store. Default 4,000,000. */
  readonly maxNodes?: number;
  /** Wall-clock budget for the whole minimisation. Default 60 s. */
  readonly timeLimitMs?: number;
  /** Wall-clock budget for the 1-minimal pass, counted from its start. Default 30 s. */
  readonly reduceTimeLimitMs?: number;
  /** Deadlock semantics override, as given to check(). */
  readonly deadlock?: DeadlockMode;
  /** Polled like the clock: an interruption ends every search as its time limit would. */
  readonly shouldAbort?: () => boolean;
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
      /** True when no single step or whole thread can be removed (the pass finished). */
      readonly oneMinimal: boolean;
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
  // A cheap bound first: coalescing thread runs often cuts most switches of a long trace.
  const coalesced = coalesceRuns(model, initial, input, violated);
  if (coalesced !== undefined && compareMetrics(metricsOf(model, coalesced), before) < 0) best = { initial, actions: coalesced };
  const bound = metricsOf(model, best.actions);
  let nodes = 0;
  let switchesOptimal = false;
  let threadsMinimal = false;
  const notes: string[] = [];
  const abort = options.shouldAbort;
  const budget = { maxNodes, deadline, ...(abort !== undefined ? { abort } : {}) };
  const inputThreads = threadsOf(model, input);
  const boundThreads = threadsOf(model, best.actions);

  let search = searchFewestSwitches(model, violated, {
    allowed: inputThreads,
    maxSwitches: bound.switches,
    known: { switches: bound.switches, steps: bound.steps },
    ...budget,
  });
  nodes += search.nodes;
  if (search.kind === 'found') switchesOptimal = true;
  else if (search.kind === 'limit' && boundThreads.length < inputThreads.length) {
    // Fewer threads reach far fewer states: search again among the bound's threads only.
    notes.push(`switch search over all ${inputThreads.length} threads stopped at the ${search.reason} bound`);
    search = searchFewestSwitches(model, violated, {
      allowed: boundThreads,
      maxSwitches: bound.switches,
      known: { switches: bound.switches, steps: bound.steps },
      ...budget,
    });
    nodes += search.nodes;
    if (search.kind === 'found') notes.push(`switches are minimal among threads ${boundThreads.map((t) => model.threads[t]?.name ?? t).join(', ')}`);
  }

  let reduction: Reduction;
  const reduceBy = { at: performance.now() + (options.reduceTimeLimitMs ?? 30_000), ...(abort !== undefined ? { abort } : {}) };
  if (search.kind === 'found') {
    best = { initial: search.initial, actions: search.actions };
    const fewer = fewestThreads(model, violated, best, search.switches, budget);
    nodes += fewer.nodes;
    best = { initial: fewer.best.initial, actions: [...fewer.best.actions] };
    threadsMinimal = fewer.quality !== 'bounded' && switchesOptimal;
    if (fewer.limit !== undefined) notes.push(`thread minimisation stopped at the ${fewer.limit} bound`);
    reduction = removeToFixpoint(model, best.initial, best.actions, violated, reduceBy);
  } else {
    notes.push(
      search.kind === 'limit'
        ? `switch search stopped at the ${search.reason} bound (${nodes} nodes); fewer switches may exist`
        : 'switch search found no trace from the model initial states',
    );
    reduction = reduceToOneMinimal(model, best.initial, best.actions, violated, reduceBy);
    // Reduction often drops threads; among the few left, the exact search is usually cheap.
    const left = threadsOf(model, reduction.actions);
    if (left.length < boundThreads.length) {
      const m = metricsOf(model, reduction.actions);
      const again = searchFewestSwitches(model, violated, {
        allowed: left,
        maxSwitches: m.switches,
        known: { switches: m.switches, steps: m.steps },
        maxNodes,
        deadline: Math.max(deadline, performance.now() + (options.timeLimitMs ?? 60_000) / 2),
        ...(abort !== undefined ? { abort } : {}),
      });
      nodes += again.nodes;
      if (again.kind === 'found') {
        notes.push(`switches are minimal among threads ${left.map((t) => model.threads[t]?.name ?? t).join(', ')}`);
        reduction = removeToFixpoint(model, again.initial, again.actions, violated, reduceBy);
        best = { initial: again.initial, actions: best.actions };
      }
    }
  }
  best = { initial: best.initial, actions: reduction.actions };
  if (!reduction.complete) notes.push('the 1-minimal pass stopped at its time limit: the trace may not be 1-minimal');

  // Never hand back something worse than the input (possible only after a fallback).
  let after = metricsOf(model, best.actions);
  if (compareMetrics(after, before) > 0) {
    reduction = removeToFixpoint(model, initial, input, violated, reduceBy);
    best = { initial, actions: reduction.actions };
    after = metricsOf(model, best.actions);
  }
  if (abort?.() === true) notes.push('interrupted: every search stopped early, so nothing above is proven minimal');
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
    oneMinimal: reduction.complete,
    nodes,
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}
