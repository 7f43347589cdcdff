/**
 * The fields each kernel property reads (Invariant.reads), for partial-order reduction's
 * visibility condition; checked like the rules' footprints by test/model/footprints.test.ts.
 *
 * Why here: the properties (src/properties/kernel) and the model meet in this layer only. D1
 * and D8 analyse what every thread waits for, and the mechanism properties (`D2:<id>`,
 * `D1:<id>`) classify a state through the guards of every rule: they are declared to read
 * every field, which is what they can do.
 */
import type { Invariant } from '../explorer/model.ts';
import type { Layout } from '../explorer/layout.ts';

const READS: Readonly<Record<string, string>> = {
  'D1-literal': 'handleOf zPc',
  'D1-next': 'handleOf zPc',
  D3: 'cached iSize map pc zPc zZeroed',
  D4: 'cached dirty disk iSize map pc',
  D5: 'cached map pc zSized iSize',
  D6: 'cached dirty disk map pc zBatch zBatchFlag zMapEnd zMapType zPc zPos',
  D7: 'zIters',
  D9: 'iSize map',
};

/** The properties with their `reads` declared. */
export function withReads(layout: Layout, props: readonly Invariant[]): Invariant[] {
  const every = layout.fieldList.map((f) => f.name);
  return props.map((p) => ({ ...p, reads: READS[p.name]?.split(' ') ?? every }));
}
