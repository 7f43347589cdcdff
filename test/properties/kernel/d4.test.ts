/** D4 ZeroPersists (end check) on hand-made states: what all writeback would leave on disk, below the final i_size. */
import { describe, expect, it } from 'vitest';
import { d4 } from '../../../src/properties/kernel/d4.ts';
import { DATA, WRITTEN, ZERO } from '../../../src/model/types.ts';
import { handMade } from './state.ts';

describe('D4 ZeroPersists (end check)', () => {
  it('a dirty folio persists its content; a clean one the mapping', () => {
    const { ctx, s } = handMade({ scenario: 'C1', variant: 'V3', assumptions: { 'pre-zero': 'no' } });
    expect(d4(ctx).holds(s)).toBe(false); // dirty data in the range would be written
    ctx.f.pc.set(s, ZERO, 0);
    expect(d4(ctx).holds(s)).toBe(true);
    ctx.f.dirty.set(s, false, 0);
    ctx.f.map.set(s, WRITTEN, 0);
    ctx.f.disk.set(s, DATA, 0);
    expect(d4(ctx).holds(s)).toBe(false); // converted with data, then skipped as clean (C.4)
  });
});

describe('D4 scope', () => {
  it('blocks beyond the final i_size are not checked (writeback never writes them)', () => {
    const { ctx, s } = handMade({ scenario: 'EOF', variant: 'V3' });
    ctx.f.map.set(s, WRITTEN, 1);
    ctx.f.disk.set(s, DATA, 1);
    ctx.f.dirty.set(s, false, 0);
    ctx.f.disk.set(s, ZERO, 0);
    ctx.f.map.set(s, 0, 0);
    expect(d4(ctx).holds(s)).toBe(true); // block 1 is past EOF (i_size 1)
    ctx.f.iSize.set(s, 2);
    expect(d4(ctx).holds(s)).toBe(false);
  });
});
