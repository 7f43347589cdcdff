import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { fileURLToPath } from 'node:url';
import type { Model } from '../../src/explorer/model.ts';
import type { Violation, ViolationKind } from '../../src/explorer/outcome.ts';
import { buildTrace } from '../../src/explorer/trace.ts';
import { check } from '../../src/explorer/check.ts';
import { minimizeViolation } from '../../src/minimize/minimize.ts';
import { metricsOf } from '../../src/minimize/metrics.ts';
import { oneMinimalityProblem } from '../../src/minimize/oneMinimal.ts';
import { runCandidate } from '../../src/minimize/replay.ts';
import { violationPredicate } from '../../src/minimize/target.ts';
import { counter, lockCycle, lostUpdate } from './fixtures/models.ts';
import { bruteForceBest, randomWalk } from './reference.ts';

interface Case {
  readonly label: string;
  readonly model: Model;
  readonly property: string;
  readonly kind: ViolationKind;
  /** Depth that covers the known minimum, for the brute-force reference. */
  readonly depth: number;
}

const cases: Case[] = [
  { label: 'lost update (2 threads)', model: lostUpdate(2, 1), property: 'all_increments_counted', kind: 'end-check', depth: 6 },
  { label: 'lost update (3 threads)', model: lostUpdate(3, 0), property: 'all_increments_counted', kind: 'end-check', depth: 6 },
  { label: 'lock cycle (3 threads)', model: lockCycle(3, 1), property: 'deadlock', kind: 'deadlock', depth: 6 },
  { label: 'counter', model: counter(3, 2, 4), property: 'below_limit', kind: 'invariant', depth: 5 },
];

function violationFrom(c: Case, initial: Uint32Array, actions: number[]): Violation {
  return { property: c.property, kind: c.kind, trace: buildTrace(c.model, initial, actions) };
}

describe('minimizeViolation against a brute-force reference', () => {
  for (const c of cases) {
    const pred = violationPredicate(c.model, { property: c.property, kind: c.kind });
    if (!pred.ok) throw new Error(pred.error);
    const reference = bruteForceBest(c.model, pred.violated, c.depth);

    test.prop([fc.array(fc.nat({ max: 20 }), { maxLength: 60 })], { numRuns: 40, seed: 7 })(
      `${c.label}: from any random counterexample, optimal switches, still a violation, 1-minimal`,
      (schedule) => {
        const walk = randomWalk(c.model, pred.violated, schedule);
        if (walk === undefined) return; // this schedule found nothing: nothing to minimise
        const input = violationFrom(c, walk.initial, walk.actions);
        const r = minimizeViolation(c.model, input);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const acts = r.violation.trace.steps.map((s) => s.action);
        // Still a violation of the same property, exactly at its end.
        expect(runCandidate(c.model, r.violation.trace.initial, acts, pred.violated)).toEqual({ kind: 'violates', length: acts.length });
        expect(r.after).toEqual(metricsOf(c.model, acts));
        expect(r.before).toEqual(metricsOf(c.model, walk.actions));
        expect(r.after.switches).toBeLessThanOrEqual(r.before.switches);
        expect(r.switchesOptimal).toBe(true);
        expect(r.after).toEqual(reference);
        expect(oneMinimalityProblem(c.model, r.violation.trace.initial, acts, pred.violated)).toBeUndefined();
      },
    );
  }
});

describe('known minima', () => {
  test('lock cycle of 3: 3 threads, 2 switches, 2 steps each', () => {
    const m = lockCycle(3, 2);
    const o = check(m, { search: 'dfs' });
    expect(o.verdict).toBe('violated');
    if (o.verdict !== 'violated') return;
    const r = minimizeViolation(m, o.violations[0]!);
    expect(r.ok && r.after).toEqual({ steps: 9, switches: 2, threads: 3 });
  });
  test('counter: one thread suffices when it alone reaches the limit', () => {
    const m = counter(3, 4, 3);
    const o = check(m, { search: 'dfs' });
    if (o.verdict !== 'violated') throw new Error('expected a violation');
    const r = minimizeViolation(m, o.violations[0]!);
    expect(r.ok && r.after).toEqual({ steps: 3, switches: 0, threads: 1 });
  });
});

describe('zr-wb-jc buggy (4,4)', () => {
  test('BFS deadlock minimises to <= 3 switches and <= 3 threads, 1-minimal', async () => {
    const path = fileURLToPath(new URL('../../examples/zr-wb-jc.ts', import.meta.url));
    const factory = (await import(path)).default as (p: object) => Model;
    const m = factory({ NZR: 4, NP: 4, VARIANT: 'buggy' });
    for (const search of ['bfs', 'dfs'] as const) {
      const o = check(m, { search });
      if (o.verdict !== 'violated') throw new Error('expected the buggy variant to deadlock');
      const v = o.violations.find((x) => x.property === 'deadlock')!;
      const r = minimizeViolation(m, v);
      if (!r.ok) throw new Error(r.error);
      expect(r.after.switches).toBeLessThanOrEqual(3);
      expect(r.after.threads).toBeLessThanOrEqual(3);
      expect(r.after.switches).toBeLessThanOrEqual(r.before.switches);
      const pred = violationPredicate(m, v);
      if (!pred.ok) throw new Error(pred.error);
      const acts = r.violation.trace.steps.map((s) => s.action);
      expect(oneMinimalityProblem(m, r.violation.trace.initial, acts, pred.violated)).toBeUndefined();
    }
  });
});

