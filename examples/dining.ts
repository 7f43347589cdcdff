// Dining philosophers who all take their left fork first: the classic deadlock, with the
// wait-for cycle zrcheck prints from `waitsFor`. Shows oneOf names and declared params.
// Outside this repository, import from 'zrcheck' instead of '../src/index.ts'.
import { defineLayout, defineModel, intParam, oneOf, range, ruleset, type ParamsOf } from '../src/index.ts';

export const params = { N: intParam(3, { min: 2, max: 8, description: 'philosophers' }) };

export default function dining({ N }: ParamsOf<typeof params> = { N: 3 }) {
  const L = defineLayout({
    phase: oneOf(['THINKING', 'HUNGRY', 'EATING'], N),
    holder: range(-1, N - 1, N), // who holds fork f (-1: on the table)
  });
  const { phase, holder } = L.fields;
  const left = (p: number) => p;
  const right = (p: number) => (p + 1) % N;
  return defineModel({
    name: `dining(${N})`,
    layout: L,
    init: (s) => {
      for (let f = 0; f < N; f++) holder.set(s, -1, f);
    },
    rules: ruleset(N, (p) => [
      {
        name: `hungry[${p}]`,
        thread: `p${p}`,
        guard: (s) => phase.nameOf(s, p) === 'THINKING',
        update: (_s, n) => phase.set(n, 'HUNGRY', p),
        // What the rule touches, for --por (checked by --verify-footprints).
        footprint: { guard: [`phase[${p}]`], reads: [], writes: [`phase[${p}]`], when: { [`phase[${p}]`]: 'THINKING' } },
      },
      {
        name: `takeLeft[${p}]`,
        footprint: { guard: [`phase[${p}]`, `holder[${left(p)}]`], reads: [], writes: [`holder[${left(p)}]`], when: { [`phase[${p}]`]: 'HUNGRY' } },
        thread: `p${p}`,
        guard: (s) => phase.get(s, p) === phase.value('HUNGRY') && holder.get(s, left(p)) === -1,
        update: (_s, n) => holder.set(n, p, left(p)),
      },
      {
        name: `takeRight[${p}]`,
        // `when`: values the guard needs (holding the left fork means being HUNGRY here).
        footprint: { guard: [`holder[${left(p)}]`, `holder[${right(p)}]`], reads: [], writes: [`holder[${right(p)}]`, `phase[${p}]`], when: { [`phase[${p}]`]: 'HUNGRY' } },
        thread: `p${p}`,
        guard: (s) => holder.get(s, left(p)) === p && holder.get(s, right(p)) === -1,
        update: (_s, n) => {
          holder.set(n, p, right(p));
          phase.set(n, 'EATING', p);
        },
      },
    ]),
    // A hungry philosopher holding its left fork waits for whoever holds its right one.
    // `on` lists thread indices (threads are numbered in order of first use: p0, p1, ...).
    waitsFor: (s, p) =>
      phase.nameOf(s, p) === 'HUNGRY' && holder.get(s, left(p)) === p && holder.get(s, right(p)) >= 0
        ? { kind: 'fork', what: `fork ${right(p)}`, on: [holder.get(s, right(p))] }
        : undefined,
  });
}
