/**
 * C.1, the core cycle (spec C.1, C.2, D1/D2): ext4 punch hole holds a handle and zeroes a
 * block of a folio dirty over UNWRITTEN. Without a folio batch iomap flushes: ->writepages
 * runs nested in the handle (no reserved handle), the zeroer waits on PG_writeback, the
 * commit locks the transaction and waits for the zeroer's handle, and the end-I/O worker
 * waits for T_FLUSH to start its conversion handle.
 */
import { describe, expect, it } from 'vitest';
import { d1AndDeadlock, runScenario } from './run.ts';

describe('C1: flush under handle, conversion needs a normal handle', () => {
  it('V1c (pre-series, no batch) flushes under the handle and deadlocks', () => {
    const r = runScenario('C1', 'V1c');
    expect(d1AndDeadlock(r)).toEqual({ D1: 6, deadlock: 7 });
    expect(r.trace.deadlock).toEqual([
      'Z truncate_pagecache_range [B.9]',
      'Z ext4_journal_start [B.7]',
      'Z filemap_range_needs_writeback [B.1]',
      'Z ext4_map_blocks (->iomap_begin) [B.6]',
      'Z iomap_zero_iter_flush_and_stale [B.2]',
      'Z ext4_iomap_writepages (WB_SYNC_ALL, in caller task) [B.2]',
      'C jbd2_journal_commit_transaction: T_LOCKED [B.7]',
    ]);
    // The wait-for cycle Z -> W -> C -> Z, with the PG_writeback edge invisible to lockdep.
    const s = r.last.deadlock!;
    expect(r.model.waitsFor!(s, 0)).toMatchObject({ kind: 'PG_writeback', on: [2], lockdep: 'invisible' });
    expect(r.model.waitsFor!(s, 2)).toMatchObject({ kind: 'T_LOCKED', on: [3], lockdep: 'tracked' });
    expect(r.model.waitsFor!(s, 3)).toMatchObject({ kind: 't_updates', on: [0], lockdep: 'tracked' });
  });

  it('the batch versions zero the dirty folio through the batch: no flush, no deadlock', () => {
    for (const v of ['V2', 'V2a', 'V3', 'V4']) {
      const r = runScenario('C1', v);
      expect(d1AndDeadlock(r), v).toEqual({ D1: 'holds', deadlock: 'holds' });
      // ... but iomap_zero_range is still entered under the handle (-next v2's WARN).
      expect(r.verdict['D1-next'], v).toBe(2);
    }
  });

  it('ext4 zeroing outside the handle (-next v2) holds every form of D1', () => {
    const r = runScenario('C1', 'next-v2');
    expect(d1AndDeadlock(r)).toEqual({ D1: 'holds', deadlock: 'holds' });
    expect(r.verdict['D1-next']).toBe('holds');
  });

  it('COUNTERFACTUAL: reserved conversion handles would not help: nested writeback gets none (B.8 (**))', () => {
    const r = runScenario('C1', 'V1c', { 'conversion-handle': 'reserved' }, 'ext4-iomap', true);
    expect(r.model.name).toContain('COUNTERFACTUAL');
    expect(d1AndDeadlock(r)).toEqual({ D1: 6, deadlock: 7 });
  });

  it('buffer-head ext4 on the same start zeroes through buffer heads: no flush, no deadlock', () => {
    for (const v of ['bh-v7.0', 'bh-v7.1']) expect(d1AndDeadlock(runScenario('C1', v, {}, 'ext4-bh')), v).toEqual({ D1: 'holds', deadlock: 'holds' });
  });

  it('with journal space ample the cycle is the same (T_LOCKED route)', () => {
    const r = runScenario('C1', 'V1c', { 'journal-space': 'ample' });
    expect(d1AndDeadlock(r)).toEqual({ D1: 6, deadlock: 7 });
  });

  it('V2..V4 under a handle still deadlock on UNWRITTEN beyond EOF, where the prototype fills no batch (C1-EOF)', () => {
    for (const v of ['V2', 'V2a', 'V3', 'V4']) {
      const r = runScenario('C1-EOF', v);
      expect(d1AndDeadlock(r), v).toEqual({ D1: 6, deadlock: 7 });
      expect(r.verdict['D2:C1-unfilled'], v).toBe(7);
    }
    // -next v2's fill for every UNWRITTEN mapping removes it even under a handle.
    const all = runScenario('C1-EOF', 'V4', { 'ext4-fill': 'all-unwritten' });
    expect(d1AndDeadlock(all)).toEqual({ D1: 'holds', deadlock: 'holds' });
  });

  it("FINDING: V1c's partial-EOF special case [S10] spares an unaligned one-block zero (ext4's start partial block), not a longer range", () => {
    // fallocate 0-2, write 0-2: one dirty folio over UNWRITTEN; punch from inside block 0.
    expect(d1AndDeadlock(runScenario('layout:2:P0+-1:none:f0-2.w0-2', 'V1c'))).toEqual({ D1: 'holds', deadlock: 'holds' });
    const longer = runScenario('layout:2:P0+-2:none:f0-2.w0-2', 'V1c');
    expect(d1AndDeadlock(longer)).toEqual({ D1: 7, deadlock: 8 });
    expect(longer.trace.D1).toContain('Z iomap_zero_range: dirty partial first block -> iomap_zero_iter [B.4]');
  });
});
