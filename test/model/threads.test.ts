/**
 * Flusher, end-I/O worker, commit thread and barrier as programs (spec B.7, B.8, C.6) on both profiles, and waitsFor.
 */
import { describe, expect, it } from 'vitest';
import { B, C, CP, F, FP, IO, LK, TX_NONE, W, Z } from '../../src/model/state.ts';
import { UNWRITTEN, WRITTEN } from '../../src/model/types.ts';
import { ctxOf, enabledNames, modelOf, run } from './helpers.ts';

const BH = { profile: 'ext4-bh', variant: 'bh-v7.0' } as const;

describe('flusher F', () => {
  it('iomap, folio then handle: locks the folio, sets PG_writeback, then waits for T_FLUSH holding the lock (C.6)', () => {
    const req = { scenario: 'C6', variant: 'V3' };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(
      m,
      s,
      'Z truncate_pagecache_range [B.9]',
      'Z ext4_journal_start [B.7]',
      'F folio_lock (writeback_iter, WB_SYNC_NONE) [C.6]',
      'F folio_start_writeback, then ext4_iomap_writeback_range [B.8]',
      'C jbd2_journal_commit_transaction: T_LOCKED [B.7]',
    );
    expect(ctx.f.lockedBy.get(t, 0)).toBe(LK.F);
    expect(ctx.f.fPc.get(t)).toBe(FP.HANDLE);
    expect(ctx.f.folioWriteback.is(t, 0)).toBe(true); // "Set the writeback bit ASAP"
    expect(ctx.f.handleOf.is(t, 1)).toBe(false);
    expect(enabledNames(m, t).filter((n) => n.startsWith('F'))).toEqual([]);
    expect(m.waitsFor!(t, F)).toMatchObject({ kind: 'T_LOCKED', on: [C], lockdep: 'tracked' });
    expect(m.waitsFor!(t, Z)).toBeUndefined(); // Z can still step (lookup)
  });

  it("iomap with writeback-bit-first=no: PG_writeback is set only at submission", () => {
    const req = { scenario: 'C6', variant: 'V3', assumptions: { 'writeback-bit-first': 'no' } };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(m, s, 'F folio_lock (writeback_iter, WB_SYNC_NONE) [C.6]', 'F folio_start_writeback, then ext4_iomap_writeback_range [B.8]');
    expect([ctx.f.fPc.get(t), ctx.f.folioWriteback.is(t, 0), ctx.f.dirty.is(t, 0)]).toEqual([FP.HANDLE, false, true]);
    const u = run(m, t, 'F ext4_iomap_map_one_extent: ext4_journal_start, allocate, submit, stop, unlock [B.8]');
    expect([ctx.f.folioWriteback.is(u, 0), ctx.f.dirty.is(u, 0), ctx.f.lockedBy.get(u, 0)]).toEqual([true, false, LK.NONE]);
    expect([ctx.f.map.get(u, 0), ctx.f.map.get(u, 1)]).toEqual([UNWRITTEN, UNWRITTEN]); // always allocated UNWRITTEN
    expect(ctx.f.io.get(u, 0)).toBe(IO.WORK);
    expect(ctx.f.iDiskSize.get(u)).toBe(0); // i_disksize waits for I/O end on iomap
  });

  it('buffer heads, handle then folio: starts the handle (with a reserved one) first, never holds the folio while waiting for it', () => {
    const req = { ...BH, scenario: 'C6' };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(m, s, 'F ext4_journal_start_with_reserve [B.8]');
    expect(ctx.f.handleOf.is(t, 1)).toBe(true);
    expect(ctx.f.fRsvAttached.is(t)).toBe(true);
    expect(ctx.f.lockedBy.get(t, 0)).toBe(LK.NONE);
    const u = run(m, t, 'F folio_lock (mpage_prepare_extent_to_map, under the handle) [B.8]', 'F mpage_map_and_submit_extent + stop + unlock [B.8]');
    expect(ctx.f.handleOf.is(u, 1)).toBe(false);
    expect(ctx.f.folioWriteback.is(u, 0)).toBe(true);
    expect(ctx.f.fPc.get(u)).toBe(FP.DONE);
    // dioread_nolock: DELALLOC allocated UNWRITTEN, the io_end takes the reserved handle; i_disksize raised in writepages.
    expect([ctx.f.map.get(u, 0), ctx.f.io.get(u, 0), ctx.f.ioReserved.is(u, 0), ctx.f.iDiskSize.get(u)]).toEqual([UNWRITTEN, IO.WORK, true, 2]);
  });

  it('buffer heads with dioread-nolock=no: DELALLOC is allocated WRITTEN and completes in bio context, no reserved handle', () => {
    const req = { ...BH, scenario: 'C6', assumptions: { 'dioread-nolock': 'no' } };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(m, s, 'F ext4_journal_start_with_reserve [B.8]');
    expect(ctx.f.fRsvAttached.is(t)).toBe(false);
    const u = run(m, t, 'F folio_lock (mpage_prepare_extent_to_map, under the handle) [B.8]', 'F mpage_map_and_submit_extent + stop + unlock [B.8]');
    expect([ctx.f.map.get(u, 0), ctx.f.map.get(u, 1), ctx.f.io.get(u, 0), ctx.f.ioReserved.is(u, 0)]).toEqual([WRITTEN, WRITTEN, IO.BIO, false]);
  });
});

