/**
 * Guard dispatch (src/explorer/guardDispatch.ts and its code in compileRules.ts): defineModel's
 * `enabled` skips guards that the values of a few state elements already decide. It must
 * agree with calling every guard in rule order, in every state (reachable or not), on what is
 * enabled and on which rule's error comes out; and it must never decide a guard from a trace
 * that missed a read (raw words, methods, writes, another layout's fields).
 */
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { CALL, FALSE, learnDispatch, TRUE, type DispatchNode } from '../../src/explorer/guardDispatch.ts';
import { bool, defineLayout, oneOf, range, type Layout } from '../../src/explorer/layout.ts';
import { defineModel, RuleError } from '../../src/explorer/define.ts';
import { readTrace } from '../../src/explorer/readTrace.ts';
import type { Model } from '../../src/explorer/model.ts';
import bakery from '../../examples/classic/bakery.ts';
import boundedbuffer from '../../examples/classic/boundedbuffer.ts';
import dining from '../../examples/classic/dining.ts';
import german from '../../examples/classic/german.ts';
import twophase from '../../examples/classic/twophase.ts';
import peterson from '../../examples/classic/peterson.ts';

type Guard = (s: Uint32Array) => boolean;

/** What enabled returns or throws. */
function enabledOutcome(model: Model, s: Uint32Array): unknown {
  const out = new Int32Array(model.actions.length + 1);
  try {
    const n = model.enabled(s, out);
    return { ok: [...out.subarray(0, n)] };
  } catch (e) {
    return { threw: (e as Error).name, message: (e as Error).message };
  }
}

/** The plain semantics: every guard in rule order, the first error named by its rule. */
function referenceOutcome(model: Model, s: Uint32Array): unknown {
  const ok: number[] = [];
  try {
    for (let a = 0; a < model.actions.length; a++) if (model.actionGuard!(a, s)) ok.push(a);
    return { ok };
  } catch (e) {
    return { threw: (e as Error).name, message: (e as Error).message };
  }
}

/** Every reachable state of a small model (plain BFS over strings). */
function reachable(model: Model): Uint32Array[] {
  const seen = new Set<string>();
  const queue = [...model.initialStates()];
  for (const s of queue) seen.add(s.join(','));
  const ids = new Int32Array(model.actions.length);
  for (let h = 0; h < queue.length; h++) {
    const s = queue[h]!;
    const n = model.enabled(s, ids);
    for (let j = 0; j < n; j++) {
      const o = new Uint32Array(s.length);
      model.next(s, ids[j]!, o);
      const k = o.join(',');
      if (!seen.has(k)) {
        seen.add(k);
        queue.push(o);
      }
    }
  }
  return queue;
}

const leaves = (d: DispatchNode | number | undefined): number[] => (d === undefined ? [] : typeof d === 'number' ? [d] : d.next.flatMap(leaves));

describe('guard dispatch on the classic models', () => {
  const models: [string, Model][] = [
    ['bakery N=3', bakery({ N: 3, MAXT: 5 })],
    ['German 2/2', german({ NODES: 2, DATA: 2 })],
    ['two-phase N=3', twophase({ N: 3 })],
    ['two-phase N=3 restart', twophase({ N: 3, RESTART: 1 })],
    ['dining N=4', dining({ N: 4, ASYM: 1 })],
    ['bounded buffer 2/2/2', boundedbuffer({ P: 2, C: 2, K: 2 })],
    ['peterson', peterson({})],
  ];
  for (const [name, model] of models) {
    it(`${name}: enabled agrees with calling every guard, in every reachable state`, () => {
      const states = reachable(model);
      expect(states.length).toBeGreaterThan(10);
      for (const s of states) expect(enabledOutcome(model, s)).toEqual(referenceOutcome(model, s));
    });
  }

  it('bakery: each process control value decides most guards (take_ticket, end_choosing and exit are true on it alone)', () => {
    const layout = defineLayout({ pc: oneOf(['Idle', 'Crit'], 2), n: range(0, 3, 2) });
    const { pc, n } = layout.fields;
    const trees = learnDispatch([(s) => pc.get(s, 0) === 1, (s) => pc.get(s, 1) === 0 && n.get(s, 0) + n.get(s, 1) < 3], layout);
    expect(trees[0]!.next).toEqual([FALSE, TRUE]);
    // pc[1] = Idle reads n[0], then n[1]: decided for every value pair.
    expect(leaves(trees[1])).not.toContain(CALL);
    expect(readTrace.view).toBeNull();
  });
});

