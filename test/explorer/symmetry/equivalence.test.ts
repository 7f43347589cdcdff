/**
 * Symmetric search against full search. On random models symmetric by construction (N
 * identical workers, rules made from random templates by one `ruleset`, a lock naming its
 * holder, a shared counter, random symmetric invariants, random deadlock semantics), with and
 * without --symmetry, BFS and DFS: the same violated properties, the same deadlock verdict, equally short
 * (shortest) traces, and every trace of the symmetric search replays from the model's real
 * initial state and ends in a state that violates its property. Also: the classic models'
 * deadlock found with symmetry replays and minimises, and a declaration the model does not
 * honour (dining philosophers at a round table; an invariant that names one worker) is refused
 * before the search.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, defineLayout, defineModel, range, replayActions, ruleset } from '../../../src/index.ts';
import type { CheckOutcome, DeadlockMode, Invariant, Model, Rule, Violation } from '../../../src/index.ts';
import { lastState } from '../../../src/explorer/trace.ts';
import { minimizeViolations } from '../../../src/minimize/index.ts';
import type { ParallelReport } from '../../../src/explorer/parallel/coordinator.ts';
import dining from '../../../examples/classic/dining.ts';
import twophase from '../../../examples/classic/twophase.ts';

interface Template {
  readonly from: number;
  readonly lock: 'free' | 'mine' | 'any';
  readonly cnt: 'any' | 'zero' | 'positive';
  readonly to: number;
  readonly lockOp: 'take' | 'release' | 'none';
  readonly cntOp: -1 | 0 | 1;
}

const template = fc.record({
  from: fc.integer({ min: 0, max: 3 }),
  lock: fc.constantFrom('free', 'mine', 'any'),
  cnt: fc.constantFrom('any', 'zero', 'positive'),
  to: fc.integer({ min: 0, max: 3 }),
  lockOp: fc.constantFrom('take', 'release', 'none'),
  cntOp: fc.constantFrom(-1, 0, 1),
}) as fc.Arbitrary<Template>;

const spec = fc.record({
  n: fc.integer({ min: 2, max: 4 }),
  templates: fc.array(template, { minLength: 2, maxLength: 6 }),
  c1: fc.integer({ min: 0, max: 3 }),
  k1: fc.integer({ min: 0, max: 3 }),
  c2: fc.integer({ min: 0, max: 3 }),
  c3: fc.integer({ min: 0, max: 2 }),
  c4: fc.integer({ min: 0, max: 3 }),
  deadlock: fc.constantFrom('stuck', 'stuttering', 'off') as fc.Arbitrary<DeadlockMode>,
  /** A rule per worker that goes home (pc 3 -> 0, releasing the lock): fewer dead ends. */
  home: fc.boolean(),
});

type Spec = typeof spec extends fc.Arbitrary<infer T> ? T : never;

function randomModel(x: Spec): Model {
  const { n, templates } = x;
  const layout = defineLayout({ cnt: range(0, 2), pc: range(0, 3, n), owner: range(0, n) });
  const { cnt, pc, owner } = layout.fields;
  const home = (i: number): Rule[] =>
    x.home
      ? [
          {
            name: `home[${i}]`,
            thread: `w${i}`,
            guard: (s) => pc.get(s, i) === 3,
            update: (s, nx) => {
              pc.set(nx, 0, i);
              if (owner.get(s) === i + 1) owner.set(nx, 0);
            },
          },
        ]
      : [];
  const rules: Rule[] = ruleset(n, (i) => [
    ...home(i),
    ...templates.map((t, k): Rule => ({
      name: `t${k}[${i}]`,
      thread: `w${i}`,
      guard: (s) => {
        if (pc.get(s, i) !== t.from) return false;
        const o = owner.get(s);
        if (t.lock === 'free' && o !== 0) return false;
        if (t.lock === 'mine' && o !== i + 1) return false;
        const c = cnt.get(s);
        if (t.cnt === 'zero' && c !== 0) return false;
        if (t.cnt === 'positive' && c === 0) return false;
        const nc = c + t.cntOp;
        return nc >= 0 && nc <= 2;
      },
      update: (s, nx) => {
        pc.set(nx, t.to, i);
        if (t.lockOp === 'take') owner.set(nx, i + 1);
        if (t.lockOp === 'release' && owner.get(s) === i + 1) owner.set(nx, 0);
        cnt.set(nx, cnt.get(s) + t.cntOp);
      },
    })),
  ]);
  const countPc = (s: Uint32Array, v: number) => {
    let c = 0;
    for (let i = 0; i < n; i++) if (pc.get(s, i) === v) c++;
    return c;
  };
  const invariants: Invariant[] = [
    { name: 'few_at_c1', holds: (s) => countPc(s, x.c1) <= x.k1 },
    { name: 'owner_not_at_c2', holds: (s) => owner.get(s) === 0 || pc.get(s, owner.get(s) - 1) !== x.c2 },
    { name: 'c3_needs_c4', holds: (s) => cnt.get(s) !== x.c3 || countPc(s, x.c4) >= 1 },
  ];
  return defineModel({
    name: 'random-symmetric',
    layout,
    rules,
    invariants,
    deadlock: x.deadlock,
    allowIdleThreads: true,
    symmetry: [{ name: 'worker', size: n, indexes: ['pc'], values: [{ field: 'owner', offset: 1 }] }],
  });
}

