/**
 * A model author's mistakes, as check() and defineModel report them: each error names the
 * rule, invariant or field at fault and, once the search is running, carries the trace that
 * reached the failing state, so a bug deep in a state space can be reproduced by hand.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/explorer/check.ts';
import { defineModel, ModelDefinitionError } from '../../src/explorer/define.ts';
import { defineLayout, range } from '../../src/explorer/layout.ts';
import type { ModelDefinition, Rule } from '../../src/explorer/define.ts';

const L = defineLayout({ x: range(0, 9), arr: range(0, 3, 2) });
const { x, arr } = L.fields;
const inc: Rule = { name: 'inc', thread: 't', guard: (s) => x.get(s) < 9, update: (s, n) => x.set(n, x.get(s) + 1) };
const base: ModelDefinition = { name: 'counter', layout: L, rules: [inc], isValidEnd: () => true };

function errorOf(def: ModelDefinition) {
  const o = check(defineModel(def));
  if (o.verdict !== 'error') throw new Error(`expected a model error, got ${o.verdict}`);
  return o.error;
}

describe('model errors carry the rule and the trace that reached them', () => {
  it('an out-of-range write names the rule, the field, the value, and the 3 steps before it', () => {
    const e = errorOf({ ...base, rules: [{ ...inc, guard: () => true, update: (s, n) => x.set(n, x.get(s) + 4) }] });
    expect(e.code).toBe('ZR_MODEL_RANGE');
    expect(e.message).toBe('update of rule "inc": value 12 written to field x is outside its declared range 0..9');
    expect(e.trace?.steps.length).toBe(2);
    expect(x.get(e.trace!.steps[1]!.state)).toBe(8);
  });

  it('a read past an array end is a model error, not a silent minimum', () => {
    const e = errorOf({ ...base, rules: [{ ...inc, guard: (s) => arr.get(s, x.get(s)) === 0 }] });
    expect(e.code).toBe('ZR_MODEL_INDEX');
    expect(e.message).toMatch(/^guard of rule "inc": index 2 read from field arr is outside 0..1/);
    expect(e.trace?.steps.length).toBe(2);
  });

  it('a throwing invariant is named as the invariant, not as the last action', () => {
    const e = errorOf({
      ...base,
      invariants: [{ name: 'small', holds: (s) => { if (x.get(s) === 5) throw new Error('boom at 5'); return true; } }],
    });
    expect(e.code).toBe('ZR_MODEL_THROW');
    expect(e.message).toBe('invariant "small" threw: boom at 5');
    expect(e.trace?.steps.length).toBe(5);
    expect(e.action).toBeUndefined();
  });

  it('a throwing end check and isValidEnd are named too', () => {
    const endCheck = errorOf({ ...base, endChecks: [{ name: 'done', holds: () => { throw new Error('no'); } }] });
    expect(endCheck.message).toBe('end check "done" threw: no');
    const valid = errorOf({ ...base, isValidEnd: () => { throw new Error('nope'); } });
    expect(valid.message).toBe('isValidEnd threw: nope');
    expect(valid.trace?.steps.length).toBe(9);
  });

  it('DFS reports the same trace length as the path to the failing frame', () => {
    const def = { ...base, rules: [{ ...inc, guard: () => true, update: (s: Uint32Array, n: Uint32Array) => x.set(n, x.get(s) + 4) }] };
    const o = check(defineModel(def), { search: 'dfs' });
    expect(o.verdict).toBe('error');
    if (o.verdict === 'error') expect(o.error.trace?.steps.length).toBe(2);
  });
});

describe('defineModel refuses definitions it cannot run', () => {
  const cases: [string, Partial<ModelDefinition> & Record<string, unknown>, RegExp][] = [
    ['an empty init list', { init: [] }, /init is an empty list/],
    ['an invariant named deadlock', { invariants: [{ name: 'deadlock', holds: () => true }] }, /named 'deadlock'/],
    ['a property name used twice', { invariants: [{ name: 'p', holds: () => true }], endChecks: [{ name: 'p', holds: () => true }] }, /"p" is used twice/],
    ['a declared thread no rule names', { threads: ['p0'] }, /declared thread "p0" has no rule \(rules name threads "t"; a typo\?\)/],
    ['a rule without a guard', { rules: [{ name: 'r', thread: 't', update: () => {} } as unknown as Rule] }, /rule "r": guard must be a function/],
    ['a rule name used twice', { rules: [inc, inc] }, /rule name "inc" is used twice/],
    ['a bad deadlock mode', { deadlock: 'never' as never }, /deadlock must be one of stuck, stuttering, off/],
    ['no name', { name: '' }, /name must be a non-empty string/],
    ['a layout that is not a Layout', { layout: {} as never }, /layout must be a Layout/],
    ['a thread index out of range', { rules: [{ ...inc, thread: 3 }] }, /thread index 3 is not declared/],
  ];
  for (const [what, patch, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(() => defineModel({ ...base, ...patch } as ModelDefinition)).toThrow(ModelDefinitionError);
      expect(() => defineModel({ ...base, ...patch } as ModelDefinition)).toThrow(message);
    });
  }

  it('accepts idle declared threads when asked to', () => {
    expect(defineModel({ ...base, threads: ['t', 'idle'], allowIdleThreads: true }).threads.map((t) => t.name)).toEqual(['t', 'idle']);
  });
});
