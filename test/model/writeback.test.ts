import { describe, expect, it } from 'vitest';
import { convertFolio, endWriteback, submitFolio, writebackNeedsHandle } from '../../src/model/writeback.ts';
import { DATA, DELALLOC, UNWRITTEN, WRITTEN, ZERO } from '../../src/model/types.ts';
import { ctxOf } from './helpers.ts';

describe('writeback primitives (spec B.2, B.8)', () => {
  it('DELALLOC needs a handle; UNWRITTEN only under the reserved (buffer-head) rule', () => {
    const c6 = ctxOf({ scenario: 'C6', variant: 'V3' });
    expect(writebackNeedsHandle(c6.ctx, c6.s, 0)).toBe(true);
    const c1 = ctxOf({ scenario: 'C1', variant: 'V3' });
    expect(writebackNeedsHandle(c1.ctx, c1.s, 0)).toBe(false);
    const r = ctxOf({ scenario: 'C1', variant: 'V3', assumptions: { 'conversion-handle': 'reserved' } });
    expect(writebackNeedsHandle(r.ctx, r.s, 0)).toBe(true);
  });

  it('submit allocates DELALLOC as UNWRITTEN, writes data, clears dirty, sets writeback and a pending conversion', () => {
    const { ctx, s } = ctxOf({ scenario: 'C6', variant: 'V3' });
    submitFolio(ctx, s, 0, true);
    const f = ctx.f;
    expect([f.map.get(s, 0), f.map.get(s, 1)]).toEqual([UNWRITTEN, UNWRITTEN]);
    expect([f.disk.get(s, 0), f.dirty.is(s, 0), f.folioWriteback.is(s, 0)]).toEqual([DATA, false, true]);
    expect([f.ioConvert.is(s, 0), f.ioReserved.is(s, 0)]).toEqual([true, true]);
    convertFolio(ctx, s, 0);
    expect(f.map.get(s, 0)).toBe(WRITTEN);
    expect(f.folioWriteback.is(s, 0)).toBe(true); // conversion first, then end writeback
    endWriteback(ctx, s, 0);
    expect([f.folioWriteback.is(s, 0), f.ioConvert.is(s, 0)]).toEqual([false, false]);
  });

  it("dioread-nolock 'no' allocates WRITTEN: no conversion pending", () => {
    const { ctx, s } = ctxOf({ scenario: 'C6', variant: 'V3', assumptions: { 'dioread-nolock': 'no' } });
    submitFolio(ctx, s, 0, false);
    expect(ctx.f.map.get(s, 0)).toBe(WRITTEN);
    expect(ctx.f.ioConvert.is(s, 0)).toBe(false);
    expect(ctx.f.map.get(s, 1)).not.toBe(DELALLOC);
  });

  it('writeback zeroes the post-EOF part of the EOF folio and does no I/O for holes', () => {
    const { ctx, s } = ctxOf({ scenario: 'EOF', variant: 'V3' });
    submitFolio(ctx, s, 0, false);
    expect(ctx.f.pc.get(s, 1)).toBe(ZERO);
    expect(ctx.f.disk.get(s, 1)).toBe(ZERO);
    expect(ctx.f.ioConvert.is(s, 0)).toBe(false); // WRITTEN block only: ends at bio completion
  });
});
