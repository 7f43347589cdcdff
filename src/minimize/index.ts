/**
 * The minimiser's public entry points. `minimizeViolations` is what `check --minimize`,
 * `fuzz --minimize` and the matrix call: one result per violation, in the given order.
 */
import type { Model } from '../explorer/model.ts';
import type { Violation } from '../explorer/outcome.ts';
import { minimizeViolation, type MinimizeOptions, type MinimizeResult } from './minimize.ts';
import { formatMetrics } from './metrics.ts';

export { minimizeViolation, type MinimizeOptions, type MinimizeResult } from './minimize.ts';
export { metricsOf, compareMetrics, formatMetrics, type TraceMetrics } from './metrics.ts';
export { oneMinimalityProblem, reduceToOneMinimal } from './oneMinimal.ts';
export { violationPredicate, type PropertyTarget } from './target.ts';

export interface PropertyMinimization {
  readonly property: string;
  readonly result: MinimizeResult;
}

/** Minimises each violation (the budget in `options` applies to each one). */
export function minimizeViolations(
  model: Model,
  violations: readonly Violation[],
  options: MinimizeOptions = {},
): PropertyMinimization[] {
  return violations.map((v) => ({ property: v.property, result: minimizeViolation(model, v, options) }));
}

/** One line: `deadlock: steps 18, switches 6, threads 4 -> steps 18, switches 3, threads 3`. */
export function minimizationLine(m: PropertyMinimization): string {
  const r = m.result;
  if (!r.ok) return `${m.property}: not minimised: ${r.error}`;
  const proof = r.switchesOptimal ? (r.threadsMinimal ? 'switches minimal, no thread removable' : 'switches minimal') : 'not proven minimal in switches';
  return `${m.property}: ${formatMetrics(r.before)} -> ${formatMetrics(r.after)} (${proof}; ${r.oneMinimal ? '1-minimal' : 'not proven 1-minimal'})${r.note !== undefined ? ` [${r.note}]` : ''}`;
}
