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
      expect(d1AndDeadlock(r), v).toEqual({ D1: 'holds', deadlock: 6 });
      expect(r.verdict.D8, v).toBe(5);
      expect(r.trace.deadlock, v).toEqual([
        'Z truncate_pagecache_range [B.9]',
        'Z ext4_journal_start [B.7]',
        'Z filemap_range_needs_writeback [B.1]',
        'Z ext4_map_blocks (->iomap_begin) [B.6]',
        'F folio_lock (writeback_iter) [C.6]',
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
    expect(d1AndDeadlock(r)).toEqual({ D1: 8, deadlock: 6 });
    expect(r.trace.D1).toEqual([
      'Z truncate_pagecache_range [B.9]',
      'Z ext4_journal_start [B.7]',
      'Z filemap_range_needs_writeback [B.1]',
      'F folio_lock (writeback_iter) [C.6]',
      'F ext4_journal_start + map + submit + stop [B.8]',
      'Z ext4_map_blocks (->iomap_begin) [B.6]',
      'Z iomap_zero_iter_flush_and_stale [B.2]',
      'Z ext4_writepages (WB_SYNC_ALL, in caller task) [B.2]',
    ]);
  });

  it('buffer-head order (handle, then folio lock) has no inversion', () => {
    const r = runScenario('C6', 'V3', { 'lock-order': 'handle-then-folio' });
    expect(d1AndDeadlock(r)).toEqual({ D1: 'holds', deadlock: 'holds' });
    expect(r.verdict.D8).toBe('holds');
  });

  it('ext4 zeroing outside the handle removes the cycle', () => {
    const r = runScenario('C6', 'ext4-outside');
    expect(d1AndDeadlock(r)).toEqual({ D1: 'holds', deadlock: 'holds' });
    expect(r.verdict.D8).toBe('holds');
  });
});
