/**
 * The example models' footprints: --verify-footprints accepts every one, partial-order
 * reduction gives each the verdicts of the full search (BFS and DFS) and never more states,
 * a footprint broken on purpose is caught, and on the models where the threads are loosely
 * coupled (dining philosophers' deadlock) the reduction is large.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/explorer/check.ts';
import type { Model } from '../../src/explorer/model.ts';
import type { CheckOutcome } from '../../src/explorer/outcome.ts';
import { selectProperties } from '../../src/properties/select.ts';
import quickstart from '../../examples/quickstart.ts';
import dining from '../../examples/dining.ts';
import zrWbJc from '../../examples/zr-wb-jc.ts';
import bakery from '../../examples/classic/bakery.ts';
import boundedBuffer from '../../examples/classic/boundedbuffer.ts';
import classicDining from '../../examples/classic/dining.ts';
import german from '../../examples/classic/german.ts';
import naiveMutex from '../../examples/classic/naive-mutex.ts';
import peterson from '../../examples/classic/peterson.ts';
import twophase from '../../examples/classic/twophase.ts';

const MODELS: Array<[string, () => Model]> = [
  ['quickstart N=3', () => quickstart({ N: 3 })],
  ['dining N=5', () => dining({ N: 5 })],
  ['zr-wb-jc fixed', () => zrWbJc({ NZR: 2, NP: 2, VARIANT: 'fixed' })],
  ['zr-wb-jc buggy', () => zrWbJc({ NZR: 2, NP: 2, VARIANT: 'buggy' })],
  ['bakery', () => bakery({ N: 2, MAXT: 4 })],
  ['boundedbuffer', () => boundedBuffer({ P: 2, C: 2, K: 2 })],
  ['classic dining', () => classicDining({ N: 5 })],
  ['classic dining ASYM', () => classicDining({ N: 5, ASYM: 1 })],
  ['german', () => german({ NODES: 2, DATA: 2 })],
  ['naive-mutex', () => naiveMutex({ N: 3 })],
  ['peterson', () => peterson({ N: 3 })],
  ['twophase', () => twophase({ N: 3 })],
  ['twophase RESTART', () => twophase({ N: 3, RESTART: 1 })],
];

function verdicts(o: CheckOutcome): string {
  if (o.verdict === 'error') return `error: ${o.error.message}`;
  return o.properties.map((p) => `${p.property}:${p.status}`).join(' ');
}

function states(o: CheckOutcome): number {
  return o.verdict === 'error' ? -1 : o.stats.states;
}

describe('example footprints', () => {
  for (const [name, make] of MODELS) {
    it(`${name}: verified, and POR keeps the verdicts (all properties, and deadlock alone)`, () => {
      const full = make();
      const v = check(full, { verifyFootprints: true });
      expect(v.verdict === 'error' ? v.error.message : 'ok').toBe('ok');
      const deadlockOnly = selectProperties(full, ['deadlock']);
      if (typeof deadlockOnly === 'string') throw new Error(deadlockOnly);
      for (const model of [full, deadlockOnly.model]) {
        const want = check(model, { stopAtFirst: false });
        for (const search of ['bfs', 'dfs'] as const) {
          const got = check(model, { stopAtFirst: false, por: true, search });
          expect(verdicts(got)).toBe(verdicts(want));
          expect(states(got)).toBeLessThanOrEqual(states(want));
        }
      }
    });
  }

  it('dining philosophers (N=7): the deadlock is found with under a tenth of the states', () => {
    const m = dining({ N: 7 });
    const full = check(m, { stopAtFirst: false });
    const por = check(m, { stopAtFirst: false, por: true });
    expect(verdicts(por)).toBe('deadlock:violated');
    expect(states(full)).toBe(7269);
    expect(states(por)).toBeLessThan(727);
    if (por.verdict !== 'error') expect(por.stats.reductions?.por?.reducedStates).toBeGreaterThan(0);
  });

  it('a footprint broken on purpose fails verification, naming the rule, the field and the state', () => {
    const m = classicDining({ N: 3 });
    const i = m.actions.findIndex((a) => a.name === 'take_left[1]');
    const broken: Model = {
      ...m,
      actions: m.actions.map((a, k) => (k === i ? { ...a, footprint: { ...a.footprint!, guard: ['pc[1]'] } } : a)),
    };
    const o = check(broken, { verifyFootprints: true });
    expect(o.verdict).toBe('error');
    if (o.verdict !== 'error') return;
    expect(o.error.code).toBe('ZR_MODEL_FOOTPRINT');
    expect(o.error.message).toMatch(/^rule "take_left\[1\]" guard reads fork\[1\], which its declaration leaves out \(declared: pc\[1\]\), in state pc=\[[^\]]*Hungry/);
    expect(o.error.trace).toBeDefined();
  });

  it('a wrong `when` value is caught where the guard holds without it', () => {
    const m = classicDining({ N: 3 });
    const i = m.actions.findIndex((a) => a.name === 'hungry[0]');
    const broken: Model = {
      ...m,
      actions: m.actions.map((a, k) => (k === i ? { ...a, footprint: { ...a.footprint!, when: { 'pc[0]': 'Eating' } } } : a)),
    };
    const o = check(broken, { verifyFootprints: true });
    expect(o.verdict === 'error' ? o.error.message : '').toMatch(/^rule "hungry\[0\]": the guard holds with pc\[0\] = 0, but its footprint.when needs 3/);
  });

  it('--por refuses a model whose actions declare no footprint, naming them', () => {
    const m = classicDining({ N: 3 });
    const bare: Model = { ...m, actions: m.actions.map(({ footprint: _f, ...a }) => a) };
    const o = check(bare, { por: true });
    expect(o.verdict === 'error' ? o.error.message : '').toMatch(/^--por needs a footprint on every action; 12 of 12 have none \("hungry\[0\]"/);
  });
});
