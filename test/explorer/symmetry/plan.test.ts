/**
 * The symmetry declaration is checked against the layout before any search: every bad part is
 * refused by name, and so is a declaration whose exact canonical form could cost more than 8!
 * images per state (src/explorer/symmetry/plan.ts).
 */
import { describe, expect, it } from 'vitest';
import { bool, check, defineLayout, defineModel, range } from '../../../src/index.ts';
import type { Scalarset } from '../../../src/index.ts';
import { planSymmetry } from '../../../src/explorer/symmetry/plan.ts';

const layout = defineLayout({ p: range(0, 3, 4), two: range(0, 1, 8), ptr: range(0, 4), flag: bool(), five: bool(5) });

function refusal(sets: readonly Scalarset[] | undefined): string {
  try {
    planSymmetry(layout, sets);
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
}

describe('planSymmetry', () => {
  it('accepts blocks of k elements per member and offset value fields', () => {
    const plan = planSymmetry(layout, [{ name: 'w', size: 4, indexes: ['p', 'two'], values: [{ field: 'ptr', offset: 1 }] }]);
    expect(plan.indexed.map((x) => [x.field.name, x.k])).toEqual([['p', 1], ['two', 2]]);
    expect(plan.values.map((v) => [v.field.name, v.rawBase])).toEqual([['ptr', 1]]);
    expect(plan.groupOrder).toBe(24);
    expect(plan.sets[0]!.enumerate).toBe(true);
  });
  it('refuses what it cannot use, naming it', () => {
    expect(refusal(undefined)).toMatch(/declares no symmetric index set/);
    expect(refusal([{ name: 'w', size: 4, indexes: ['nope'] }])).toMatch(/"nope" is not a field of the layout/);
    expect(refusal([{ name: 'w', size: 4, indexes: ['five'] }])).toMatch(/five has 5 elements, not a multiple of the set's size 4/);
    expect(refusal([{ name: 'w', size: 4, indexes: ['p'], values: ['ptr'] }, { name: 'v', size: 2, indexes: ['p'] }])).toMatch(/p is already indexed/);
    expect(refusal([{ name: 'w', size: 4, indexes: ['p'], values: ['flag'] }])).toMatch(/flag is a bool/);
    expect(refusal([{ name: 'w', size: 4, indexes: ['p'], values: [{ field: 'ptr', offset: 2 }] }])).toMatch(/ptr \(0..4\) cannot hold every member as 2..5/);
    expect(refusal([{ name: 'w', size: 0, indexes: ['p'] }])).toMatch(/size must be an integer/);
  });
  it('refuses an exact form that could take more than 8! images per state, and allows large sets that only sort', () => {
    const big = defineLayout({ x: range(0, 3, 9), who: range(0, 9) });
    expect(() => planSymmetry(big, [{ name: 'w', size: 9, indexes: ['x'], values: [{ field: 'who', offset: 1 }] }])).toThrow(/up to 362,880 permutations per state .* the limit is 40,320 \(8!\)/);
    expect(planSymmetry(big, [{ name: 'w', size: 9, indexes: ['x'] }]).sets[0]!.enumerate).toBe(false);
  });
  it('check() reports a bad declaration as a model error, and --symmetry without one likewise', () => {
    const model = defineModel({
      name: 'm',
      layout,
      rules: [{ name: 'r', thread: 't', guard: () => true, update: () => {} }],
      symmetry: [{ name: 'w', size: 3, indexes: ['p'] }],
    });
    const o = check(model, { symmetry: true });
    expect(o.verdict === 'error' && o.error.message).toMatch(/p has 4 elements, not a multiple of the set's size 3/);
    const { symmetry: _, ...plain } = model;
    const p = check(plain, { symmetry: true });
    expect(p.verdict === 'error' && p.error.message).toMatch(/declares no symmetric index set/);
  });
});
