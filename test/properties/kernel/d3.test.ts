/** D3 ZeroReadsBack on hand-made states: checked after the zeroing returns, below i_size, through the mapping. */
import { describe, expect, it } from 'vitest';
import { d3 } from '../../../src/properties/kernel/d3.ts';
import { ZP } from '../../../src/model/state.ts';
import { DATA, WRITTEN, ZERO } from '../../../src/model/types.ts';
import { handMade } from './state.ts';

describe('D3 ZeroReadsBack', () => {
  it('is checked only after iomap_zero_range returned', () => {
    const { ctx, s } = handMade({ scenario: 'C1', variant: 'V0', counterfactual: true, assumptions: { 'pre-zero': 'no' } });
    expect(ctx.f.pc.get(s, 0)).toBe(DATA);
    expect(d3(ctx).holds(s)).toBe(true); // still zeroing
    ctx.f.zPc.set(s, ZP.STOP);
    expect(d3(ctx).holds(s)).toBe(false); // V0 skipped the dirty UNWRITTEN block
    ctx.f.pc.set(s, ZERO, 0);
    expect(d3(ctx).holds(s)).toBe(true);
  });

  it('uncached blocks read through the mapping: WRITTEN with stale disk data fails', () => {
    const { ctx, s } = handMade({ scenario: 'C1', variant: 'V3' });
    ctx.f.zPc.set(s, ZP.DONE);
    ctx.f.cached.set(s, false, 0);
    expect(d3(ctx).holds(s)).toBe(true); // UNWRITTEN reads zero
    ctx.f.map.set(s, WRITTEN, 0);
    expect(d3(ctx).holds(s)).toBe(false);
  });

  it('blocks beyond i_size are not readable and not checked', () => {
    const { ctx, s } = handMade({ scenario: 'EOF', variant: 'V4' });
    ctx.f.zPc.set(s, ZP.SIZE);
    expect(d3(ctx).holds(s)).toBe(true); // block 1 (garbage) is beyond EOF
    ctx.f.iSize.set(s, 2);
    expect(d3(ctx).holds(s)).toBe(false);
  });
});
