// Two threads increment a shared counter with a non-atomic read-then-write.
// zrcheck finds the lost update: both read 0, both write 1.
import { defineLayout, defineModel, intParam, range, ruleset, type ParamsOf } from '../src/index.ts';

// The parameters the model takes: `--param N=3` is checked and typed against this.
export const params = { N: intParam(2, { min: 1, max: 6, description: 'threads' }) };

export default function lostUpdate({ N }: ParamsOf<typeof params> = { N: 2 }) {
  const L = defineLayout({
    counter: range(0, N),
    pc: range(0, 2, N), // 0 = before read, 1 = read done, 2 = finished
    seen: range(0, N, N), // the value each thread read
  });
  const { counter, pc, seen } = L.fields;
  return defineModel({
    name: `lost-update(N=${N})`,
    layout: L,
    rules: ruleset(N, (t) => [
      {
        name: `read[${t}]`,
        footprint: { guard: [`pc[${t}]`], reads: ['counter'], writes: [`seen[${t}]`, `pc[${t}]`], when: { [`pc[${t}]`]: 0 } },
        thread: `t${t}`,
        guard: (s) => pc.get(s, t) === 0,
        update: (s, next) => {
          seen.set(next, counter.get(s), t);
          pc.set(next, 1, t);
        },
      },
      {
        name: `write[${t}]`,
        footprint: { guard: [`pc[${t}]`], reads: [`seen[${t}]`], writes: ['counter', `pc[${t}]`], when: { [`pc[${t}]`]: 1 } },
        thread: `t${t}`,
        guard: (s) => pc.get(s, t) === 1,
        update: (s, next) => {
          counter.set(next, seen.get(s, t) + 1);
          pc.set(next, 2, t);
        },
      },
    ]),
    // Every thread finished: a valid end state, not a deadlock.
    isValidEnd: (s) => Array.from({ length: N }, (_, t) => pc.get(s, t)).every((p) => p === 2),
    endChecks: [{ name: 'no_lost_update', reads: ['counter'], holds: (s) => counter.get(s) === N }],
  });
}
