/**
 * Test helper for the scenario suites: build a kernel model, check it exhaustively for every
 * property (BFS, stopAtFirst=false) and return, per property, the shortest trace length of a
 * violation (or 'holds'), plus the trace as action names.
 */
import { check } from '../../src/explorer/check.ts';
import type { Model } from '../../src/explorer/model.ts';
import { buildKernelModel } from '../../src/kernel/build.ts';

export interface ScenarioRun {
  readonly model: Model;
  readonly states: number;
  /** property -> trace length of its violation, or 'holds'. */
  readonly verdict: Readonly<Record<string, number | 'holds'>>;
  /** property -> action names of the violating trace. */
  readonly trace: Readonly<Record<string, readonly string[]>>;
  /** property -> the last state of the violating trace. */
  readonly last: Readonly<Record<string, Uint32Array>>;
}

/**
 * `scenario` is a built-in scenario id, or `layout:<id>` for a generated layout (the ids
 * `zrcheck layouts` prints). `profile` defaults to ext4-iomap.
 */
export function runScenario(scenario: string, variant: string, assumptions: Record<string, string> = {}, profile = 'ext4-iomap', counterfactual = false): ScenarioRun {
  const where = scenario.startsWith('layout:') ? { layoutId: scenario.slice('layout:'.length) } : { scenario };
  const b = buildKernelModel({ profile, ...where, variant, assumptions, counterfactual });
  if (!b.ok) throw new Error(b.error);
  const o = check(b.model, { stopAtFirst: false });
  if (o.verdict === 'error') throw new Error(o.error.message);
  if (o.verdict === 'incomplete') throw new Error('incomplete');
  const verdict: Record<string, number | 'holds'> = {};
  const trace: Record<string, string[]> = {};
  const last: Record<string, Uint32Array> = {};
  for (const p of o.properties) {
    if (p.status === 'violated') {
      const steps = p.violation.trace.steps;
      verdict[p.property] = steps.length;
      trace[p.property] = steps.map((st) => b.model.actions[st.action]!.name);
      last[p.property] = steps.length > 0 ? steps[steps.length - 1]!.state : p.violation.trace.initial;
    } else if (p.status === 'holds') verdict[p.property] = 'holds';
    else throw new Error(`${p.property} incomplete`);
  }
  return { model: b.model, states: o.stats.states, verdict, trace, last };
}

/** Short form of a D1/deadlock verdict pair for table-style assertions. */
export function d1AndDeadlock(r: ScenarioRun): { D1: number | 'holds'; deadlock: number | 'holds' } {
  return { D1: r.verdict.D1!, deadlock: r.verdict.deadlock! };
}
