/**
 * Dining philosophers, naive (left fork, then right): the zrcheck twin of
 * test/parity/murphi/dining.m. Every philosopher holding a left fork is a stuck deadlock.
 * With ASYM=1 the last philosopher is left-handed (right fork first, through the extra phase
 * HasRight): the resource-ordering fix, deadlock-free, which the benchmark uses so that the
 * whole state space is explored (bench/models/dining.ts).
 */
import { bool, defineLayout, defineModel, oneOf, ruleset } from '../../src/index.ts';
import type { Model, Rule } from '../../src/index.ts';
import { intParam, onlyParams } from './params.ts';

const THINKING = 0;
const HUNGRY = 1;
const HAS_LEFT = 2;
const EATING = 3;
const HAS_RIGHT = 4; // only with ASYM=1: the left-handed philosopher holds its right fork

export default function dining(raw: Readonly<Record<string, unknown>> = {}): Model {
  onlyParams('dining', raw, ['N', 'ASYM']);
  const N = intParam('dining', raw, 'N', 4, 2, 12);
  const ASYM = intParam('dining', raw, 'ASYM', 0, 0, 1);
  const layout = defineLayout({
    pc: oneOf(['Thinking', 'Hungry', 'HasLeft', 'Eating', ...(ASYM ? ['HasRight'] : [])], N),
    // fork[i] lies between philosopher i and i+1 (mod N); true = taken.
    fork: bool(N),
  });
  const { pc, fork } = layout.fields;
  const rules = ruleset(N, (i): Rule[] => {
    const thread = `phil${i}`;
    const right = (i + 1) % N;
    // Footprints (for --por): which fork and pc elements each rule touches.
    const me = `pc[${i}]`;
    const fp = (fork: number, phase: string) => ({ guard: [me, `fork[${fork}]`], reads: [], writes: [me, `fork[${fork}]`], when: { [me]: phase } });
    const hungry: Rule = {
      name: `hungry[${i}]`,
      thread,
      guard: (s) => pc.get(s, i) === THINKING,
      update: (_s, n) => pc.set(n, HUNGRY, i),
      footprint: { guard: [me], reads: [], writes: [me], when: { [me]: 'Thinking' } },
    };
    const release: Rule = {
      name: `release[${i}]`,
      thread,
      guard: (s) => pc.get(s, i) === EATING,
      update: (_s, n) => {
        fork.set(n, 0, i);
        fork.set(n, 0, right);
        pc.set(n, THINKING, i);
      },
      footprint: { guard: [me], reads: [], writes: [me, `fork[${i}]`, `fork[${right}]`], when: { [me]: 'Eating' } },
    };
    if (ASYM && i === N - 1) {
      return [
        hungry,
        {
          name: `take_right_first[${i}]`,
          thread,
          guard: (s) => pc.get(s, i) === HUNGRY && !fork.is(s, right),
          update: (_s, n) => {
            fork.set(n, 1, right);
            pc.set(n, HAS_RIGHT, i);
          },
          footprint: fp(right, 'Hungry'),
        },
        {
          name: `take_left_second[${i}]`,
          thread,
          guard: (s) => pc.get(s, i) === HAS_RIGHT && !fork.is(s, i),
          update: (_s, n) => {
            fork.set(n, 1, i);
            pc.set(n, EATING, i);
          },
          footprint: fp(i, 'HasRight'),
        },
        release,
      ];
    }
    return [
      hungry,
      {
        name: `take_left[${i}]`,
        thread,
        guard: (s) => pc.get(s, i) === HUNGRY && !fork.is(s, i),
        update: (_s, n) => {
          fork.set(n, 1, i);
          pc.set(n, HAS_LEFT, i);
        },
        footprint: fp(i, 'Hungry'),
      },
      {
        name: `take_right[${i}]`,
        thread,
        guard: (s) => pc.get(s, i) === HAS_LEFT && !fork.is(s, right),
        update: (_s, n) => {
          fork.set(n, 1, right);
          pc.set(n, EATING, i);
        },
        footprint: fp(right, 'HasLeft'),
      },
      release,
    ];
  });
  return defineModel({
    name: ASYM ? `dining(N=${N},ASYM=1)` : `dining(N=${N})`,
    layout,
    rules,
    invariants: [
      {
        name: 'neighbours_never_eat_together',
        reads: ['pc'],
        holds: (s) => {
          for (let i = 0; i < N; i++) if (pc.get(s, i) === EATING && pc.get(s, (i + 1) % N) === EATING) return false;
          return true;
        },
      },
    ],
    deadlock: 'stuck',
    params: ASYM ? { N, ASYM } : { N },
  });
}
