/** D7 termination: the bound on ->iomap_begin rounds. */
import { describe, expect, it } from 'vitest';
import { d7 } from '../../../src/properties/kernel/d7.ts';
import { handMade } from './state.ts';

describe('D7 termination/progress', () => {
  it('allows one ->iomap_begin round per block plus one STALE re-lookup', () => {
    const { ctx, s } = handMade({ scenario: 'C4', variant: 'V1c' }); // range of 2 blocks
    ctx.f.zIters.set(s, 3);
    expect(d7(ctx).holds(s)).toBe(true);
    ctx.f.zIters.set(s, 4);
    expect(d7(ctx).holds(s)).toBe(false);
  });
});
