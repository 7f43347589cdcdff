/** D1 NoWaitUnderHandle and its literal / -next forms, on hand-made states of both profiles. */
import { describe, expect, it } from 'vitest';
import { d1, d1Literal, d1Next } from '../../../src/properties/kernel/d1.ts';
import { F, FP, Z, ZP } from '../../../src/model/state.ts';
import { handMade } from './state.ts';

describe('D1 NoWaitUnderHandle and its literal / -next forms', () => {
  it('holds while the zeroer with a handle zeroes through the batch; fails when it waits on PG_writeback', () => {
    const { ctx, s } = handMade({ scenario: 'C1', variant: 'V1c' });
    ctx.f.handleOf.set(s, true, Z);
    ctx.f.tUpdates.set(s, 1);
    ctx.f.zPc.set(s, ZP.ITER);
    expect(d1(ctx).holds(s)).toBe(true);
    expect(d1Literal(ctx).holds(s)).toBe(true);
    expect(d1Next(ctx).holds(s)).toBe(false); // inside iomap_zero_range under a handle
    ctx.f.zPc.set(s, ZP.FLUSH_WAIT);
    expect(d1Literal(ctx).holds(s)).toBe(false);
    expect(d1(ctx).holds(s)).toBe(true); // no folio under writeback: not waiting
    ctx.f.folioWriteback.set(s, true, 0);
    expect(d1(ctx).holds(s)).toBe(false);
  });

  it('the same wait without a handle is allowed (ext4 zeroing outside the handle)', () => {
    const { ctx, s } = handMade({ scenario: 'C1', variant: 'next-v2' });
    ctx.f.zPc.set(s, ZP.FLUSH_WAIT);
    ctx.f.folioWriteback.set(s, true, 0);
    expect([d1(ctx).holds(s), d1Literal(ctx).holds(s), d1Next(ctx).holds(s)]).toEqual([true, true, true]);
  });

  it('WB_SYNC_ALL writepages waiting on a folio already under writeback counts as a D1 wait', () => {
    const { ctx, s } = handMade({ scenario: 'C1', variant: 'V1c' });
    ctx.f.handleOf.set(s, true, Z);
    ctx.f.zPc.set(s, ZP.FLUSH_WRITE);
    ctx.f.zFlushCursor.set(s, 0);
    expect(d1(ctx).holds(s)).toBe(true); // dirty, not under writeback: submits
    ctx.f.folioWriteback.set(s, true, 0);
    expect(d1(ctx).holds(s)).toBe(false);
  });

  it('buffer heads: WB_SYNC_ALL writepages waiting for writeback under its own handle counts; background writeback never waits', () => {
    const { ctx, s } = handMade({ profile: 'ext4-bh', scenario: 'SYNC', variant: 'bh-v7.0' });
    ctx.f.handleOf.set(s, true, F);
    ctx.f.fPc.set(s, FP.HANDLE_LOCKED);
    expect(d1(ctx).holds(s)).toBe(true); // holds the handle, folio not under writeback
    ctx.f.folioWriteback.set(s, true, 0);
    expect(d1(ctx).holds(s)).toBe(false);
    const bg = handMade({ profile: 'ext4-bh', scenario: 'C6', variant: 'bh-v7.0' });
    bg.ctx.f.handleOf.set(bg.s, true, F);
    bg.ctx.f.fPc.set(bg.s, FP.HANDLE_LOCKED);
    bg.ctx.f.folioWriteback.set(bg.s, true, 0);
    expect(d1(bg.ctx).holds(bg.s)).toBe(true);
  });
});
