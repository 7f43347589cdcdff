/**
 * Partial-order reduction against the full search on random guarded-command models whose
 * footprints are declared correctly (exactly the variables each guard, update and property
 * mentions, with `when` for some of the guards' equality tests): the same set of violated
 * properties (invariants, end checks, deadlock) in every deadlock mode, with BFS and DFS, and
 * --verify-footprints accepts every such model. A second generator builds programs: threads
 * with a program counter each (looping control flow, so cycles abound) and a few shared
 * variables, the shape the cycle proviso and the enabling sets exist for.
 */
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { check } from '../../../src/explorer/check.ts';
import { defineModel, type Rule } from '../../../src/explorer/define.ts';
import { defineLayout, range, type FieldSpec } from '../../../src/explorer/layout.ts';
import type { DeadlockMode, Invariant, Model } from '../../../src/explorer/model.ts';
import type { CheckOutcome } from '../../../src/explorer/outcome.ts';

interface Term {
  v: number;
  c: number;
  eq: boolean;
  when: boolean;
}
interface Assign {
  v: number;
  from: number; // -1: constant
  c: number;
}
interface ActionSpec {
  guard: Term[];
  assigns: Assign[];
}
interface Spec {
  vars: number;
  max: number;
  actions: ActionSpec[];
  invariants: { v: number; c: number }[][];
  endCheck: { v: number; c: number } | null;
  deadlock: DeadlockMode;
  validEndVar: number;
}