describe('traces that miss a read never decide a guard', () => {
  const layout = defineLayout({ pc: oneOf(['A', 'B', 'C'], 2), flag: bool(2) });
  const { pc, flag } = layout.fields;
  const other = defineLayout({ pc: oneOf(['A', 'B', 'C'], 2), flag: bool(2) });
  const cases: [string, Guard][] = [
    ['a raw word read', (s) => pc.get(s, 0) === 1 && (s[0]! & 0x40) !== 0],
    ['a method of the state', (s) => pc.get(s, 0) === 1 && s.some((w) => w > 100)],
    ['the state buffer', (s) => pc.get(s, 0) === 1 && new Uint32Array(s.buffer)[0] !== 7],
    ['a write to the state', (s) => pc.get(s, 0) === 1 && (flag.set(s, 1, 1), true)],
    ["another layout's field", (s) => pc.get(s, 0) === 1 && other.fields.flag.is(s, 1)],
    ['an out-of-range index, caught', (s) => {
      if (pc.get(s, 0) !== 1) return false;
      try {
        return flag.is(s, 5);
      } catch {
        return true;
      }
    }],
  ];
  for (const [what, guard] of cases) {
    it(`${what}: the guard is called wherever its first element does not decide it`, () => {
      const [tree] = learnDispatch([guard], layout);
      // pc[0] = 1 must lead to CALL; the other values are decided (false) by pc[0] alone.
      expect(tree).toBeDefined();
      expect(tree!.next[1]).toBe(CALL);
      expect(tree!.next[0]).toBe(FALSE);
      expect(readTrace.view).toBeNull();
    });
  }

  it('a guard that reads nothing of the state, or only wide fields, is not dispatched', () => {
    const wide = defineLayout({ big: range(0, 1000), pc: bool() });
    expect(learnDispatch([() => true, (s) => wide.fields.big.get(s) > 3], wide)).toEqual([undefined, undefined]);
  });

  it('learning is bounded: past the model budget guards are called as before, and enabled still agrees', () => {
    const wideish = defineLayout({ a: range(0, 31), b: range(0, 31), c: range(0, 31) });
    const { a, b, c } = wideish.fields;
    // Each guard reads a, b and c: a full tree would take 32 + 32^2 + 32^3 traced calls.
    const guards: Guard[] = Array.from({ length: 20 }, (_, k) => (s) => a.get(s) + b.get(s) + c.get(s) === 40 + k);
    const trees = learnDispatch(guards, wideish);
    expect(trees[0]).toBeDefined();
    expect(trees[19]).toBeUndefined();
    const model = defineModel({ name: 'budget', layout: wideish, rules: guards.map((guard, k) => ({ name: `r${k}`, thread: 't', guard, update: () => {} })) });
    for (let v = 0; v < 2000; v++) {
      const s = wideish.blank();
      a.set(s, v % 32);
      b.set(s, (v * 7) % 32);
      c.set(s, (v * 13) % 32);
      expect(enabledOutcome(model, s)).toEqual(referenceOutcome(model, s));
    }
  });

  it('guardDispatch: false calls every guard', () => {
    let calls = 0;
    const model = defineModel({
      name: 'counted',
      layout,
      guardDispatch: false,
      rules: [{ name: 'r', thread: 't', guard: (s) => (calls++, pc.get(s, 0) === 2), update: () => {} }],
    });
    const before = calls;
    model.enabled(layout.blank(), new Int32Array(1));
    expect(calls).toBe(before + 1);
  });
});

