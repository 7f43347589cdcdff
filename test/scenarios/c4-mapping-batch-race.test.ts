/**
 * C.4, the mapping/batch race with sync_file_range (spec C.4, D6, E.1). The zeroer looks up
 * UNWRITTEN extent 1 without holding a lock; sync_file_range writes folio 0 back and the
 * worker converts extent 1; the fill then finds folio 0 clean.
 */
import { describe, expect, it } from 'vitest';
import { buildKernelModel } from '../../src/kernel/build.ts';
import { d1AndDeadlock, runScenario } from './run.ts';

const RACE = [
  'Z ext4_map_blocks (->iomap_begin) [B.6]',
  'F folio_lock (writeback_iter, WB_SYNC_NONE) [C.6]',
  'F ext4_iomap_writepages: submit, folio_unlock (no allocation) [B.8]',
  'W ext4_iomap_end_io: ext4_journal_start (normal) f0 [B.8]',
  'W ext4_iomap_finish_ioend: convert, stop, folio_end_writeback [B.8]',
  'Z iomap_fill_dirty_folios [B.5]',
];

describe('C4: mapping/batch race with sync_file_range', () => {
  it('the pre-zeroing truncate_pagecache_range leaves both folios cached: none lies wholly in the range', () => {
    // truncate_inode_pages_range removes a folio wholly inside the range (truncate_inode_folio)
    // and zeroes only the partial folios at the ends; the model's pre-zero step zeroes in place,
    // so the layout must give each folio a part outside the range for the race to exist.
    const c = buildKernelModel({ scenario: 'C4', variant: 'V3' });
    if (!c.ok) throw new Error(c.error);
    const { cfg } = c.ctx;
    expect(cfg.folios).toBe(2);
    for (let i = 0; i < cfg.folios; i++) {
      const whollyInside = cfg.folioStart[i]! >= cfg.caller.zeroStart && cfg.folioEnd[i]! <= cfg.caller.zeroEnd;
      expect(whollyInside, `folio ${i}`).toBe(false);
    }
    // Still one UNWRITTEN extent per folio, as in Zhang's trace.
    expect(cfg.extentStart[cfg.folioStart[1]!]).toBe(true);
  });

  it('merged semantics (flag set even for an empty batch): the extent is skipped, no flush, no deadlock', () => {
    for (const v of ['V2', 'V2a', 'V3', 'V4']) {
      const r = runScenario('C4', v);
      expect(d1AndDeadlock(r), v).toEqual({ D1: 'holds', deadlock: 'holds' });
      // With the caller's page-cache pre-zeroing the skipped data is zero: D6, D3, D4 hold.
      expect([r.verdict.D6, r.verdict.D3, r.verdict.D4], v).toEqual(['holds', 'holds', 'holds']);
    }
  });

  it("Zhang's reading (flag only if folios found): flush of folios 0+1 under the handle deadlocks", () => {
    const r = runScenario('C4', 'V3', { 'fill-flag': 'if-found' });
    expect(d1AndDeadlock(r)).toEqual({ D1: 12, deadlock: 13 });
    expect(r.trace.deadlock!.slice(3, 9)).toEqual(RACE);
    expect(r.trace.deadlock![9]).toBe('Z iomap_zero_iter_flush_and_stale [B.2]');
    expect(r.verdict['D2:C4-unflagged']).toBe(13);
    expect(r.model.waitsFor!(r.last.deadlock!, 0)).toMatchObject({ kind: 'PG_writeback', what: '__filemap_fdatawait_range: PG_writeback of folio 1' });
  });

  it('without pre-zeroing the race is a data-integrity bug: converted data is skipped (D6, D3, D4)', () => {
    const r = runScenario('C4', 'V3', { 'pre-zero': 'no' });
    expect(d1AndDeadlock(r)).toEqual({ D1: 'holds', deadlock: 'holds' });
    expect(r.verdict.D6).toBe(8);
    expect(r.trace.D6!.slice(2)).toEqual(RACE);
    expect(r.verdict.D3).toBe(13);
    expect(r.verdict.D4).toBe(18);
  });

  it('V1c has no batch: the C.1 cycle', () => {
    expect(d1AndDeadlock(runScenario('C4', 'V1c'))).toEqual({ D1: 7, deadlock: 9 });
  });

  it('ext4 outside the handle (-next v2): neither deadlock nor, with pre-zeroing, data exposure', () => {
    const r = runScenario('C4', 'next-v2');
    expect(d1AndDeadlock(r)).toEqual({ D1: 'holds', deadlock: 'holds' });
    expect([r.verdict.D6, r.verdict.D3, r.verdict.D4]).toEqual(['holds', 'holds', 'holds']);
  });

  it('buffer-head ext4 has no batch and no flush: the race does not exist', () => {
    for (const v of ['bh-v7.0', 'bh-v7.1']) {
      const r = runScenario('C4', v, {}, 'ext4-bh');
      expect(d1AndDeadlock(r), v).toEqual({ D1: 'holds', deadlock: 'holds' });
      expect(r.verdict.D6, v).toBe('holds');
    }
  });
});
