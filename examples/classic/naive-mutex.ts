/**
 * A flawed mutex (test the other flags, then set your own): the zrcheck twin of
 * test/parity/murphi/naive-mutex.m. The race violates mutual_exclusion in 6 steps.
 */
import { bool, defineLayout, defineModel, oneOf, ruleset } from '../../src/index.ts';
import type { Model, Rule } from '../../src/index.ts';
import { intParam, onlyParams } from './params.ts';

const IDLE = 0;
const TEST = 1;
const SET = 2;
const CRIT = 3;

export default function naiveMutex(raw: Readonly<Record<string, unknown>> = {}): Model {
  onlyParams('naive-mutex', raw, ['N']);
  const N = intParam('naive-mutex', raw, 'N', 2, 2, 8);
  const layout = defineLayout({ flag: bool(N), pc: oneOf(['Idle', 'Test', 'Set', 'Crit'], N) });
  const { flag, pc } = layout.fields;
  const othersClear = (s: Uint32Array, i: number): boolean => {
    for (let k = 0; k < N; k++) if (k !== i && flag.is(s, k)) return false;
    return true;
  };
  const rules = ruleset(N, (i): Rule[] => {
    const thread = `p${i}`;
    return [
      {
        name: `try[${i}]`,
        thread,
        guard: (s) => pc.get(s, i) === IDLE,
        update: (_s, n) => pc.set(n, TEST, i),
        footprint: { guard: [`pc[${i}]`], reads: [], writes: [`pc[${i}]`], when: { [`pc[${i}]`]: 'Idle' } },
      },
      {
        name: `test[${i}]`,
        thread,
        guard: (s) => pc.get(s, i) === TEST && othersClear(s, i),
        update: (_s, n) => pc.set(n, SET, i),
        footprint: { guard: [`pc[${i}]`, 'flag'], reads: [], writes: [`pc[${i}]`], when: { [`pc[${i}]`]: 'Test' } },
      },
      {
        name: `set[${i}]`,
        footprint: { guard: [`pc[${i}]`], reads: [], writes: [`flag[${i}]`, `pc[${i}]`], when: { [`pc[${i}]`]: 'Set' } },
        thread,
        guard: (s) => pc.get(s, i) === SET,
        update: (_s, n) => {
          flag.set(n, 1, i);
          pc.set(n, CRIT, i);
        },
      },
      {
        name: `exit[${i}]`,
        footprint: { guard: [`pc[${i}]`], reads: [], writes: [`flag[${i}]`, `pc[${i}]`], when: { [`pc[${i}]`]: 'Crit' } },
        thread,
        guard: (s) => pc.get(s, i) === CRIT,
        update: (_s, n) => {
          flag.set(n, 0, i);
          pc.set(n, IDLE, i);
        },
      },
    ];
  });
  return defineModel({
    name: `naive-mutex(N=${N})`,
    layout,
    rules,
    invariants: [
      {
        name: 'mutual_exclusion',
        reads: ['pc'],
        holds: (s) => {
          let inCrit = 0;
          for (let i = 0; i < N; i++) if (pc.get(s, i) === CRIT) inCrit++;
          return inCrit <= 1;
        },
      },
    ],
    deadlock: 'stuck',
    params: { N },
  });
}
