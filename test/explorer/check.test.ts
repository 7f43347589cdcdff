import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { check } from '../../src/explorer/check.ts';
import { defineModel } from '../../src/explorer/define.ts';
import { defineLayout, range } from '../../src/explorer/layout.ts';
import type { CheckOutcome } from '../../src/explorer/outcome.ts';
import { lastState } from '../../src/explorer/trace.ts';
import { distances, graphModel, type Graph } from '../helpers/randomGraph.ts';

const graphArb: fc.Arbitrary<Graph> = fc.integer({ min: 1, max: 40 }).chain((nodes) =>
  fc.record({
    nodes: fc.constant(nodes),
    edges: fc.array(fc.array(fc.nat(nodes - 1), { maxLength: 3 }), { minLength: nodes, maxLength: nodes }),
    initial: fc.array(fc.nat(nodes - 1), { minLength: 1, maxLength: 2 }),
    bad: fc.array(fc.nat(nodes - 1), { maxLength: 3 }),
    ends: fc.array(fc.nat(nodes - 1), { maxLength: nodes }),
  }),
);

function violated(o: CheckOutcome): string[] {
  return o.verdict === 'error' ? ['error'] : o.properties.filter((p) => p.status === 'violated').map((p) => p.property).sort();
}

describe('check on random graphs against a reference BFS', () => {
  test.prop([graphArb])('BFS stores exactly the reachable nodes and fires every out-edge once', (g0) => {
    // no violations, so the search never stops early
    const g = { ...g0, bad: [], ends: Array.from({ length: g0.nodes }, (_, i) => i) };
    const o = check(graphModel(g), { stopAtFirst: false, store: 'exact' });
    expect(o.verdict).toBe('holds');
    if (o.verdict === 'error') throw new Error(o.error.message);
    const d = distances(g);
    expect(o.stats.states).toBe(d.size);
    expect(o.stats.transitions).toBe([...d.keys()].reduce((n, k) => n + g.edges[k]!.length, 0));
  });

  test.prop([graphArb, fc.constantFrom('stuck' as const, 'stuttering' as const)])('BFS counterexamples are shortest and end in a violating state', (g, mode) => {
    const model = graphModel(g);
    const o = check(model, { stopAtFirst: false, deadlock: mode });
    const d = distances(g);
    const bad = [...d.keys()].filter((n) => g.bad.includes(n));
    // stuck: no move at all; stuttering also: every move loops back to the same node
    const stalls = (n: number) => (mode === 'stuck' ? g.edges[n]!.length === 0 : g.edges[n]!.every((m) => m === n));
    const dead = [...d.keys()].filter((n) => stalls(n) && !g.ends.includes(n));
    expect(violated(o)).toEqual([...(dead.length ? ['deadlock'] : []), ...(bad.length ? ['good'] : [])]);
    if (o.verdict !== 'violated') return;
    for (const v of o.violations) {
      const targets = v.property === 'good' ? bad : dead;
      const end = model.layout.fields.node!.get(lastState(v.trace));
      expect(targets).toContain(end);
      expect(v.trace.steps.length).toBe(Math.min(...targets.map((n) => d.get(n)!)));
    }
  });

  test.prop([graphArb, fc.integer({ min: 1, max: 16 }), fc.constantFrom('stuck' as const, 'stuttering' as const)])('DFS and bounded caching give the same verdicts as exact BFS', (g, cap, deadlock) => {
    const model = graphModel(g);
    const ref = violated(check(model, { stopAtFirst: false, store: 'exact', deadlock }));
    expect(violated(check(model, { stopAtFirst: false, search: 'dfs', deadlock }))).toEqual(ref);
    const bounded = check(model, { stopAtFirst: false, store: 'bounded', cacheCapacity: cap, deadlock });
    expect(violated(bounded)).toEqual(ref);
    if (bounded.verdict !== 'error') expect(bounded.stats.states).toBeGreaterThanOrEqual(Math.min(distances(g).size, 1));
  });
});