describe('end-I/O worker W', () => {
  it('iomap: the normal conversion handle waits in T_LOCKED', () => {
    const req = { scenario: 'C6', variant: 'V3', assumptions: { 'journal-space': 'ample' } };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(
      m,
      s,
      'Z truncate_pagecache_range [B.9]',
      'F folio_lock (writeback_iter, WB_SYNC_NONE) [C.6]',
      'F folio_start_writeback, then ext4_iomap_writeback_range [B.8]',
      'F ext4_iomap_map_one_extent: ext4_journal_start, allocate, submit, stop, unlock [B.8]',
      'Z ext4_journal_start [B.7]',
      'C jbd2_journal_commit_transaction: T_LOCKED [B.7]',
    );
    expect(ctx.f.ioReserved.is(t, 0)).toBe(false);
    expect(enabledNames(m, t)).not.toContain('W ext4_iomap_end_io: ext4_journal_start (normal) f0 [B.8]');
    expect(m.waitsFor!(t, W)).toMatchObject({ kind: 'T_LOCKED', on: [C], lockdep: 'tracked' });
    // Once the commit is past T_FLUSH, the worker converts and raises i_disksize, then ends writeback.
    const u = run(
      m,
      t,
      'Z filemap_range_needs_writeback [B.1]',
      'Z ext4_map_blocks (->iomap_begin) [B.6]',
      'Z iomap_fill_dirty_folios [B.5]',
      'Z iomap_zero_iter (batch folio) [B.5]',
      'Z iomap_iter (range done) [B.3]',
      'Z ext4_iomap_block_zero_range returns [B.9]',
      'Z ext4_journal_stop [B.7]',
      'C jbd2_journal_wait_updates -> T_SWITCH [B.7]',
      'C T_FLUSH: wake_up_all(j_wait_transaction_locked) [B.7]',
      'W ext4_iomap_end_io: ext4_journal_start (normal) f0 [B.8]',
      'W ext4_iomap_finish_ioend: convert, stop, folio_end_writeback [B.8]',
    );
    expect([ctx.f.map.get(u, 0), ctx.f.map.get(u, 1), ctx.f.iDiskSize.get(u), ctx.f.folioWriteback.is(u, 0)]).toEqual([WRITTEN, WRITTEN, 2, false]);
  });

  it('buffer heads: the reserved conversion handle joins the T_LOCKED transaction', () => {
    const req = { ...BH, scenario: 'C6', assumptions: { 'journal-space': 'ample' } };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(
      m,
      s,
      'Z truncate_pagecache_range [B.9]',
      'F ext4_journal_start_with_reserve [B.8]',
      'F folio_lock (mpage_prepare_extent_to_map, under the handle) [B.8]',
      'F mpage_map_and_submit_extent + stop + unlock [B.8]',
      'Z ext4_journal_start [B.7]',
      'C jbd2_journal_commit_transaction: T_LOCKED [B.7]',
    );
    expect(ctx.f.ioReserved.is(t, 0)).toBe(true);
    expect(enabledNames(m, t)).not.toContain('W ext4_end_io_rsv_work: ext4_journal_start (normal) f0 [B.8]');
    const u = run(m, t, 'W jbd2_journal_start_reserved f0 [B.7]', 'W ext4_end_io_end: convert, stop, folio_end_writeback [B.8]');
    expect(ctx.f.map.get(u, 0)).toBe(WRITTEN);
    expect(ctx.f.folioWriteback.is(u, 0)).toBe(false);
  });

  it('a reserved start waits in T_SWITCH, invisibly to lockdep', () => {
    const req = { ...BH, scenario: 'C6', assumptions: { 'journal-space': 'ample' } };
    const m = modelOf(req);
    const { s } = ctxOf(req);
    const t = run(
      m,
      s,
      'Z truncate_pagecache_range [B.9]',
      'F ext4_journal_start_with_reserve [B.8]',
      'F folio_lock (mpage_prepare_extent_to_map, under the handle) [B.8]',
      'F mpage_map_and_submit_extent + stop + unlock [B.8]',
      'Z ext4_journal_start [B.7]',
      'C jbd2_journal_commit_transaction: T_LOCKED [B.7]',
      'Z __ext4_block_zero_page_range [B.9]',
      'Z __ext4_block_zero_page_range returns [B.9]',
      'Z ext4_journal_stop [B.7]',
      'C jbd2_journal_wait_updates -> T_SWITCH [B.7]',
    );
    expect(enabledNames(m, t)).not.toContain('W jbd2_journal_start_reserved f0 [B.7]');
    expect(m.waitsFor!(t, W)).toMatchObject({ kind: 'T_SWITCH', on: [C], lockdep: 'invisible' });
  });

  it('a written-only folio ends writeback at bio completion, no handle', () => {
    const req = { scenario: 'EOF', variant: 'V3' };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(m, s, 'F folio_lock (writeback_iter, WB_SYNC_NONE) [C.6]', 'F ext4_iomap_writepages: submit, folio_unlock (no allocation) [B.8]');
    expect(ctx.f.io.get(t, 0)).toBe(IO.BIO);
    const u = run(m, t, 'W ext4_iomap_end_bio -> folio_end_writeback f0 [B.8]');
    expect(ctx.f.folioWriteback.is(u, 0)).toBe(false);
    expect(ctx.f.tx.get(u)).toBe(TX_NONE);
  });

  it('log space short: the normal start waits for a kicked commit', () => {
    const req = { scenario: 'C6', variant: 'next-v2' };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(
      m,
      s,
      'Z truncate_pagecache_range [B.9]',
      'F folio_lock (writeback_iter, WB_SYNC_NONE) [C.6]',
      'F folio_start_writeback, then ext4_iomap_writeback_range [B.8]',
      'F ext4_iomap_map_one_extent: ext4_journal_start, allocate, submit, stop, unlock [B.8]',
      'W add_transaction_credits: log space short [B.7]',
    );
    expect(m.waitsFor!(t, W)).toMatchObject({ kind: 'journal_space', on: [C] });
    expect(ctx.f.commitKick.is(t)).toBe(true);
    const u = run(
      m,
      t,
      'C jbd2_journal_commit_transaction: T_LOCKED [B.7]',
      'C jbd2_journal_wait_updates -> T_SWITCH [B.7]',
      'C T_FLUSH: wake_up_all(j_wait_transaction_locked) [B.7]',
      'W ext4_iomap_end_io: ext4_journal_start (normal) f0 [B.8]',
    );
    expect(ctx.f.commitsLeft.get(u)).toBe(2); // the kicked commit is not a timer commit
  });
});

