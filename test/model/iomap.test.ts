/** iomap primitives: extent lookup, ext4's fill decision, the batch fill and the flush decision per version. */
import { describe, expect, it } from 'vitest';
import { extentEnd, fillBatch, flushes, fsFillsBatch } from '../../src/model/iomap.ts';
import { LK } from '../../src/model/state.ts';
import { DELALLOC, HOLE, UNWRITTEN, WRITTEN } from '../../src/model/types.ts';
import { ctxOf } from './helpers.ts';

/** Two 1-block folios over one UNWRITTEN extent, both dirty: fallocate 0-2, write 0-2; punch [0,2). */
const TWO_FOLIOS_ONE_EXTENT = '1+1:P0-2:none:f0-2.w0-2';

describe('iomap primitives (spec B.3-B.6)', () => {
  it('ext4_map_blocks reports the extent up to a type change or extent boundary', () => {
    const c3 = ctxOf({ scenario: 'C3', variant: 'V3' });
    expect(extentEnd(c3.ctx, c3.s, 0, 4)).toBe(2); // [hh|uu]
    expect(extentEnd(c3.ctx, c3.s, 2, 4)).toBe(4);
    expect(extentEnd(c3.ctx, c3.s, 0, 1)).toBe(1); // capped at the range end
    const c4 = ctxOf({ scenario: 'C4', variant: 'V3' });
    expect(extentEnd(c4.ctx, c4.s, 1, 3)).toBe(2); // two UNWRITTEN extents: lookup at block 1 stops at block 2
  });

  it('ext4 fills a batch only for UNWRITTEN, below EOF in the thread prototype, always in -next v2', () => {
    const v3 = ctxOf({ scenario: 'C1', variant: 'V3' });
    expect(fsFillsBatch(v3.ctx, v3.s, UNWRITTEN, 0)).toBe(true);
    expect(fsFillsBatch(v3.ctx, v3.s, HOLE, 0)).toBe(false);
    v3.ctx.f.iSize.set(v3.s, 0);
    expect(fsFillsBatch(v3.ctx, v3.s, UNWRITTEN, 0)).toBe(false); // beyond EOF
    const out = ctxOf({ scenario: 'C1', variant: 'next-v2' });
    out.ctx.f.iSize.set(out.s, 0);
    expect(fsFillsBatch(out.ctx, out.s, UNWRITTEN, 0)).toBe(true);
    // The ext4-fill assumption overrides the version's choice either way.
    const all = ctxOf({ scenario: 'C1', variant: 'V3', assumptions: { 'ext4-fill': 'all-unwritten' } });
    all.ctx.f.iSize.set(all.s, 0);
    expect(fsFillsBatch(all.ctx, all.s, UNWRITTEN, 0)).toBe(true);
    const below = ctxOf({ scenario: 'C1', variant: 'next-v2', assumptions: { 'ext4-fill': 'below-eof' } });
    below.ctx.f.iSize.set(below.s, 0);
    expect(fsFillsBatch(below.ctx, below.s, UNWRITTEN, 0)).toBe(false);
    const v1 = ctxOf({ scenario: 'C1', variant: 'V1c' });
    expect(fsFillsBatch(v1.ctx, v1.s, UNWRITTEN, 0)).toBe(false); // no batch support
  });

  it('filemap_get_folios_dirty: only confirmed-clean folios are dropped; a locked folio is presumed dirty; capacity 1', () => {
    const { ctx, s } = ctxOf({ variant: 'V3', layoutId: TWO_FOLIOS_ONE_EXTENT });
    expect(fillBatch(ctx, s, 0, 2)).toBe(1); // folio 0 first (capacity 1)
    ctx.f.dirty.set(s, false, 0);
    expect(fillBatch(ctx, s, 0, 2)).toBe(2); // folio 0 confirmed clean: skipped
    ctx.f.lockedBy.set(s, LK.F, 0);
    expect(fillBatch(ctx, s, 0, 2)).toBe(1); // trylock fails: kept
    ctx.f.lockedBy.set(s, LK.C, 0);
    expect(fillBatch(ctx, s, 0, 2)).toBe(1); // locked by the commit's ordered writeback: kept too
    ctx.f.lockedBy.set(s, LK.NONE, 0);
    ctx.f.dirty.set(s, false, 1);
    expect(fillBatch(ctx, s, 0, 2)).toBe(0); // all clean: empty batch
    ctx.f.folioWriteback.set(s, true, 1);
    expect(fillBatch(ctx, s, 0, 2)).toBe(2); // under writeback counts
  });

  it('flush decision per version', () => {
    const row = (v: string): boolean[] => {
      const { ctx } = ctxOf({ scenario: 'C1', variant: v, counterfactual: v === 'V0' });
      return [
        flushes(ctx, UNWRITTEN, false, true),
        flushes(ctx, HOLE, false, true),
        flushes(ctx, UNWRITTEN, true, true),
        flushes(ctx, UNWRITTEN, false, false),
        flushes(ctx, WRITTEN, false, true),
        flushes(ctx, DELALLOC, false, true),
      ];
    };
    expect(row('V0')).toEqual([false, false, false, false, false, false]);
    expect(row('V1c')).toEqual([true, true, false, false, false, false]);
    expect(row('V2')).toEqual([true, true, false, false, false, false]);
    expect(row('V2a')).toEqual([true, false, false, false, false, false]);
    expect(row('V3')).toEqual([true, true, false, false, false, false]);
    expect(row('V4')).toEqual([true, false, false, false, false, false]);
    expect(row('next-v2')).toEqual(row('V3')); // -next v2 runs over V3 iomap by default
    const v4Side = ctxOf({ scenario: 'C1', variant: 'next-v2', assumptions: { 'next-v2-iomap': 'V4' } }).ctx;
    expect([flushes(v4Side, UNWRITTEN, false, true), flushes(v4Side, HOLE, false, true)]).toEqual([true, false]);
  });
});
