/**
 * Flusher, end-I/O worker and commit thread as programs (spec B.7, B.8, C.6), and waitsFor.
 */
import { describe, expect, it } from 'vitest';
import { C, F, FP, W, Z } from '../../src/model/state.ts';
import { WRITTEN } from '../../src/model/types.ts';
import { ctxOf, enabledNames, modelOf, run } from './helpers.ts';

describe('flusher F', () => {
  it('folio-then-handle: locks the folio, then waits for T_FLUSH holding it (C.6)', () => {
    const req = { scenario: 'C6', variant: 'V3' };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(
      m,
      s,
      'Z truncate_pagecache_range [B.9]',
      'Z ext4_journal_start [B.7]',
      'F folio_lock (writeback_iter) [C.6]',
      'C jbd2_journal_commit_transaction: T_LOCKED [B.7]',
    );
    expect(ctx.f.lockedByF.is(t, 0)).toBe(true);
    expect(ctx.f.fPc.get(t)).toBe(FP.LOCKED);
    expect(enabledNames(m, t).filter((n) => n.startsWith('F'))).toEqual([]);
    expect(m.waitsFor!(t, F)).toMatchObject({ kind: 'T_LOCKED', on: [C], lockdep: 'tracked' });
    expect(m.waitsFor!(t, Z)).toBeUndefined(); // Z can still step (lookup)
  });

  it('handle-then-folio: starts the handle first, never holds the folio while waiting', () => {
    const req = { scenario: 'C6', variant: 'V3', assumptions: { 'lock-order': 'handle-then-folio' } };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(m, s, 'F ext4_journal_start_with_reserve [B.8]');
    expect(ctx.f.handleOf.is(t, F)).toBe(true);
    expect(ctx.f.lockedByF.is(t, 0)).toBe(false);
    const u = run(m, t, 'F folio_lock + mpage_map_and_submit_extent + stop [B.8]');
    expect(ctx.f.handleOf.is(u, F)).toBe(false);
    expect(ctx.f.folioWriteback.is(u, 0)).toBe(true);
    expect(ctx.f.fPc.get(u)).toBe(FP.DONE);
  });
});

describe('end-I/O worker W', () => {
  it('normal conversion handle waits in T_LOCKED; reserved joins it', () => {
    for (const [mode, name, blocked] of [
      ['normal', 'W ext4_journal_start (conversion) f0 [B.8]', true],
      ['reserved', 'W jbd2_journal_start_reserved (conversion) f0 [B.7]', false],
    ] as const) {
      const req = { scenario: 'C6', variant: 'V3', assumptions: { 'conversion-handle': mode, 'journal-space': 'ample' } };
      const m = modelOf(req);
      const { ctx, s } = ctxOf(req);
      const t = run(
        m,
        s,
        'Z truncate_pagecache_range [B.9]',
        'F folio_lock (writeback_iter) [C.6]',
        'F ext4_journal_start + map + submit + stop [B.8]',
        'Z ext4_journal_start [B.7]',
        'C jbd2_journal_commit_transaction: T_LOCKED [B.7]',
      );
      expect(ctx.f.ioReserved.is(t, 0)).toBe(mode === 'reserved');
      expect(enabledNames(m, t).includes(name)).toBe(!blocked);
      if (blocked) expect(m.waitsFor!(t, W)).toMatchObject({ kind: 'T_LOCKED', on: [C] });
      else {
        const u = run(m, t, name, 'W ext4_end_io_end: convert, stop, folio_end_writeback [B.8]');
        expect(ctx.f.map.get(u, 0)).toBe(WRITTEN);
        expect(ctx.f.folioWriteback.is(u, 0)).toBe(false);
      }
    }
  });

  it('a written-only folio ends writeback at bio completion, no handle', () => {
    const m = modelOf({ scenario: 'EOF', variant: 'V3' });
    const { ctx, s } = ctxOf({ scenario: 'EOF', variant: 'V3' });
    const t = run(m, s, 'F folio_lock + submit (no handle needed) [B.8]', 'W ext4_end_bio -> folio_end_writeback f0 [B.8]');
    expect(ctx.f.folioWriteback.is(t, 0)).toBe(false);
    expect(ctx.f.tx.get(t)).toBe(0);
  });

  it('log space short: the normal start waits for a kicked commit', () => {
    const req = { scenario: 'C6', variant: 'ext4-outside' };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const t = run(
      m,
      s,
      'Z truncate_pagecache_range [B.9]',
      'F folio_lock (writeback_iter) [C.6]',
      'F ext4_journal_start + map + submit + stop [B.8]',
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
      'W ext4_journal_start (conversion) f0 [B.8]',
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
});