const specArb: fc.Arbitrary<Spec> = fc
  .record({ vars: fc.integer({ min: 2, max: 6 }), max: fc.integer({ min: 1, max: 3 }) })
  .chain(({ vars, max }) => {
    const v = fc.nat(vars - 1);
    const c = fc.nat(max);
    const term = fc.record({ v, c, eq: fc.boolean(), when: fc.boolean() });
    const assign = fc.record({ v, from: fc.integer({ min: -1, max: vars - 1 }), c });
    const action = fc.record({ guard: fc.array(term, { maxLength: 3 }), assigns: fc.array(assign, { minLength: 1, maxLength: 2 }) });
    return fc.record({
      vars: fc.constant(vars),
      max: fc.constant(max),
      actions: fc.array(action, { minLength: 1, maxLength: 8 }),
      invariants: fc.array(fc.array(fc.record({ v, c }), { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
      endCheck: fc.option(fc.record({ v, c }), { nil: null }),
      deadlock: fc.constantFrom<DeadlockMode>('stuck', 'stuttering', 'off'),
      validEndVar: fc.integer({ min: -1, max: vars - 1 }),
    });
  });

function build(spec: Spec): Model {
  const specs: Record<string, FieldSpec> = {};
  for (let i = 0; i < spec.vars; i++) specs[`v${i}`] = range(0, spec.max);
  const layout = defineLayout(specs);
  const f = layout.fieldList;
  const K = spec.max + 1;
  const rules: Rule[] = spec.actions.map((a, k) => {
    const when: Record<string, number> = {};
    for (const t of a.guard) if (t.eq && t.when && when[`v${t.v}`] === undefined) when[`v${t.v}`] = t.c;
    // Equality terms marked `when` must all hold for the guard: drop a contradictory one.
    const terms = a.guard.filter((t) => !(t.eq && t.when && when[`v${t.v}`] !== t.c));
    return {
      name: `a${k}`,
      thread: `t${k % 3}`,
      guard: (s) => terms.every((t) => (f[t.v]!.get(s) === t.c) === t.eq),
      update: (s, n) => {
        for (const x of a.assigns) f[x.v]!.set(n, x.from < 0 ? x.c : (f[x.from]!.get(s) + x.c) % K);
      },
      footprint: {
        guard: terms.map((t) => `v${t.v}`),
        reads: a.assigns.filter((x) => x.from >= 0).map((x) => `v${x.from}`),
        writes: a.assigns.map((x) => `v${x.v}`),
        when,
      },
    };
  });
  const invariants: Invariant[] = spec.invariants.map((conj, k) => ({
    name: `inv${k}`,
    reads: conj.map((t) => `v${t.v}`),
    holds: (s) => !conj.every((t) => f[t.v]!.get(s) === t.c),
  }));
  const end = spec.endCheck;
  return defineModel({
    name: 'random',
    layout,
    rules,
    invariants,
    ...(end !== null ? { endChecks: [{ name: 'end', reads: [`v${end.v}`], holds: (s: Uint32Array) => f[end.v]!.get(s) !== end.c }] } : {}),
    ...(spec.validEndVar >= 0 ? { isValidEnd: (s: Uint32Array) => f[spec.validEndVar]!.get(s) === 0 } : {}),
    deadlock: spec.deadlock,
    allowIdleThreads: true,
  });
}

function violated(o: CheckOutcome): string[] {
  if (o.verdict === 'error') throw new Error(o.error.message);
  expect(o.verdict).not.toBe('incomplete');
  return o.properties.filter((p) => p.status === 'violated').map((p) => p.property).sort();
}

describe('partial-order reduction on random models', () => {
  test.prop([specArb], { numRuns: 300 })('same violated properties as the full search (BFS and DFS), and the footprints verify', (spec) => {
    const model = build(spec);
    const full = check(model, { stopAtFirst: false });
    const want = violated(full);
    const bfs = check(model, { stopAtFirst: false, por: true });
    expect(violated(bfs)).toEqual(want);
    if (bfs.verdict !== 'error' && full.verdict !== 'error') expect(bfs.stats.states).toBeLessThanOrEqual(full.stats.states);
    expect(violated(check(model, { stopAtFirst: false, por: true, search: 'dfs' }))).toEqual(want);
    expect(violated(check(model, { stopAtFirst: false, por: true, store: 'exact' }))).toEqual(want);
    const v = check(model, { stopAtFirst: false, verifyFootprints: true });
    expect(v.verdict === 'error' ? v.error.message : 'ok').toBe('ok');
  });
});

interface Step {
  from: number;
  to: number;
  test: { v: number; c: number; eq: boolean } | null;
  assign: { v: number; from: number; c: number } | null; // from: -1 constant, k >= 0 shared k
}
interface Program {
  threads: Step[][];
  pcs: number;
  shared: number;
  invariants: { v: number; c: number }[][];
  deadlock: DeadlockMode;
}

const programArb: fc.Arbitrary<Program> = fc.record({ pcs: fc.integer({ min: 2, max: 4 }), shared: fc.integer({ min: 1, max: 3 }) }).chain(({ pcs, shared }) => {
  const sv = fc.nat(shared - 1);
  const step = fc.record({
    from: fc.nat(pcs - 1),
    to: fc.nat(pcs - 1),
    test: fc.option(fc.record({ v: sv, c: fc.nat(2), eq: fc.boolean() }), { nil: null }),
    assign: fc.option(fc.record({ v: sv, from: fc.integer({ min: -1, max: shared - 1 }), c: fc.nat(2) }), { nil: null }),
  });
  return fc.record({
    threads: fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 3 }),
    pcs: fc.constant(pcs),
    shared: fc.constant(shared),
    invariants: fc.array(fc.array(fc.record({ v: sv, c: fc.nat(2) }), { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
    deadlock: fc.constantFrom<DeadlockMode>('stuck', 'stuttering', 'off'),
  });
});

function buildProgram(p: Program): Model {
  const specs: Record<string, FieldSpec> = { pc: range(0, p.pcs - 1, p.threads.length) };
  for (let k = 0; k < p.shared; k++) specs[`x${k}`] = range(0, 2);
  const layout = defineLayout(specs);
  const pc = layout.fields['pc']!;
  const x = Array.from({ length: p.shared }, (_, k) => layout.fields[`x${k}`]!);
  const rules: Rule[] = p.threads.flatMap((steps, t) =>
    steps.map((st, k): Rule => {
      const me = `pc[${t}]`;
      return {
        name: `t${t}.${k}`,
        thread: `t${t}`,
        guard: (s) => pc.get(s, t) === st.from && (st.test === null || (x[st.test.v]!.get(s) === st.test.c) === st.test.eq),
        update: (s, n) => {
          pc.set(n, st.to, t);
          if (st.assign !== null) x[st.assign.v]!.set(n, st.assign.from < 0 ? st.assign.c : (x[st.assign.from]!.get(s) + st.assign.c) % 3);
        },
        footprint: {
          guard: [me, ...(st.test !== null ? [`x${st.test.v}`] : [])],
          reads: st.assign !== null && st.assign.from >= 0 ? [`x${st.assign.from}`] : [],
          writes: [me, ...(st.assign !== null ? [`x${st.assign.v}`] : [])],
          when: { [me]: st.from },
        },
      };
    }),
  );
  return defineModel({
    name: 'program',
    layout,
    rules,
    invariants: p.invariants.map((conj, k) => ({
      name: `inv${k}`,
      reads: conj.map((t) => `x${t.v}`),
      holds: (s: Uint32Array) => !conj.every((t) => x[t.v]!.get(s) === t.c),
    })),
    deadlock: p.deadlock,
  });
}

describe('partial-order reduction on random programs', () => {
  test.prop([programArb], { numRuns: 300 })('same violated properties as the full search (BFS and DFS)', (p) => {
    const model = buildProgram(p);
    const want = violated(check(model, { stopAtFirst: false }));
    expect(violated(check(model, { stopAtFirst: false, por: true }))).toEqual(want);
    expect(violated(check(model, { stopAtFirst: false, por: true, search: 'dfs' }))).toEqual(want);
  });
});
