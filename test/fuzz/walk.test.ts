import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { fileURLToPath } from 'node:url';
import { bool, defineLayout, range } from '../../src/explorer/layout.ts';
import { defineModel } from '../../src/explorer/define.ts';
import { check } from '../../src/explorer/check.ts';
import type { Model } from '../../src/explorer/model.ts';
import { walkSchedule } from '../../src/fuzz/walk.ts';
import { scheduleArbitrary } from '../../src/fuzz/schedule.ts';
import { runCandidate } from '../../src/minimize/replay.ts';
import { violationPredicate } from '../../src/minimize/target.ts';
import { counter, lockCycle, lostUpdate } from '../minimize/fixtures/models.ts';

const zrPath = fileURLToPath(new URL('../../examples/zr-wb-jc.ts', import.meta.url));
const zr = (await import(zrPath)).default as (p: object) => Model;

const models: Model[] = [
  lockCycle(3, 1),
  lostUpdate(2, 1),
  counter(3, 2, 4),
  zr({ NZR: 2, NP: 2, VARIANT: 'buggy' }),
  zr({ NZR: 2, NP: 2, VARIANT: 'fixed' }),
];
const oracle = models.map((m) => {
  const o = check(m, { stopAtFirst: false });
  if (o.verdict === 'error' || o.verdict === 'incomplete') throw new Error(`oracle for ${m.name} failed`);
  return new Set(o.verdict === 'holds' ? [] : o.violations.map((v) => v.property));
});

describe('walkSchedule agrees with the exhaustive explorer', () => {
  test.prop([fc.nat({ max: models.length - 1 }), fc.array(fc.nat({ max: 40 }), { maxLength: 80 })], { numRuns: 300, seed: 2026 })(
    'any violation a walk reports is real and one the explorer reports',
    (mi, schedule) => {
      const m = models[mi]!;
      const r = walkSchedule(m, schedule);
      if (r.kind !== 'violation') return;
      expect(oracle[mi]!.has(r.violation.property)).toBe(true);
      const pred = violationPredicate(m, r.violation);
      if (!pred.ok) throw new Error(pred.error);
      const acts = r.violation.trace.steps.map((s) => s.action);
      expect(runCandidate(m, r.violation.trace.initial, acts, pred.violated)).toEqual({ kind: 'violates', length: acts.length });
    },
  );

  test.prop([scheduleArbitrary(models[4]!, { maxLength: 100 })], { numRuns: 100, seed: 7 })('a model that holds is never violated by a walk', (schedule) => {
    expect(walkSchedule(models[4]!, schedule, { maxSteps: 300 }).kind).not.toBe('violation');
  });
});

describe('walkSchedule semantics', () => {
  test('an invariant broken in the initial state is reported at step 0', () => {
    const r = walkSchedule(counter(2, 1, 0), []);
    expect(r).toMatchObject({ kind: 'violation', violation: { property: 'below_limit', kind: 'invariant', trace: { steps: [] } } });
  });

  test('an empty schedule completes with the first enabled action each step', () => {
    expect(walkSchedule(counter(2, 2, 10), [])).toEqual({ kind: 'end', steps: 4 });
    expect(walkSchedule(counter(2, 2, 10), [], { maxSteps: 3 })).toEqual({ kind: 'max-steps', steps: 3 });
  });

  test('end checks run only at valid ends', () => {
    const m = lostUpdate(2, 0);
    // read[0], then read[1] (first enabled, ahead of write[0] in the rule-major table), then
    // completion by first-enabled: both write 1.
    const r = walkSchedule(m, [0, 0]);
    expect(r).toMatchObject({ kind: 'violation', violation: { property: 'all_increments_counted', kind: 'end-check' } });
  });

  test('stuttering: a state whose only moves loop back is a deadlock; under stuck it is not', () => {
    const layout = defineLayout({ spinning: bool(), n: range(0, 1) });
    const f = layout.fields;
    const m = defineModel({
      name: 'spin',
      layout,
      rules: [
        { name: 'start', thread: 'A', guard: (s) => !f.spinning.is(s), update: (_s, t) => f.spinning.set(t, true) },
        { name: 'spin', thread: 'A', guard: (s) => f.spinning.is(s), update: () => {} },
      ],
    });
    expect(walkSchedule(m, [], { deadlock: 'stuttering' })).toMatchObject({ kind: 'violation', violation: { property: 'deadlock', trace: { steps: [{ action: 0 }] } } });
    expect(walkSchedule(m, [], { deadlock: 'stuck', maxSteps: 20 })).toEqual({ kind: 'max-steps', steps: 20 });
    expect(walkSchedule(m, [])).toMatchObject({ kind: 'violation' }); // default: stuttering, as the explorer
  });

  test('the property filter ignores other properties', () => {
    const m = counter(2, 3, 2);
    expect(walkSchedule(m, [], { properties: ['deadlock'], maxSteps: 10 })).toEqual({ kind: 'end', steps: 6 });
  });

  test('with several initial states the first entry picks one', () => {
    const layout = defineLayout({ x: range(0, 3) });
    const m = defineModel({
      name: 'inits',
      layout,
      init: [(s) => layout.fields.x.set(s, 1), (s) => layout.fields.x.set(s, 3)],
      rules: [{ name: 'noop', thread: 'A', guard: () => false, update: () => {} }],
      isValidEnd: () => true,
      invariants: [{ name: 'small', holds: (s) => layout.fields.x.get(s) < 3 }],
    });
    expect(walkSchedule(m, [0])).toEqual({ kind: 'end', steps: 0 });
    expect(walkSchedule(m, [1])).toMatchObject({ kind: 'violation', violation: { property: 'small' } });
  });
});
