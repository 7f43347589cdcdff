/** Merging sweep batches: associative and commutative, so batch arrival order never shows. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { emptyPartial, mergePartial, type SweepPartial, type Witness } from '../../src/sweep/partial.ts';

const witness = fc.record({
  layout: fc.record({ id: fc.constantFrom('1:P0-1:none:w0-1', '2:P0-1:bg:f0-1.w0-2', '2:Z0-2:none:w0-2'), blocks: fc.integer({ min: 1, max: 3 }), folioBlocks: fc.constant([1]), program: fc.constant([]), caller: fc.constant({ kind: 'punch' as const, zeroStart: 0, zeroEnd: 1 }), flusher: fc.constant('none' as const) }),
  traceLength: fc.integer({ min: 1, max: 20 }),
  property: fc.constantFrom('D1', 'deadlock', 'D2:C1-no-batch', 'D1:C1-no-batch'),
}) as fc.Arbitrary<Witness>;

const partial: fc.Arbitrary<SweepPartial> = fc
  .record({
    checked: fc.nat(50),
    incomplete: fc.nat(3),
    aborted: fc.boolean(),
    totalStates: fc.nat(10_000),
    props: fc.subarray(['D1', 'D3', 'deadlock', 'D2:C1-no-batch']),
    seen: fc.nat(100),
    w: witness,
    mech: fc.option(fc.constantFrom('C1-no-batch', 'C6-pagecache'), { nil: undefined }),
  })
  .map(({ checked, incomplete, aborted, totalStates, props, seen, w, mech }) => ({
    checked,
    incomplete,
    aborted,
    totalStates,
    tallies: Object.fromEntries(props.map((p, i) => [p, { violated: i, held: checked, undecided: incomplete, checking: checked + i, firstSeen: seen + i }])),
    smallest: Object.fromEntries(props.map((p) => [p, w])),
    mechanisms: mech === undefined ? {} : { [mech]: { properties: ['D2'], layouts: 1, smallest: w } },
    order: props,
  }));

describe('sweep partial results', () => {
  test.prop([partial, partial])('merge is commutative', (a, b) => {
    expect(mergePartial(a, b)).toEqual(mergePartial(b, a));
  });
  test.prop([partial, partial, partial])('merge is associative', (a, b, c) => {
    expect(mergePartial(mergePartial(a, b), c)).toEqual(mergePartial(a, mergePartial(b, c)));
  });
  test.prop([partial])('the empty partial is neutral', (a) => {
    expect(mergePartial(emptyPartial(), a)).toEqual(mergePartial(a, emptyPartial()));
    expect(mergePartial(emptyPartial(), a).checked).toBe(a.checked);
  });
});