function violated(o: CheckOutcome): Record<string, number> {
  if (o.verdict === 'error') throw new Error(o.error.message);
  const out: Record<string, number> = {};
  for (const v of o.verdict === 'holds' ? [] : o.violations) out[v.property] = v.trace.steps.length;
  return out;
}

/** The trace replays from the real initial state and ends where its property fails. */
function expectReal(model: Model, v: Violation): void {
  const replay = replayActions(model, 0, v.trace.steps.map((s) => s.action));
  expect(replay.ok, v.property).toBe(true);
  if (!replay.ok) return;
  expect([...replay.trace.initial]).toEqual([...model.initialStates()[0]!]);
  const end = lastState(replay.trace);
  expect([...end]).toEqual([...lastState(v.trace)]);
  if (v.kind === 'invariant') expect(model.invariants.find((i) => i.name === v.property)!.holds(end)).toBe(false);
  if (v.kind === 'deadlock') {
    const ids = new Int32Array(model.actions.length);
    const k = model.enabled(end, ids);
    const next = new Uint32Array(end.length);
    let allSelf = true;
    for (let j = 0; j < k; j++) {
      model.next(end, ids[j]!, next);
      if (next.some((w, i) => w !== end[i])) allSelf = false;
    }
    expect(allSelf, 'a deadlocked state: nothing enabled, or only stutters').toBe(true);
  }
}