describe('check outcomes', () => {
  const L = defineLayout({ x: range(0, 9) });
  const x = L.fields.x;
  const counter = (over: (s: Uint32Array, n: Uint32Array) => void) =>
    defineModel({ name: 'counter', layout: L, rules: [{ name: 'inc', thread: 't', guard: (s) => x.get(s) < 9, update: over }], isValidEnd: () => true });

  it('holds on an exhaustive run and says so per property', () => {
    const o = check(counter((s, n) => x.set(n, x.get(s) + 1)));
    expect(o.verdict).toBe('holds');
    if (o.verdict === 'holds') expect(o.properties).toEqual([{ property: 'deadlock', status: 'holds' }]);
  });

  it('a state limit gives incomplete, never holds', () => {
    const o = check(counter((s, n) => x.set(n, x.get(s) + 1)), { maxStates: 4 });
    expect(o.verdict).toBe('incomplete');
    if (o.verdict === 'incomplete') {
      expect(o.limit).toEqual({ kind: 'states', limit: 4, unit: 'states' });
      expect(o.properties.every((p) => p.status === 'incomplete')).toBe(true);
    }
  });

  it('a depth limit gives incomplete in BFS and DFS', () => {
    for (const search of ['bfs', 'dfs'] as const) {
      const o = check(counter((s, n) => x.set(n, x.get(s) + 1)), { maxDepth: 3, search });
      expect(o.verdict).toBe('incomplete');
    }
  });

  it('an out-of-range write is a model error naming the action and the value', () => {
    const o = check(counter((s, n) => x.set(n, x.get(s) + 2)));
    expect(o.verdict).toBe('error');
    if (o.verdict === 'error') {
      expect(o.error.code).toBe('ZR_MODEL_RANGE');
      expect(o.error.message).toMatch(/update of rule "inc": value 10 written to field x/);
    }
  });

  it('raw writes outside the layout are caught as stray bits', () => {
    const o = check(counter((s, n) => { n[0] = s[0]! | 0x100; }));
    expect(o.verdict === 'error' && o.error.code).toBe('ZR_MODEL_STRAY_BITS');
  });

  describe('stray bits are caught at the successor a one-state-at-a-time search meets first (parallel: parallel.test.ts)', () => {
    // x counts up to 9 on two threads; `poke` writes a raw bit outside x (word 0, bit 8) when x
    // reaches its trigger, `late` does too at 7; `bad` breaks an invariant at `badAt`.
    const SL = defineLayout({ x: range(0, 15) });
    const { x } = SL.fields;
    const model = (pokeAt: number, badAt: number) =>
      defineModel({
        name: 'stray-order',
        layout: SL,
        rules: [
          { name: 'inc', thread: 'a', guard: (s) => x.get(s) < 9, update: (s, n) => x.set(n, x.get(s) + 1) },
          { name: 'poke', thread: 'b', guard: (s) => x.get(s) === pokeAt, update: (s, n) => { n[0] = s[0]! | 0x100; } },
          { name: 'late', thread: 'b', guard: (s) => x.get(s) === 7, update: (s, n) => { n[0] = s[0]! | 0x200; } },
          { name: 'jump', thread: 'b', guard: (s) => x.get(s) === 2, update: (_s, n) => x.set(n, badAt) },
        ],
        invariants: [{ name: 'below', holds: (s) => x.get(s) !== 12 }],
        deadlock: 'off',
      });
    {
      it('the shallower of two stray writes, named by its rule', () => {
        const o = check(model(4, 0));
        expect(o.verdict === 'error' && o.error.message).toMatch(/update of action "poke": successor wrote bits outside the declared layout in word 0/);
      });
      it('an invariant broken at a smaller depth is reported, not the stray write after it', () => {
        // jump (x=2 -> 12) breaks `below` at depth 3; poke at x=3 is met at depth 4.
        const o = check(model(3, 12));
        expect(o.verdict).toBe('violated');
        if (o.verdict === 'violated') expect(o.violations[0]!.property).toBe('below');
      });
    }
  });

  it('a throwing guard is reported, not thrown', () => {
    const m = defineModel({ name: 'boom', layout: L, rules: [{ name: 'r', thread: 't', guard: () => { throw new Error('kaput'); }, update: () => {} }] });
    const o = check(m);
    expect(o.verdict === 'error' && o.error.message).toMatch(/kaput/);
  });

  it('a malformed model is a shape error', () => {
    const o = check({ name: 'x' } as never);
    expect(o.verdict === 'error' && o.error.code).toBe('ZR_MODEL_SHAPE');
  });

  it('stuttering deadlock mode flags states whose every action loops back', () => {
    const m = defineModel({ name: 'spin', layout: L, rules: [{ name: 'nop', thread: 't', guard: () => true, update: () => {} }] });
    expect(check(m, { deadlock: 'stuck' }).verdict).toBe('holds');
    const o = check(m); // stuttering is the default, as in Rumur
    expect(o.verdict).toBe('violated');
    if (o.verdict === 'violated') expect(o.violations[0]!.trace.steps.length).toBe(0);
    expect(check(m, { deadlock: 'stuttering', search: 'dfs' }).verdict).toBe('violated');
  });

  it('abort stops a run as incomplete', () => {
    const big = defineLayout({ a: range(0, 1000), b: range(0, 1000) });
    const m = defineModel({
      name: 'grid', layout: big,
      rules: [
        { name: 'a', thread: 't', guard: (s) => big.fields.a.get(s) < 1000, update: (s, n) => big.fields.a.set(n, big.fields.a.get(s) + 1) },
        { name: 'b', thread: 't', guard: (s) => big.fields.b.get(s) < 1000, update: (s, n) => big.fields.b.set(n, big.fields.b.get(s) + 1) },
      ],
      isValidEnd: () => true,
    });
    const o = check(m, { shouldAbort: () => true, progressIntervalMs: 0 });
    expect(o.verdict === 'incomplete' && o.limit.kind).toBe('aborted');
    let events = 0;
    check(m, { onProgress: () => events++, progressIntervalMs: 0 });
    expect(events).toBeGreaterThan(0);
  });
});

describe('several properties broken by one state', () => {
  it('each gets the shortest trace, not only the first invariant listed', () => {
    const L = defineLayout({ x: range(0, 5) });
    const x = L.fields.x;
    const m = defineModel({
      name: 'two', layout: L,
      rules: [{ name: 'inc', thread: 't', guard: (s) => x.get(s) < 5, update: (s, n) => x.set(n, x.get(s) + 1) }],
      invariants: [
        { name: 'below3', holds: (s) => x.get(s) < 3 },
        { name: 'alsoBelow3', holds: (s) => x.get(s) < 3 }, // first fails on the same state as below3
        { name: 'below4', holds: (s) => x.get(s) < 4 },
        { name: 'not2', holds: (s) => x.get(s) !== 2 },
      ],
      isValidEnd: () => true,
    });
    for (const search of ['bfs', 'dfs'] as const) {
      const o = check(m, { stopAtFirst: false, search });
      expect(o.verdict).toBe('violated');
      if (o.verdict !== 'violated') continue;
      const len = Object.fromEntries(o.violations.map((v) => [v.property, v.trace.steps.length]));
      expect(len).toEqual({ below3: 3, alsoBelow3: 3, below4: 4, not2: 2 });
    }
  });
});