describe('commit thread C', () => {
  it('waits for t_updates naming the handle holders, and is idle otherwise', () => {
    const m = modelOf({ scenario: 'C1', variant: 'V3' });
    const { s } = ctxOf({ scenario: 'C1', variant: 'V3' });
    expect(m.waitsFor!(s, C)).toBeUndefined();
    const t = run(m, s, 'Z truncate_pagecache_range [B.9]', 'Z ext4_journal_start [B.7]', 'C jbd2_journal_commit_transaction: T_LOCKED [B.7]');
    expect(m.waitsFor!(t, C)).toMatchObject({ kind: 't_updates', on: [Z], lockdep: 'tracked' });
    expect(m.isValidEnd!(t)).toBe(false);
  });

  it('buffer heads: truncate zeroing is data=ordered; the commit writes it back in T_FLUSH and waits for it', () => {
    const req = { ...BH, scenario: 'TRUNC' };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(
      m,
      s,
      'Z truncate_setsize(1) [B.9]',
      'Z ext4_journal_start [B.7]',
      'Z __ext4_block_zero_page_range [B.9]',
      'Z __ext4_block_zero_page_range returns [B.9]',
      'Z ext4_ext_remove_space (blocks from 1) [B.9]',
      'Z ext4_journal_stop [B.7]',
    );
    expect(ctx.f.ordered.is(t, 0)).toBe(true);
    const u = run(
      m,
      t,
      'C jbd2_journal_commit_transaction: T_LOCKED [B.7]',
      'C jbd2_journal_wait_updates -> T_SWITCH [B.7]',
      'C T_FLUSH: wake_up_all(j_wait_transaction_locked) [B.7]',
      'C journal_submit_data_buffers: folio_lock [B.7]',
    );
    expect([ctx.f.cPhase.get(u), ctx.f.cOrdered.is(u, 0), ctx.f.ordered.is(u, 0), ctx.f.lockedBy.get(u, 0)]).toEqual([CP.FLUSH_DATA, true, false, LK.C]);
    const v = run(m, u, 'C journal_submit_data_buffers: submit mapped blocks, folio_unlock [B.7]');
    expect([ctx.f.cPhase.get(v), ctx.f.folioWriteback.is(v, 0), ctx.f.lockedBy.get(v, 0)]).toEqual([CP.WAIT_DATA, true, LK.NONE]);
    expect(m.waitsFor!(v, C)).toMatchObject({ kind: 'PG_writeback', on: [W] });
    const w = run(m, v, 'W ext4_end_bio -> folio_end_writeback f0 [B.8]', 'C journal_finish_inode_data_buffers [B.7]');
    expect([ctx.f.cPhase.get(w), ctx.f.cOrdered.is(w, 0)]).toEqual([CP.IDLE, false]);
  });

  it('iomap inodes have no data=ordered: the commit never writes back or waits on folios', () => {
    const m = modelOf({ scenario: 'TRUNC', variant: 'V3' });
    expect(m.actions.filter((a) => a.thread === C).map((a) => a.kernelFunction)).toEqual([
      'jbd2_journal_commit_transaction',
      'jbd2_journal_wait_updates',
      'jbd2_journal_commit_transaction',
    ]);
  });
});

describe('updates barrier B', () => {
  it('new normal handles wait on the barrier (invisible to lockdep) until the barrier has committed and unlocked', () => {
    const req = { scenario: 'BARRIER', variant: 'V3' };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(m, s, 'Z truncate_pagecache_range [B.9]', 'B jbd2_journal_lock_updates: j_barrier_count++ [B.7]');
    expect(enabledNames(m, t)).not.toContain('Z ext4_journal_start [B.7]');
    expect(m.waitsFor!(t, Z)).toMatchObject({ kind: 'barrier', on: [B], lockdep: 'invisible' });
    const u = run(m, t, 'B jbd2_journal_lock_updates: reserved handles used [B.7]', 'B jbd2_journal_wait_updates (barrier) [B.7]', 'B jbd2_journal_flush -> jbd2_journal_unlock_updates [B.7]');
    expect([ctx.f.barrier.is(u), enabledNames(m, u).includes('Z ext4_journal_start [B.7]')]).toEqual([false, true]);
  });
});
