/** D5 NoPostEOFExposure on hand-made states: after the size extension the exposed blocks read zero. */
import { describe, expect, it } from 'vitest';
import { d5 } from '../../../src/properties/kernel/d5.ts';
import { ZERO } from '../../../src/model/types.ts';
import { handMade } from './state.ts';

describe('D5 NoPostEOFExposure', () => {
  it('after the size extension the newly exposed block must read zero', () => {
    const { ctx, s } = handMade({ scenario: 'EOF', variant: 'V4' });
    expect(d5(ctx).holds(s)).toBe(true); // not extended yet
    ctx.f.zSized.set(s, true);
    ctx.f.iSize.set(s, 2);
    expect(d5(ctx).holds(s)).toBe(false); // mmap garbage in block 1
    ctx.f.pc.set(s, ZERO, 1);
    expect(d5(ctx).holds(s)).toBe(true);
  });
});
