/** D6 BatchMappingConsistency on hand-made C4 states: a block the batch leaves out is still UNWRITTEN or zero. */
import { describe, expect, it } from 'vitest';
import { d6 } from '../../../src/properties/kernel/d6.ts';
import { ZP } from '../../../src/model/state.ts';
import { DATA, UNWRITTEN, WRITTEN, ZERO } from '../../../src/model/types.ts';
import { handMade } from './state.ts';

describe('D6 BatchMappingConsistency', () => {
  function afterFill(preZero: boolean) {
    const h = handMade({ scenario: 'C4', variant: 'V3', assumptions: { 'pre-zero': preZero ? 'yes' : 'no' } });
    const { ctx, s } = h;
    // Z looked up extent 1 as UNWRITTEN, then folio 0 was written back and converted.
    ctx.f.zPc.set(s, ZP.ITER);
    ctx.f.zPos.set(s, 0);
    ctx.f.zMapType.set(s, UNWRITTEN);
    ctx.f.zMapEnd.set(s, 1);
    ctx.f.zBatchFlag.set(s, true);
    ctx.f.zBatch.set(s, 0);
    ctx.f.dirty.set(s, false, 0);
    if (preZero) ctx.f.pc.set(s, ZERO, 0);
    ctx.f.disk.set(s, ctx.f.pc.get(s, 0), 0);
    return h;
  }

  it('holds while the skipped extent is still UNWRITTEN', () => {
    const { ctx, s } = afterFill(false);
    expect(d6(ctx).holds(s)).toBe(true);
  });

  it('fails when the extent was converted with data and the clean folio left out', () => {
    const { ctx, s } = afterFill(false);
    ctx.f.map.set(s, WRITTEN, 0);
    expect(ctx.f.disk.get(s, 0)).toBe(DATA);
    expect(d6(ctx).holds(s)).toBe(false);
  });

  it('holds when the converted data is zero (caller pre-zeroed)', () => {
    const { ctx, s } = afterFill(true);
    ctx.f.map.set(s, WRITTEN, 0);
    expect(d6(ctx).holds(s)).toBe(true);
  });

  it('a folio in the batch is zeroed anyway and not checked', () => {
    const { ctx, s } = afterFill(false);
    ctx.f.map.set(s, WRITTEN, 0);
    ctx.f.zBatch.set(s, 1);
    expect(d6(ctx).holds(s)).toBe(true);
  });
});