/** Random guards over a random small layout, built from a little expression language. */
type Expr =
  | { k: 'read'; f: number; i: number }
  | { k: 'const'; v: number }
  | { k: 'raw'; w: number }
  | { k: 'eq' | 'lt' | 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'not'; a: Expr }
  | { k: 'throwIf'; a: Expr };

const exprArb = (fieldCount: number): fc.Arbitrary<Expr> =>
  fc.letrec<{ e: Expr }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ k: fc.constant('read' as const), f: fc.nat(fieldCount - 1), i: fc.nat(2) }),
      fc.record({ k: fc.constant('const' as const), v: fc.nat(4) }),
      fc.record({ k: fc.constant('raw' as const), w: fc.nat(1) }),
      fc.record({ k: fc.constantFrom('eq' as const, 'lt' as const, 'and' as const, 'or' as const), a: tie('e'), b: tie('e') }),
      fc.record({ k: fc.constant('not' as const), a: tie('e') }),
      fc.record({ k: fc.constant('throwIf' as const), a: tie('e') }),
    ),
  })).e;

function compile(e: Expr, layout: Layout): (s: Uint32Array) => number {
  const fields = layout.fieldList;
  switch (e.k) {
    case 'read': {
      const f = fields[e.f]!;
      const i = e.i % f.count;
      return (s) => f.get(s, i);
    }
    case 'const':
      return () => e.v;
    case 'raw':
      return (s) => (s[e.w % s.length]! >>> 3) & 3;
    case 'not': {
      const a = compile(e.a, layout);
      return (s) => (a(s) ? 0 : 1);
    }
    case 'throwIf': {
      const a = compile(e.a, layout);
      return (s) => {
        if (a(s)) throw new Error('guard refused');
        return 1;
      };
    }
    default: {
      const a = compile(e.a, layout);
      const b = compile(e.b, layout);
      if (e.k === 'eq') return (s) => (a(s) === b(s) ? 1 : 0);
      if (e.k === 'lt') return (s) => (a(s) < b(s) ? 1 : 0);
      if (e.k === 'and') return (s) => (a(s) ? b(s) : 0);
      return (s) => (a(s) ? 1 : b(s));
    }
  }
}

describe('random guards', () => {
  const layout = defineLayout({ pc: oneOf(['A', 'B', 'C', 'D', 'E'], 3), f: bool(2), n: range(1, 3, 2), wide: range(0, 100) });
  test.prop([fc.array(exprArb(layout.fieldList.length), { minLength: 1, maxLength: 24 }), fc.array(fc.array(fc.nat(), { minLength: layout.words, maxLength: layout.words }), { minLength: 1, maxLength: 20 })], { numRuns: 150 })(
    'enabled agrees with calling every guard in order, in any state, errors named by the first failing rule',
    (exprs, statesWords) => {
      const guards = exprs.map((e) => {
        const f = compile(e, layout);
        return (s: Uint32Array) => f(s) !== 0;
      });
      const model = defineModel({ name: 'random', layout, rules: guards.map((guard, k) => ({ name: `r${k}`, thread: 't', guard, update: () => {} })) });
      for (const words of statesWords) {
        const s = Uint32Array.from(words, (w, i) => w & layout.usedBits[i]!);
        expect(enabledOutcome(model, s)).toEqual(referenceOutcome(model, s));
      }
      expect(readTrace.view).toBeNull();
    },
  );

  it('RuleError names the first failing rule in rule order even when later guards were dispatched', () => {
    const { pc } = layout.fields;
    const model = defineModel({
      name: 'errors',
      layout,
      rules: [
        { name: 'decided', thread: 't', guard: (s) => pc.get(s, 0) === 1, update: () => {} },
        { name: 'thrower', thread: 't', guard: (s) => { if (pc.get(s, 1) === 0) throw new Error('boom'); return false; }, update: () => {} },
        { name: 'later', thread: 't', guard: (s) => pc.get(s, 2) === 0, update: () => {} },
      ],
    });
    const out = new Int32Array(3);
    expect(() => model.enabled(layout.blank(), out)).toThrow(RuleError);
    expect(() => model.enabled(layout.blank(), out)).toThrow(/thrower/);
  });
});
