/**
 * Peterson's mutual exclusion generalised to N processes (the filter lock): the zrcheck twin
 * of test/parity/murphi/peterson.m, including its N start states (one per initial victim).
 */
import { defineLayout, defineModel, oneOf, range, ruleset } from '../../src/index.ts';
import type { Model, Rule } from '../../src/index.ts';
import { intParam, onlyParams } from './params.ts';

const IDLE = 0;
const SET_VICTIM = 1;
const WAIT = 2;
const CRIT = 3;

export default function peterson(raw: Readonly<Record<string, unknown>> = {}): Model {
  onlyParams('peterson', raw, ['N']);
  const N = intParam('peterson', raw, 'N', 3, 2, 6);
  const layout = defineLayout({
    // 0: not trying; a process climbs levels 1..N-1.
    level: range(0, N - 1, N),
    // victim[l] for each level; victim[0] is never used by the algorithm (as in the .m).
    victim: range(0, N - 1, N),
    pc: oneOf(['Idle', 'SetVictim', 'Wait', 'Crit'], N),
  });
  const { level, victim, pc } = layout.fields;

  /** Nobody else is at my level or above. */
  const aloneAtOrAbove = (s: Uint32Array, i: number): boolean => {
    const l = level.get(s, i);
    for (let k = 0; k < N; k++) if (k !== i && level.get(s, k) >= l) return false;
    return true;
  };

  const rules = ruleset(N, (i): Rule[] => {
    const thread = `p${i}`;
    return [
      {
        name: `start[${i}]`,
        thread,
        guard: (s) => pc.get(s, i) === IDLE,
        update: (_s, n) => {
          level.set(n, 1, i);
          pc.set(n, SET_VICTIM, i);
        },
        footprint: { guard: [`pc[${i}]`], reads: [], writes: [`level[${i}]`, `pc[${i}]`], when: { [`pc[${i}]`]: 'Idle' } },
      },
      {
        name: `set_victim[${i}]`,
        thread,
        guard: (s) => pc.get(s, i) === SET_VICTIM,
        update: (s, n) => {
          victim.set(n, i, level.get(s, i));
          pc.set(n, WAIT, i);
        },
        footprint: { guard: [`pc[${i}]`], reads: [`level[${i}]`], writes: ['victim', `pc[${i}]`], when: { [`pc[${i}]`]: 'SetVictim' } },
      },
      {
        name: `advance[${i}]`,
        thread,
        guard: (s) => pc.get(s, i) === WAIT && (victim.get(s, level.get(s, i)) !== i || aloneAtOrAbove(s, i)),
        update: (s, n) => {
          const l = level.get(s, i);
          if (l === N - 1) pc.set(n, CRIT, i);
          else {
            level.set(n, l + 1, i);
            pc.set(n, SET_VICTIM, i);
          }
        },
        footprint: { guard: [`pc[${i}]`, 'level', 'victim'], reads: [`level[${i}]`], writes: [`level[${i}]`, `pc[${i}]`], when: { [`pc[${i}]`]: 'Wait' } },
      },
      {
        name: `exit[${i}]`,
        thread,
        guard: (s) => pc.get(s, i) === CRIT,
        update: (_s, n) => {
          level.set(n, 0, i);
          pc.set(n, IDLE, i);
        },
        footprint: { guard: [`pc[${i}]`], reads: [], writes: [`level[${i}]`, `pc[${i}]`], when: { [`pc[${i}]`]: 'Crit' } },
      },
    ];
  });

  return defineModel({
    name: `peterson-filter(N=${N})`,
    layout,
    // One start state per initial victim value v (Murphi: ruleset v do startstate).
    init: Array.from({ length: N }, (_, v) => (s: Uint32Array) => {
      for (let l = 0; l < N; l++) victim.set(s, v, l);
    }),
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