describe('bounds and bad input', () => {
  test('a search cut short falls back to a 1-minimal reduction and says so', () => {
    const m = lockCycle(4, 3);
    const o = check(m, { search: 'dfs' });
    if (o.verdict !== 'violated') throw new Error('expected a violation');
    const r = minimizeViolation(m, o.violations[0]!, { maxNodes: 50 });
    if (!r.ok) throw new Error(r.error);
    expect(r.switchesOptimal).toBe(false);
    expect(r.note).toMatch(/nodes bound/);
    const pred = violationPredicate(m, o.violations[0]!);
    if (!pred.ok) throw new Error(pred.error);
    const acts = r.violation.trace.steps.map((s) => s.action);
    expect(oneMinimalityProblem(m, r.violation.trace.initial, acts, pred.violated)).toBeUndefined();
    expect(r.after.switches).toBeLessThanOrEqual(r.before.switches);
  });
  test('a trace that does not replay is an error value naming the step', () => {
    const m = lockCycle(3, 1);
    const bogus: Violation = {
      property: 'deadlock',
      kind: 'deadlock',
      trace: { initial: m.initialStates()[0]!, steps: [{ action: m.actions.findIndex((a) => a.name === 'lock1[0]'), state: m.initialStates()[0]! }] },
    };
    const r = minimizeViolation(m, bogus);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/step 1 \(lock1\[0\]\) is not enabled/) });
  });
  test('an unknown property is an error value', () => {
    const m = counter();
    const r = minimizeViolation(m, { property: 'nope', kind: 'invariant', trace: { initial: m.initialStates()[0]!, steps: [] } });
    expect(r).toEqual({ ok: false, error: 'model counter has no invariant named nope' });
  });
});

describe('subsetsOfSize', () => {
  test('all k-subsets in order', async () => {
    const { subsetsOfSize } = await import('../../src/minimize/threadSubsets.ts');
    expect(subsetsOfSize([1, 2, 3, 4], 2)).toEqual([[1, 2], [1, 3], [1, 4], [2, 3], [2, 4], [3, 4]]);
    expect(subsetsOfSize([1, 2, 3], 0)).toEqual([[]]);
    expect(subsetsOfSize([1, 2, 3], 3)).toEqual([[1, 2, 3]]);
  });
});

describe('bounded runs', () => {
  const zrPath = fileURLToPath(new URL('../../examples/zr-wb-jc.ts', import.meta.url));

  test('coalescing thread runs gives a cheaper valid bound', async () => {
    const { coalesceRuns } = await import('../../src/minimize/coalesce.ts');
    const m = lockCycle(4, 2);
    const o = check(m, { search: 'dfs' });
    if (o.verdict !== 'violated') throw new Error('expected a violation');
    const v = o.violations[0]!;
    const pred = violationPredicate(m, v);
    if (!pred.ok) throw new Error(pred.error);
    const acts = v.trace.steps.map((s) => s.action);
    const c = coalesceRuns(m, v.trace.initial, acts, pred.violated)!;
    expect(runCandidate(m, v.trace.initial, c, pred.violated)).toEqual({ kind: 'violates', length: c.length });
    expect(metricsOf(m, c).switches).toBeLessThanOrEqual(metricsOf(m, acts).switches);
    expect(metricsOf(m, c).switches).toBe(3);
  });

  test('when the search over all threads gives up, reduction drops threads and the search over the rest finishes', async () => {
    const factory = (await import(zrPath)).default as (p: object) => Model;
    const m = factory({ NZR: 4, NP: 4, VARIANT: 'buggy' });
    const o = check(m, { search: 'dfs' });
    if (o.verdict !== 'violated') throw new Error('expected a deadlock');
    const r = minimizeViolation(m, o.violations[0]!, { maxNodes: 5000 });
    if (!r.ok) throw new Error(r.error);
    expect(r.switchesOptimal).toBe(false);
    expect(r.oneMinimal).toBe(true);
    expect(r.note).toMatch(/nodes bound.*switches are minimal among threads/);
    expect(r.after.switches).toBeLessThanOrEqual(3);
  });

  test('a 1-minimal pass cut by its time limit says so', () => {
    const m = lockCycle(4, 3);
    const o = check(m, { search: 'dfs' });
    if (o.verdict !== 'violated') throw new Error('expected a violation');
    const r = minimizeViolation(m, o.violations[0]!, { maxNodes: 10, reduceTimeLimitMs: 0 });
    if (!r.ok) throw new Error(r.error);
    expect(r.oneMinimal).toBe(false);
    expect(r.note).toMatch(/may not be 1-minimal/);
    expect(r.after.switches).toBeLessThanOrEqual(r.before.switches);
  });
});
