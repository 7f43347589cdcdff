/**
 * The zeroer's program step by step (spec B.4, B.5, B.2, B.9), on scenarios and generated layouts, on both profiles.
 */
import { describe, expect, it } from 'vitest';
import { ZP } from '../../src/model/state.ts';
import { DATA, STALE, ZERO } from '../../src/model/types.ts';
import { ctxOf, enabledNames, modelOf, run } from './helpers.ts';

/** Two 1-block folios over one UNWRITTEN extent, both dirty; punch [0,2). */
const UU = '1+1:P0-2:none:f0-2.w0-2';

describe('zeroer Z on ext4-iomap', () => {
  it('batch capacity 1 trims the mapping: two rounds of lookup + fill + zero', () => {
    const req = { variant: 'V3', layoutId: UU };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const end = run(
      m,
      s,
      'Z truncate_pagecache_range [B.9]',
      'Z ext4_journal_start [B.7]',
      'Z filemap_range_needs_writeback [B.1]',
      'Z ext4_map_blocks (->iomap_begin) [B.6]',
      'Z iomap_fill_dirty_folios [B.5]',
      'Z iomap_zero_iter (batch folio) [B.5]',
      'Z ext4_map_blocks (->iomap_begin) [B.6]',
      'Z iomap_fill_dirty_folios [B.5]',
      'Z iomap_zero_iter (batch folio) [B.5]',
      'Z iomap_iter (range done) [B.3]',
      'Z ext4_iomap_block_zero_range returns [B.9]',
      'Z ext4_journal_stop [B.7]',
    );
    expect(ctx.f.zIters.get(end)).toBe(2);
    expect(ctx.f.zPc.get(end)).toBe(ZP.DONE);
    expect([ctx.f.pc.get(end, 0), ctx.f.pc.get(end, 1)]).toEqual([ZERO, ZERO]);
    expect(ctx.f.tUpdates.get(end)).toBe(0);
  });

  it('V1c: flush, wait, STALE re-lookup; range_dirty is cleared so the second round does not flush again', () => {
    const req = { scenario: 'C1', variant: 'V1c', assumptions: { 'journal-space': 'ample' } };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(
      m,
      s,
      'Z truncate_pagecache_range [B.9]',
      'Z ext4_journal_start [B.7]',
      'Z filemap_range_needs_writeback [B.1]',
      'Z ext4_map_blocks (->iomap_begin) [B.6]',
      'Z iomap_zero_iter_flush_and_stale [B.2]',
      'Z ext4_iomap_writepages (WB_SYNC_ALL, in caller task) [B.2]',
    );
    expect(ctx.f.zPc.get(t)).toBe(ZP.FLUSH_WAIT);
    expect(enabledNames(m, t)).not.toContain('Z __filemap_fdatawait_range [B.2]');
    const t2 = run(
      m,
      t,
      'W ext4_iomap_end_io: ext4_journal_start (normal) f0 [B.8]',
      'W ext4_iomap_finish_ioend: convert, stop, folio_end_writeback [B.8]',
      'Z __filemap_fdatawait_range [B.2]',
      'Z ext4_map_blocks (->iomap_begin) [B.6]',
    );
    // After conversion the block is WRITTEN: zeroed through the page cache.
    expect(enabledNames(m, t2)).toContain('Z iomap_zero_iter (page cache) [B.5]');
    expect(enabledNames(m, t2)).not.toContain('Z iomap_zero_iter_flush_and_stale [B.2]');
    expect(ctx.f.zRangeDirty.is(t2)).toBe(false);
    expect(ctx.f.zIters.get(t2)).toBe(2);
  });

  it('V0 (counterfactual on ext4-iomap) skips a dirty UNWRITTEN mapping as already zero', () => {
    const req = { scenario: 'C1', variant: 'V0', counterfactual: true, assumptions: { 'pre-zero': 'no' } };
    const m = modelOf(req);
    const { s } = ctxOf(req);
    const t = run(m, s, 'Z ext4_journal_start [B.7]', 'Z filemap_range_needs_writeback [B.1]', 'Z ext4_map_blocks (->iomap_begin) [B.6]');
    expect(enabledNames(m, t)).toContain('Z iomap_iter_advance_full (skip mapping) [B.4]');
  });

  it('V2 with kmalloc failure (C5) offers both fill outcomes', () => {
    const m = modelOf({ scenario: 'C5', variant: 'V2' });
    const { s } = ctxOf({ scenario: 'C5', variant: 'V2' });
    const t = run(
      m,
      s,
      'Z truncate_pagecache_range [B.9]',
      'Z ext4_journal_start [B.7]',
      'Z filemap_range_needs_writeback [B.1]',
      'Z ext4_map_blocks (->iomap_begin) [B.6]',
    );
    expect(enabledNames(m, t).filter((n) => n.startsWith('Z'))).toEqual([
      'Z iomap_fill_dirty_folios [B.5]',
      'Z iomap_fill_dirty_folios: kmalloc fails [B.4]',
    ]);
  });

  it('next-v2 zeroes before the caller starts its handle, and starts it after', () => {
    const req = { scenario: 'C1', variant: 'next-v2' };
    const m = modelOf(req);
    expect(m.actions.some((a) => a.name === 'Z ext4_journal_start [B.7]')).toBe(false);
    const { ctx, s } = ctxOf(req);
    const t = run(
      m,
      s,
      'Z truncate_pagecache_range [B.9]',
      'Z filemap_range_needs_writeback [B.1]',
      'Z ext4_map_blocks (->iomap_begin) [B.6]',
      'Z iomap_fill_dirty_folios [B.5]',
      'Z iomap_zero_iter (batch folio) [B.5]',
      'Z iomap_iter (range done) [B.3]',
      'Z ext4_iomap_block_zero_range returns [B.9]',
    );
    expect(ctx.f.tUpdates.get(t)).toBe(0);
    const u = run(m, t, 'Z ext4_journal_start (after zeroing) [B.9]');
    expect(ctx.f.tUpdates.get(u)).toBe(1);
  });

  it('truncate up: pagecache_isize_extended zeroes what the extension exposes in the dirty EOF folio', () => {
    const req = { scenario: 'EOF', variant: 'V4', assumptions: { 'journal-space': 'ample' } };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    expect(ctx.f.pc.get(s, 1)).toBe(STALE); // mmap garbage past EOF
    const t = run(m, s, 'Z ext4_journal_start [B.7]', 'Z filemap_range_needs_writeback [B.1]', 'Z ext4_map_blocks (->iomap_begin) [B.6]');
    // V4: the post-EOF HOLE is skipped (no hole flush), the garbage stays until the size change.
    const u = run(m, t, 'Z iomap_iter_advance_full (skip mapping) [B.4]', 'Z iomap_iter (range done) [B.3]', 'Z ext4_iomap_block_zero_range returns [B.9]');
    expect(ctx.f.pc.get(u, 1)).toBe(STALE);
    const v = run(m, u, 'Z i_size -> 2 + pagecache_isize_extended [D5]');
    expect([ctx.f.iSize.get(v), ctx.f.pc.get(v, 0), ctx.f.pc.get(v, 1), ctx.f.zSized.is(v)]).toEqual([2, DATA, ZERO, true]);
  });
});

