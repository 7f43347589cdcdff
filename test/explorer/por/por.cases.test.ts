/**
 * The three conditions partial-order reduction rests on, each with the smallest model that
 * breaks without it: the cycle (ignoring) proviso, the necessary enabling sets of disabled
 * actions, and visibility. Each is checked with BFS and DFS; the reduced search must find
 * what the full one finds.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/explorer/check.ts';
import { defineModel } from '../../../src/explorer/define.ts';
import { defineLayout, range } from '../../../src/explorer/layout.ts';
import type { Model } from '../../../src/explorer/model.ts';
import type { CheckOptions } from '../../../src/explorer/options.ts';
import { checkParallel } from '../../../src/explorer/parallel/coordinator.ts';

const layout = defineLayout({ a: range(0, 2), g: range(0, 1), y: range(0, 1) });
const { a, g, y } = layout.fields;

/** A spins a through 0,1,2,0,... (invisible, independent of B); B sets y, which the invariant reads. */
function ignoring(): Model {
  return defineModel({
    name: 'ignoring',
    layout,
    rules: [
      { name: 'spin', thread: 'A', guard: () => true, update: (s, n) => a.set(n, (a.get(s) + 1) % 3), footprint: { guard: [], reads: ['a'], writes: ['a'] } },
      { name: 'set', thread: 'B', guard: (s) => y.get(s) === 0, update: (_s, n) => y.set(n, 1), footprint: { guard: ['y'], reads: [], writes: ['y'], when: { y: 0 } } },
    ],
    invariants: [{ name: 'y_stays_0', reads: ['y'], holds: (s) => y.get(s) === 0 }],
    deadlock: 'off',
  });
}

/** Only C can enable B, which A depends on: the deadlock a=0,y=1 needs C then B before A. */
function enabling(): Model {
  return defineModel({
    name: 'enabling',
    layout,
    rules: [
      { name: 'A', thread: 'A', guard: (s) => a.get(s) === 0 && y.get(s) === 0, update: (_s, n) => a.set(n, 1), footprint: { guard: ['a', 'y'], reads: [], writes: ['a'] } },
      { name: 'B', thread: 'B', guard: (s) => g.get(s) === 1 && y.get(s) === 0, update: (_s, n) => y.set(n, 1), footprint: { guard: ['g', 'y'], reads: [], writes: ['y'] } },
      { name: 'C', thread: 'C', guard: (s) => g.get(s) === 0, update: (_s, n) => g.set(n, 1), footprint: { guard: ['g'], reads: [], writes: ['g'] } },
    ],
    isValidEnd: (s) => a.get(s) === 1,
    deadlock: 'stuck',
  });
}

/** Two independent steps; the invariant reads what both write (only their order can break it). */
function visibility(): Model {
  return defineModel({
    name: 'visibility',
    layout,
    rules: [
      { name: 'A', thread: 'A', guard: (s) => a.get(s) === 0, update: (_s, n) => a.set(n, 1), footprint: { guard: ['a'], reads: [], writes: ['a'] } },
      { name: 'B', thread: 'B', guard: (s) => y.get(s) === 0, update: (_s, n) => y.set(n, 1), footprint: { guard: ['y'], reads: [], writes: ['y'] } },
    ],
    invariants: [{ name: 'not_y_before_a', reads: ['a', 'y'], holds: (s) => !(y.get(s) === 1 && a.get(s) === 0) }],
    deadlock: 'off',
  });
}

const searches: CheckOptions[] = [{ search: 'bfs' }, { search: 'dfs' }];

describe('partial-order reduction keeps what each condition protects', () => {
  for (const [what, make, property] of [
    ['the cycle proviso', ignoring, 'y_stays_0'],
    ['necessary enabling sets', enabling, 'deadlock'],
    ['visibility', visibility, 'not_y_before_a'],
  ] as const) {
    for (const o of searches) {
      it(`${what} (${o.search})`, () => {
        const model = make();
        const full = check(model, { ...o, stopAtFirst: false });
        const por = check(model, { ...o, stopAtFirst: false, por: true });
        expect(full.verdict).toBe('violated');
        expect(por.verdict).toBe('violated');
        if (por.verdict !== 'violated') return;
        expect(por.violations.map((v) => v.property)).toEqual([property]);
        expect(por.stats.reductions?.por).toBeDefined();
      });
    }
  }
});

describe('partial-order reduction and the parallel search', () => {
  it('checkParallel with por runs the reduced search on one thread and says so', async () => {
    const warnings: string[] = [];
    const model = ignoring();
    const spec = {} as Parameters<typeof checkParallel>[1]; // not used: no helper thread starts
    const o = await checkParallel(model, spec, { por: true, stopAtFirst: false, workers: 2, onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual(['partial-order reduction searches on one thread; the 2 workers are not used']);
    expect(o.verdict === 'violated' && o.stats.reductions?.por !== undefined).toBe(true);
  });
});
