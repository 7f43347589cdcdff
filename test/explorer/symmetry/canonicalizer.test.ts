/**
 * Property tests of the canonical form (src/explorer/symmetry/canonicalizer.ts) on random
 * states of a layout with two symmetric sets, multi-element blocks, a field indexed by one set
 * holding members of the other, one indexed by a set holding members of the same set (a
 * successor pointer), a scalar and a plain array naming members, and plain data;
 * and on a layout without value fields (sorting only). Against brute force over every
 * permutation: the form is invariant under every permutation, idempotent, one of the state's
 * images, the least image in the documented order (member keys first, then the packed words),
 * and the orbit size is the number of distinct images.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bool, defineLayout, range, type Layout } from '../../../src/index.ts';
import { Canonicalizer } from '../../../src/explorer/symmetry/canonicalizer.ts';
import { planSymmetry } from '../../../src/explorer/symmetry/plan.ts';
import type { Scalarset } from '../../../src/explorer/model.ts';

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const p of permutations(n - 1)) for (let i = 0; i <= p.length; i++) out.push([...p.slice(0, i), n - 1, ...p.slice(i)]);
  return out;
}

interface Fixture {
  readonly layout: Layout;
  readonly sets: readonly Scalarset[];
  /** Each member's key as the canonicaliser documents it, from the state itself. */
  readonly keys: (s: Uint32Array) => number[][][];
}

function withValues(nA: number, nB: number): Fixture {
  const layout = defineLayout({
    g: range(0, 5),
    a1: range(0, 2, nA * 2),
    owner: range(0, nA),
    a2: bool(nA),
    aPtr: range(0, nB, nA),
    b1: range(0, 3, nB),
    q: range(0, nA - 1, 3),
    next: range(0, nA - 1, nA),
  });
  const f = layout.fields;
  const sets: Scalarset[] = [
    { name: 'A', size: nA, indexes: ['a1', 'a2', 'aPtr', 'next'], values: [{ field: 'owner', offset: 1 }, 'q', 'next'] },
    { name: 'B', size: nB, indexes: ['b1'], values: [{ field: 'aPtr', offset: 1 }] },
  ];
  const count = (s: Uint32Array, field: typeof f.q, value: number) => {
    let c = 0;
    for (let e = 0; e < field.count; e++) if (field.get(s, e) === value) c++;
    return c;
  };
  const keys = (s: Uint32Array) => [
    Array.from({ length: nA }, (_, m) => [f.a1.get(s, 2 * m), f.a1.get(s, 2 * m + 1), f.a2.get(s, m), count(s, f.owner, m + 1), count(s, f.q, m), count(s, f.next, m)]),
    Array.from({ length: nB }, (_, m) => [f.b1.get(s, m), count(s, f.aPtr, m + 1)]),
  ];
  return { layout, sets, keys };
}

function withoutValues(n: number): Fixture {
  const layout = defineLayout({ c: range(0, 3), p: range(0, 3, n), ack: bool(n), g: range(0, 2) });
  const f = layout.fields;
  const sets: Scalarset[] = [{ name: 'P', size: n, indexes: ['p', 'ack'] }];
  return { layout, sets, keys: (s) => [Array.from({ length: n }, (_, m) => [f.p.get(s, m), f.ack.is(s, m) ? 1 : 0])] };
}

function randomState(layout: Layout, rnd: () => number): Uint32Array {
  const s = layout.blank();
  for (const f of layout.fieldList) for (let i = 0; i < f.count; i++) f.set(s, f.min + Math.floor(rnd() * (f.max - f.min + 1)), i);
  return s;
}

/** The documented order: each set's member keys in member order, then the words. */
function orderKey(fx: Fixture, s: Uint32Array): number[] {
  return [...fx.keys(s).flat(2), ...s];
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

function checkFixture(fx: Fixture, seed: number): void {
  const plan = planSymmetry(fx.layout, fx.sets);
  const canon = new Canonicalizer(plan, fx.layout.words);
  let x = seed >>> 0 || 1;
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296);
  // Small ranges and some repeated members: ties, the interesting case.
  const s = randomState(fx.layout, rnd);
  const W = fx.layout.words;
  const c = new Uint32Array(W);
  canon.canonicalize(s, c);
  const orbit = canon.orbitSize;
  const c2 = new Uint32Array(W);
  canon.canonicalize(c, c2);
  expect([...c2], 'idempotent').toEqual([...c]);
  const groups = plan.sets.map((set) => permutations(set.size));
  const combos: Int32Array[][] = [[]];
  for (const g of groups) {
    const next: Int32Array[][] = [];
    for (const prefix of combos) for (const p of g) next.push([...prefix, Int32Array.from(p)]);
    combos.splice(0, combos.length, ...next);
  }
  const images = new Set<string>();
  let least: number[] | undefined;
  let leastWords: number[] = [];
  const t = new Uint32Array(W);
  const ct = new Uint32Array(W);
  for (const perms of combos) {
    canon.apply(s, perms, t);
    expect(fx.layout.strayWord(t)).toBe(-1);
    images.add(t.join(','));
    canon.canonicalize(t, ct);
    expect([...ct], `invariant under ${perms.map((p) => `[${[...p]}]`).join(' ')}`).toEqual([...c]);
    const k = orderKey(fx, t);
    if (least === undefined || lexLess(k, least)) {
      least = k;
      leastWords = [...t];
    }
  }
  expect(images.has(c.join(',')), 'the form is an image of the state').toBe(true);
  expect([...c], 'the least image in the documented order').toEqual(leastWords);
  expect(orbit, 'orbit size').toBe(images.size);
}

describe('Canonicalizer', () => {
  it('two sets with value fields (A of 1..4, B of 1..3): invariant, idempotent, least image, orbit size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer(), (nA, nB, seed) => checkFixture(withValues(nA, nB), seed)),
      { numRuns: 150 },
    );
  });
  it('one set without value fields (sorting only, 1..6 members)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer(), (n, seed) => checkFixture(withoutValues(n), seed)),
      { numRuns: 100 },
    );
  });
});
