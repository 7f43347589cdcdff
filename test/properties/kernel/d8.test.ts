import { describe, expect, it } from 'vitest';
import { d8 } from '../../../src/properties/kernel/d8.ts';
import { FP, Z, ZP } from '../../../src/model/state.ts';
import { DELALLOC } from '../../../src/model/types.ts';
import { handMade } from './state.ts';

describe('D8 LockOrder (folio lock vs handle)', () => {
  function c6State() {
    const h = handMade({ scenario: 'C6', variant: 'V3' });
    const { ctx, s } = h;
    ctx.f.zPc.set(s, ZP.ITER);
    ctx.f.zMapType.set(s, DELALLOC);
    ctx.f.zMapEnd.set(s, 1);
    ctx.f.lockedByF.set(s, true, 0);
    ctx.f.fPc.set(s, FP.LOCKED);
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
    ctx.f.lockedByF.set(s, false, 0);
    expect(d8(ctx).holds(s)).toBe(true);
  });
});