describe('symmetric search finds what full search finds', () => {
  it('random symmetric models: same violated properties with equally short traces, and the traces are real', () => {
    fc.assert(
      fc.property(spec, (x) => {
        const model = randomModel(x);
        for (const search of ['bfs', 'dfs'] as const) {
          const full = check(model, { stopAtFirst: false, search });
          const sym = check(model, { stopAtFirst: false, search, symmetry: true });
          const f = violated(full);
          const s = violated(sym);
          expect(Object.keys(s).sort()).toEqual(Object.keys(f).sort());
          if (search === 'bfs') expect(s).toEqual(f); // shortest traces either way
          if (sym.verdict === 'violated') for (const v of sym.violations) expectReal(model, v);
          if (full.verdict === 'holds') {
            expect(sym.verdict).toBe('holds');
            if (sym.verdict === 'holds') expect(sym.stats.reductions?.symmetry?.statesUnreduced).toBe(full.stats.states);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("two-phase commit's end-state deadlock (stuttering): found with symmetry, the same length, replays and minimises", () => {
    const model = twophase({ N: 4 });
    const full = check(model);
    const sym = check(model, { symmetry: true });
    expect(violated(sym)).toEqual(violated(full));
    expect(Object.keys(violated(sym))).toEqual(['deadlock']);
    if (sym.verdict !== 'violated') return;
    expectReal(model, sym.violations[0]!);
    const [m] = minimizeViolations(model, sym.violations);
    expect(m!.result.ok).toBe(true);
  });
});

describe('a declaration the model does not honour is refused before the search', () => {
  it('dining philosophers at a round table: swapping two philosophers is not a symmetry', () => {
    const base = dining({ N: 4 });
    const o = check({ ...base, symmetry: [{ name: 'philosopher', size: 4, indexes: ['pc', 'fork'] }] }, { symmetry: true });
    expect(o.verdict).toBe('error');
    if (o.verdict !== 'error') return;
    expect(o.error.code).toBe('ZR_MODEL_SYMMETRY');
    expect(o.error.message).toMatch(/not symmetric as declared: (swapping|rotating) philosopher/);
    expect(o.error.trace).toBeDefined();
  });
  it('an invariant that names one worker', () => {
    const base = twophase({ N: 3 });
    const p0 = base.layout.fields['p']!;
    const model: Model = { ...base, invariants: [...base.invariants, { name: 'p0_never_committed', holds: (s) => p0.get(s, 0) !== 2 }] };
    const o = check(model, { symmetry: true });
    expect(o.verdict === 'error' && o.error.message).toMatch(/changes the verdict of p0_never_committed/);
  });
});

describe('the parallel search (two threads, both searching)', () => {
  const cases = [
    ['twophase', { N: 5, RESTART: 1 }],
    ['german', { NODES: 3, DATA: 2 }],
    ['boundedbuffer', { P: 3, C: 2, K: 2 }],
  ] as const;
  for (const [name, params] of cases) {
    it(`${name}: the same orbits, transitions and unreduced count as one thread`, async () => {
      const { checkParallel } = await import('../../../src/explorer/parallel/coordinator.ts');
      const { benchModelSpec, loadBenchModel } = await import('../../../bench/models/load.ts');
      const model = loadBenchModel({ name, params });
      const one = check(model, { symmetry: true, deadlock: 'off' });
      let report: ParallelReport | undefined;
      const two = await checkParallel(model, benchModelSpec(name, params), {
        workers: 2,
        symmetry: true,
        deadlock: 'off',
        waitForHelpers: true,
        tableSlots: 64,
        onReport: (r) => (report = r),
      });
      expect(report?.helpersJoined, 'the helper thread joined').toBe(1);
      // Only German has enough orbits (10,470) for the helper to be sure to get a share.
      if (name === 'german') expect(report?.statesByThread[1], 'the helper thread stored states too').toBeGreaterThan(0);
      expect(one.verdict).toBe('holds');
      expect(two.verdict).toBe('holds');
      if (one.verdict !== 'holds' || two.verdict !== 'holds') return;
      expect([two.stats.states, two.stats.transitions, two.stats.depth]).toEqual([one.stats.states, one.stats.transitions, one.stats.depth]);
      expect(two.stats.reductions?.symmetry?.statesUnreduced).toBe(one.stats.reductions?.symmetry?.statesUnreduced);
      expect(two.stats.reductions?.symmetry?.canonicalizations).toBe(one.stats.reductions?.symmetry?.canonicalizations);
    });
  }
  it("two-phase commit's deadlock: found by two threads, as short, and real", async () => {
    const { checkParallel } = await import('../../../src/explorer/parallel/coordinator.ts');
    const { benchModelSpec, loadBenchModel } = await import('../../../bench/models/load.ts');
    const model = loadBenchModel({ name: 'twophase', params: { N: 4 } });
    const one = check(model, { symmetry: true });
    const two = await checkParallel(model, benchModelSpec('twophase', { N: 4 }), { workers: 2, symmetry: true, waitForHelpers: true });
    expect(violated(two)).toEqual(violated(one));
    if (two.verdict === 'violated') expectReal(model, two.violations[0]!);
  });
});

describe('initial states that are not closed under the permutations', () => {
  it('the search is still sound (same verdicts), but the unreduced count is not claimed', () => {
    const base = twophase({ N: 3, RESTART: 0 });
    const p = base.layout.fields['p']!;
    const vote = base.layout.fields['vote']!;
    // Participant 0 has already voted yes; the rules and properties stay symmetric.
    const model: Model = {
      ...base,
      initialStates: () =>
        base.initialStates().map((s) => {
          const t = s.slice();
          p.set(t, 'Ready', 0);
          vote.set(t, 'Yes', 0);
          return t;
        }),
    };
    for (const deadlock of ['off', 'stuttering'] as const) {
      const full = check(model, { deadlock, stopAtFirst: false });
      const sym = check(model, { deadlock, stopAtFirst: false, symmetry: true });
      expect(violated(sym)).toEqual(violated(full));
      if (sym.verdict === 'error') return;
      expect(sym.stats.reductions?.symmetry?.initialStatesSymmetric).toBe(false);
      expect(sym.stats.reductions?.symmetry?.statesUnreduced).toBeUndefined();
      if (sym.verdict === 'violated') for (const v of sym.violations) expectReal(model, v);
    }
    const closed = check(twophase({ N: 3 }), { deadlock: 'off', symmetry: true });
    expect(closed.verdict === 'holds' && closed.stats.reductions?.symmetry?.initialStatesSymmetric).toBe(true);
  });
});

describe('the declaration check on a throwing property', () => {
  it('a property that throws only on a permuted state is reported as asymmetric, not thrown', () => {
    const base = twophase({ N: 3 });
    const p = base.layout.fields['p']!;
    const model: Model = {
      ...base,
      invariants: [
        ...base.invariants,
        {
          name: 'fussy',
          holds: (s) => {
            if (p.get(s, 1) === 1 && p.get(s, 0) === 0) throw new Error('participant 1 ready before 0');
            return true;
          },
        },
      ],
    };
    const o = check(model, { symmetry: true });
    expect(o.verdict === 'error' && o.error.code).toBe('ZR_MODEL_SYMMETRY');
    expect(o.verdict === 'error' && o.error.message).toMatch(/the verdict of fussy \(it throws on the permuted state: participant 1 ready before 0\)/);
  });
});
