/**
 * C.3, Zhang's [hhhhuuuu] corner case (spec C.3; S2 seed): one dirty folio whose first half
 * is HOLE and second half UNWRITTEN. Punching in the hole half: ext4 fills no batch for a
 * hole, iomap flushes the remaining range, writeback works per folio, so the UNWRITTEN half
 * is written and its conversion closes the C.1 cycle. Fix (a): V2a/V4 skip holes; fix (c):
 * zero outside the handle.
 */
import { describe, expect, it } from 'vitest';
import { d1AndDeadlock, runScenario } from './run.ts';

describe('C3: [hhuu] punch hole in the hole half of a dirty folio', () => {
  it('V1c, V2 (batch as posted) and V3 (stack batch) still flush for the hole and deadlock', () => {
    for (const v of ['V1c', 'V2', 'V3']) {
      const r = runScenario('C3', v);
      expect(d1AndDeadlock(r), v).toEqual({ D1: 6, deadlock: 7 });
      expect(r.trace.deadlock, v).toContain('Z iomap_zero_iter_flush_and_stale [B.2]');
      // The HOLE lookup gets no batch: no fill step before the flush.
      expect(r.trace.deadlock, v).not.toContain('Z iomap_fill_dirty_folios [B.5]');
    }
  });

  it("V2a (Zhang's tested change) and V4 (hole flush lifted into XFS) skip the hole: no flush", () => {
    for (const v of ['V2a', 'V4']) {
      expect(d1AndDeadlock(runScenario('C3', v)), v).toEqual({ D1: 'holds', deadlock: 'holds' });
    }
  });

  it('ext4 zeroing outside the handle (-next v2): the flush still runs but nothing waits on the zeroer', () => {
    const r = runScenario('C3', 'next-v2');
    expect(d1AndDeadlock(r)).toEqual({ D1: 'holds', deadlock: 'holds' });
    expect(r.verdict['D1-literal']).toBe('holds');
    // ... with either iomap side (spec D1: "with any iomap version (V3 or V4)").
    const v4 = runScenario('C3', 'next-v2', { 'next-v2-iomap': 'V4' });
    expect(d1AndDeadlock(v4)).toEqual({ D1: 'holds', deadlock: 'holds' });
    expect(v4.trace['D1-literal']).toBeUndefined();
  });

  it('buffer-head ext4 zeroes the hole block through buffer heads: no flush, no deadlock', () => {
    for (const v of ['bh-v7.0', 'bh-v7.1']) expect(d1AndDeadlock(runScenario('C3', v, {}, 'ext4-bh')), v).toEqual({ D1: 'holds', deadlock: 'holds' });
  });
});
