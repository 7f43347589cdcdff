/** D8 LockOrder on hand-made C6 states: a handle holder must not wait for a folio locked by writeback waiting for its handle. */
import { describe, expect, it } from 'vitest';
import { d8 } from '../../../src/properties/kernel/d8.ts';
import { FP, LK, Z, ZP } from '../../../src/model/state.ts';
import { DELALLOC } from '../../../src/model/types.ts';
import { handMade } from './state.ts';

describe('D8 LockOrder (folio lock vs handle)', () => {
  function c6State() {
    const h = handMade({ scenario: 'C6', variant: 'V3' });
    const { ctx, s } = h;
    ctx.f.zPc.set(s, ZP.ITER);
    ctx.f.zMapType.set(s, DELALLOC);
    ctx.f.zMapEnd.set(s, 1);
    ctx.f.lockedBy.set(s, LK.F, 0);
    ctx.f.fPc.set(s, FP.HANDLE);
    return h;
  }

  it('fails when the handle holder needs the folio the flusher holds at its handle start', () => {
    const { ctx, s } = c6State();
    ctx.f.handleOf.set(s, true, Z);
    expect(d8(ctx).holds(s)).toBe(false);
  });

  it('holds when the zeroer holds no handle, or the flusher is not at its handle start', () => {
    const { ctx, s } = c6State();
    expect(d8(ctx).holds(s)).toBe(true);
    ctx.f.handleOf.set(s, true, Z);
    ctx.f.fPc.set(s, FP.SCAN);
    ctx.f.lockedBy.set(s, LK.NONE, 0);
    expect(d8(ctx).holds(s)).toBe(true);
  });

  it('holds when the flusher holds the folio waiting for writeback (sync writeback), not for a handle', () => {
    const { ctx, s } = c6State();
    ctx.f.handleOf.set(s, true, Z);
    ctx.f.fPc.set(s, FP.LOCKED);
    expect(d8(ctx).holds(s)).toBe(true);
  });

  it('buffer heads take the handle before the folio: the same shape is not an inversion', () => {
    const { ctx, s } = handMade({ profile: 'ext4-bh', scenario: 'C6', variant: 'bh-v7.0' });
    ctx.f.handleOf.set(s, true, Z);
    ctx.f.zPc.set(s, ZP.BH_ZERO);
    ctx.f.lockedBy.set(s, LK.F, 0);
    ctx.f.fPc.set(s, FP.HANDLE);
    expect(d8(ctx).holds(s)).toBe(true);
  });
});
