import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import type { Model } from '../../src/explorer/model.ts';
import { fuzzModel } from '../../src/fuzz/runner.ts';
import { scheduleArbitrary } from '../../src/fuzz/schedule.ts';
import { walkSchedule } from '../../src/fuzz/walk.ts';
import { metricsOf } from '../../src/minimize/metrics.ts';
import { oneMinimalityProblem } from '../../src/minimize/oneMinimal.ts';
import { violationPredicate } from '../../src/minimize/target.ts';
import { counter, lockCycle, lostUpdate } from '../minimize/fixtures/models.ts';

const zr = (await import(fileURLToPath(new URL('../../examples/zr-wb-jc.ts', import.meta.url)))).default as (p: object) => Model;

describe('scheduleArbitrary', () => {
  test('every generated value and every shrink is a valid schedule (no rejection)', () => {
    const m = lockCycle(3, 1);
    const arb = scheduleArbitrary(m, { maxLength: 20 });
    for (const s of fc.sample(arb, { numRuns: 50, seed: 1 })) {
      expect(s.every((x) => Number.isInteger(x) && x >= 0 && x < m.actions.length)).toBe(true);
      const value = arb.shrink(s, undefined).take(20);
      for (const shrunk of value) expect(walkSchedule(m, shrunk.value).kind).not.toBe(undefined);
    }
  });
});

describe('fuzzModel', () => {
  test('finds a lost update, shrinks it, and replays from seed + path', () => {
    const m = lostUpdate(3, 2);
    const r = fuzzModel(m, { seed: 42, runs: 500 });
    if (r.kind !== 'violated') throw new Error('expected a violation');
    expect(r.violation.property).toBe('all_increments_counted');
    expect(r.path).toMatch(/^\d+(:\d+)*$/);
    const again = fuzzModel(m, { seed: 42, path: r.path });
    expect(again.kind === 'violated' && again.schedule).toEqual(r.schedule);
    expect(again.runs).toBe(1);
  });

  test('zr-wb-jc(4,4) buggy: fast-check shrinks, the minimiser takes it to <= 3 switches and threads', () => {
    const m = zr({ NZR: 4, NP: 4, VARIANT: 'buggy' });
    const r = fuzzModel(m, { seed: 1, runs: 2000, minimize: true });
    if (r.kind !== 'violated') throw new Error('expected a deadlock');
    expect(r.shrinks).toBeGreaterThan(0);
    const min = r.minimized!;
    if (!min.ok) throw new Error(min.error);
    expect(min.before).toEqual(metricsOf(m, r.violation.trace.steps.map((s) => s.action)));
    expect(min.after.switches).toBeLessThanOrEqual(3);
    expect(min.after.threads).toBeLessThanOrEqual(3);
    const pred = violationPredicate(m, min.violation);
    if (!pred.ok) throw new Error(pred.error);
    expect(oneMinimalityProblem(m, min.violation.trace.initial, min.violation.trace.steps.map((s) => s.action), pred.violated)).toBeUndefined();
  });

  test('passes on a model whose properties hold', () => {
    expect(fuzzModel(counter(3, 2, 7), { seed: 3, runs: 100 })).toEqual({ kind: 'passed', runs: 100, seed: 3 });
  });

  test('the property filter: only the asked property fails the run', () => {
    const m = lockCycle(3, 1);
    expect(fuzzModel(m, { seed: 3, runs: 100, properties: ['nothing-of-this-name'] }).kind).toBe('passed');
    expect(fuzzModel(m, { seed: 3, runs: 300, properties: ['deadlock'] }).kind).toBe('violated');
  });

  test('a model that throws is re-raised (the CLI turns it into a model error)', () => {
    const m = lockCycle(2, 0);
    const broken = { ...m, next: () => { throw new Error('boom'); } } as Model;
    expect(() => fuzzModel(broken, { seed: 1, runs: 5 })).toThrow('boom');
  });
});