describe('zeroer Z on ext4-bh', () => {
  it('bh-v7.0 zeroes through buffer heads inside its handle: no iomap_zero_range, no flush', () => {
    const req = { profile: 'ext4-bh', scenario: 'C1', variant: 'bh-v7.0' };
    const m = modelOf(req);
    expect(m.actions.filter((a) => a.name.startsWith('Z')).some((a) => /iomap|flush|fdatawait/.test(a.name))).toBe(false);
    const { ctx, s } = ctxOf(req);
    const t = run(m, s, 'Z truncate_pagecache_range [B.9]', 'Z ext4_journal_start [B.7]', 'Z __ext4_block_zero_page_range [B.9]');
    expect([ctx.f.pc.get(t, 0), ctx.f.pc.get(t, 1), ctx.f.dirty.is(t, 0), ctx.f.tUpdates.get(t)]).toEqual([ZERO, DATA, true, 1]);
    expect(ctx.f.ordered.is(t, 0)).toBe(false); // punch zeroing is not data=ordered
  });

  it('bh-v7.1 zeroes before its handle', () => {
    const req = { profile: 'ext4-bh', scenario: 'C1', variant: 'bh-v7.1' };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(m, s, 'Z truncate_pagecache_range [B.9]', 'Z __ext4_block_zero_page_range [B.9]');
    expect([ctx.f.pc.get(t, 0), ctx.f.tUpdates.get(t)]).toEqual([ZERO, 0]);
    const u = run(m, t, 'Z __ext4_block_zero_page_range returns [B.9]', 'Z ext4_journal_start (after zeroing) [B.9]', 'Z ext4_journal_stop [B.7]');
    expect(ctx.f.zPc.get(u)).toBe(ZP.DONE);
  });
});
