/**
 * Lamport's bakery with bounded tickets: the zrcheck twin of test/parity/murphi/bakery.m.
 * The doorway admits a process only while max+N <= MAXT, which keeps every ticket within
 * 0..MAXT; if that reasoning were wrong, `number.set` would throw and the check would end as
 * a ZR_MODEL_RANGE error, just as Rumur reports an out-of-range assignment.
 */
import { bool, defineLayout, defineModel, oneOf, range, ruleset } from '../../src/index.ts';
import type { Model, Rule } from '../../src/index.ts';
import { intParam, onlyParams } from './params.ts';

const IDLE = 0;
const CHOOSE = 1;
const RELEASE = 2;
const SCAN = 3;
const COMPARE = 4;
const CRIT = 5;

export default function bakery(raw: Readonly<Record<string, unknown>> = {}): Model {
  onlyParams('bakery', raw, ['N', 'MAXT']);
  const N = intParam('bakery', raw, 'N', 3, 2, 6);
  const MAXT = intParam('bakery', raw, 'MAXT', 5, N, 64);
  const layout = defineLayout({
    choosing: bool(N),
    number: range(0, MAXT, N),
    pc: oneOf(['Idle', 'Choose', 'Release', 'Scan', 'Compare', 'Crit'], N),
    // Scan position over 0..N-1; N means the scan is complete.
    j: range(0, N, N),
  });
  const { choosing, number, pc, j } = layout.fields;
  const maxnum = (s: Uint32Array): number => {
    let m = 0;
    for (let k = 0; k < N; k++) {
      const t = number.get(s, k);
      if (t > m) m = t;
    }
    return m;
  };

  const rules = ruleset(N, (i): Rule[] => {
    const thread = `p${i}`;
    return [
      {
        name: `doorway[${i}]`,
        footprint: { guard: [`pc[${i}]`, 'number'], reads: [], writes: [`choosing[${i}]`, `pc[${i}]`], when: { [`pc[${i}]`]: 'Idle' } },
        thread,
        guard: (s) => pc.get(s, i) === IDLE && maxnum(s) + N <= MAXT,
        update: (_s, n) => {
          choosing.set(n, 1, i);
          pc.set(n, CHOOSE, i);
        },
      },
      {
        name: `take_ticket[${i}]`,
        footprint: { guard: [`pc[${i}]`], reads: ['number'], writes: [`number[${i}]`, `pc[${i}]`], when: { [`pc[${i}]`]: 'Choose' } },
        thread,
        guard: (s) => pc.get(s, i) === CHOOSE,
        update: (s, n) => {
          number.set(n, maxnum(s) + 1, i);
          pc.set(n, RELEASE, i);
        },
      },
      {
        name: `end_choosing[${i}]`,
        footprint: { guard: [`pc[${i}]`], reads: [], writes: [`choosing[${i}]`, `j[${i}]`, `pc[${i}]`], when: { [`pc[${i}]`]: 'Release' } },
        thread,
        guard: (s) => pc.get(s, i) === RELEASE,
        update: (_s, n) => {
          choosing.set(n, 0, i);
          j.set(n, 0, i);
          pc.set(n, SCAN, i);
        },
      },
      {
        name: `wait_choosing[${i}]`,
        footprint: { guard: [`pc[${i}]`, `j[${i}]`, 'choosing'], reads: [], writes: [`pc[${i}]`], when: { [`pc[${i}]`]: 'Scan' } },
        thread,
        guard: (s) => {
          if (pc.get(s, i) !== SCAN) return false;
          const k = j.get(s, i);
          return k < N && !choosing.is(s, k);
        },
        update: (_s, n) => pc.set(n, COMPARE, i),
      },
      {
        name: `wait_number[${i}]`,
        footprint: { guard: [`pc[${i}]`, `j[${i}]`, 'number'], reads: [`j[${i}]`], writes: [`j[${i}]`, `pc[${i}]`], when: { [`pc[${i}]`]: 'Compare' } },
        thread,
        // (number[i], i) <= (number[k], k) lexicographically, or k holds no ticket.
        guard: (s) => {
          if (pc.get(s, i) !== COMPARE) return false;
          const k = j.get(s, i);
          const mine = number.get(s, i);
          const theirs = number.get(s, k);
          return theirs === 0 || mine < theirs || (mine === theirs && i <= k);
        },
        update: (s, n) => {
          j.set(n, j.get(s, i) + 1, i);
          pc.set(n, SCAN, i);
        },
      },
      {
        name: `enter[${i}]`,
        footprint: { guard: [`pc[${i}]`, `j[${i}]`], reads: [], writes: [`j[${i}]`, `pc[${i}]`], when: { [`pc[${i}]`]: 'Scan' } },
        thread,
        guard: (s) => pc.get(s, i) === SCAN && j.get(s, i) === N,
        update: (_s, n) => {
          j.set(n, 0, i);
          pc.set(n, CRIT, i);
        },
      },
      {
        name: `exit[${i}]`,
        footprint: { guard: [`pc[${i}]`], reads: [], writes: [`number[${i}]`, `pc[${i}]`], when: { [`pc[${i}]`]: 'Crit' } },
        thread,
        guard: (s) => pc.get(s, i) === CRIT,
        update: (_s, n) => {
          number.set(n, 0, i);
          pc.set(n, IDLE, i);
        },
      },
    ];
  });

  return defineModel({
    name: `bakery(N=${N},MAXT=${MAXT})`,
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
    params: { N, MAXT },
  });
}
