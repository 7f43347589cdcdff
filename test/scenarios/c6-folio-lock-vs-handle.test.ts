/**
 * C.6, folio lock vs handle order (spec C.6, D8, D1 correction): ext4-iomap writeback locks
 * the folio and then starts a handle; a zeroer inside a handle locks the folio. No flush and
 * no PG_writeback wait: a deadlock (D2) and a lock-order violation (D8), not a D1 violation.
 */
import { describe, expect, it } from 'vitest';
import { d1AndDeadlock, runScenario } from './run.ts';

describe('C6: folio lock vs handle order', () => {
  it('every under-handle version deadlocks Z -> F (folio lock) -> C (T_LOCKED) -> Z (handle)', () => {
    for (const v of ['V2', 'V2a', 'V3', 'V4']) {
      const r = runScenario('C6', v);
      expect(d1AndDeadlock(r), v).toEqual({ D1: 'holds', deadlock: 7 });
      expect(r.verdict.D8, v).toBe(6);
      expect(r.verdict['D2:C6-pagecache'], v).toBe(7);
      expect(r.trace.deadlock, v).toEqual([
        'Z truncate_pagecache_range [B.9]',
        'Z ext4_journal_start [B.7]',
        'Z filemap_range_needs_writeback [B.1]',
        'Z ext4_map_blocks (->iomap_begin) [B.6]',
        'F folio_lock (writeback_iter, WB_SYNC_NONE) [C.6]',
        'F folio_start_writeback, then ext4_iomap_writeback_range [B.8]',
        'C jbd2_journal_commit_transaction: T_LOCKED [B.7]',
      ]);
      const s = r.last.deadlock!;
      expect(r.model.waitsFor!(s, 0)).toMatchObject({ kind: 'folio_lock', on: [1], lockdep: 'invisible' });
      expect(r.model.waitsFor!(s, 1)).toMatchObject({ kind: 'T_LOCKED', on: [3] });
      expect(r.model.waitsFor!(s, 3)).toMatchObject({ kind: 't_updates', on: [0] });
    }
  });

  it('FINDING: in the C6 layout V1c also violates D1, via the C.1 route after the flusher allocated UNWRITTEN', () => {
    const r = runScenario('C6', 'V1c');
    expect(d1AndDeadlock(r)).toEqual({ D1: 9, deadlock: 7 });
    expect(r.trace.D1).toEqual([
      'Z truncate_pagecache_range [B.9]',
      'Z ext4_journal_start [B.7]',
      'Z filemap_range_needs_writeback [B.1]',
      'F folio_lock (writeback_iter, WB_SYNC_NONE) [C.6]',
      'F folio_start_writeback, then ext4_iomap_writeback_range [B.8]',
      'F ext4_iomap_map_one_extent: ext4_journal_start, allocate, submit, stop, unlock [B.8]',
      'Z ext4_map_blocks (->iomap_begin) [B.6]',
      'Z iomap_zero_iter_flush_and_stale [B.2]',
      'Z ext4_iomap_writepages (WB_SYNC_ALL, in caller task) [B.2]',
    ]);
    expect(r.verdict['D1:C1-no-batch']).toBe(9);
  });

  it('buffer-head ext4 (handle, then folio lock) has no inversion', () => {
    for (const v of ['bh-v7.0', 'bh-v7.1']) {
      const r = runScenario('C6', v, {}, 'ext4-bh');
      expect(d1AndDeadlock(r), v).toEqual({ D1: 'holds', deadlock: 'holds' });
      expect(r.verdict.D8, v).toBe('holds');
    }
  });

  it('COUNTERFACTUAL: the buffer-head lock order alone, on the iomap path, removes the inversion', () => {
    const r = runScenario('C6', 'V3', { 'lock-order': 'handle-then-folio' }, 'ext4-iomap', true);
    expect(r.model.name).toContain('COUNTERFACTUAL');
    expect(d1AndDeadlock(r)).toEqual({ D1: 'holds', deadlock: 'holds' });
    expect(r.verdict.D8).toBe('holds');
  });

  it('ext4 zeroing outside the handle (-next v2) removes the cycle', () => {
    const r = runScenario('C6', 'next-v2');
    expect(d1AndDeadlock(r)).toEqual({ D1: 'holds', deadlock: 'holds' });
    expect(r.verdict.D8).toBe('holds');
  });
});
