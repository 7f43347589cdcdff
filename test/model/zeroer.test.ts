/**
 * The zeroer's program step by step (spec B.4, B.5, B.2), on hand-picked layouts.
 */
import { describe, expect, it } from 'vitest';
import type { GeneratedLayout } from '../../src/model/index.ts';
import { ZP } from '../../src/model/state.ts';
import { ZERO } from '../../src/model/types.ts';
import { ctxOf, enabledNames, modelOf, run } from './helpers.ts';

const UU: GeneratedLayout = {
  id: 'uu',
  blocks: 2,
  folioBlocks: [1, 1],
  map: ['UNWRITTEN', 'UNWRITTEN'],
  folios: ['dirty', 'dirty'],
  zeroStart: 0,
  zeroEnd: 2,
};

describe('zeroer Z', () => {
  it('batch capacity 1 trims the mapping: two rounds of lookup + fill + zero', () => {
    const req = { scenario: 'C1', variant: 'V3', layout: UU };
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
      'Z ext4_journal_stop [B.7]',
    );
    expect(ctx.f.zIters.get(end)).toBe(2);
    expect(ctx.f.zPc.get(end)).toBe(ZP.DONE);
    expect([ctx.f.pc.get(end, 0), ctx.f.pc.get(end, 1)]).toEqual([ZERO, ZERO]);
  });

  it('V1c: flush, wait, STALE re-lookup; range_dirty is cleared so the second round skips', () => {
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
      'Z ext4_writepages (WB_SYNC_ALL, in caller task) [B.2]',
    );
    expect(ctx.f.zPc.get(t)).toBe(ZP.FLUSH_WAIT);
    expect(enabledNames(m, t)).not.toContain('Z __filemap_fdatawait_range [B.2]');
    const t2 = run(
      m,
      t,
      'W ext4_journal_start (conversion) f0 [B.8]',
      'W ext4_end_io_end: convert, stop, folio_end_writeback [B.8]',
      'Z __filemap_fdatawait_range [B.2]',
      'Z ext4_map_blocks (->iomap_begin) [B.6]',
    );
    // After conversion the block is WRITTEN: zeroed through the page cache.
    expect(enabledNames(m, t2)).toContain('Z iomap_zero_iter (page cache) [B.5]');
    expect(ctx.f.zRangeDirty.is(t2)).toBe(false);
    expect(ctx.f.zIters.get(t2)).toBe(2);
  });

  it('V0 skips a dirty UNWRITTEN mapping as already zero', () => {
    const req = { scenario: 'C1', variant: 'V0', assumptions: { 'pre-zero': 'no' } };
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

  it('ext4-outside never starts a handle in the zeroer', () => {
    const m = modelOf({ scenario: 'C1', variant: 'ext4-outside' });
    expect(m.actions.some((a) => a.name === 'Z ext4_journal_start [B.7]')).toBe(false);
    expect(m.actions.some((a) => a.name === 'Z iomap_zero_range returns [B.4]')).toBe(true);
  });
});
