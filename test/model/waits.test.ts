/**
 * Lockdep classification of the journal waits in waitsFor (spec A.4 lockdep model, B.7), and who ends a PG_writeback wait.
 */
import { describe, expect, it } from 'vitest';
import { C, F, FP, IO, LK, T_LOCKED, T_SWITCH, W, Z, ZP } from '../../src/model/state.ts';
import { ctxOf, modelOf } from './helpers.ts';

describe('waitsFor: lockdep visibility of jbd2 handle-start waits', () => {
  const req = { profile: 'ext4-bh', scenario: 'C1', variant: 'bh-v7.0' };

  /** Folio 0 under writeback, its conversion pending on the worker, transaction in `tx`. */
  function pendingConversion(tx: number, reserved: boolean): Uint32Array {
    const { ctx, s } = ctxOf(req);
    const { f } = ctx;
    f.zPc.set(s, ZP.DONE);
    f.dirty.set(s, false, 0);
    f.folioWriteback.set(s, true, 0);
    f.io.set(s, IO.WORK, 0);
    f.ioReserved.set(s, reserved, 0);
    f.tx.set(s, tx);
    return s;
  }

  it('a reserved start waiting in T_SWITCH is invisible to lockdep (wait_transaction_switching skips jbd2_might_wait_for_commit)', () => {
    const m = modelOf(req);
    expect(m.waitsFor!(pendingConversion(T_SWITCH, true), W)).toMatchObject({ kind: 'T_SWITCH', on: [C], lockdep: 'invisible' });
    expect(m.waitsFor!(pendingConversion(T_LOCKED, true), W)).toBeUndefined(); // joins T_LOCKED: not blocked
  });

  it('a normal start waiting in T_SWITCH or T_LOCKED goes through wait_transaction_locked: tracked', () => {
    const m = modelOf(req);
    expect(m.waitsFor!(pendingConversion(T_SWITCH, false), W)).toMatchObject({ kind: 'T_SWITCH', lockdep: 'tracked' });
    expect(m.waitsFor!(pendingConversion(T_LOCKED, false), W)).toMatchObject({ kind: 'T_LOCKED', lockdep: 'tracked' });
  });
});

describe('waitsFor: who ends a PG_writeback wait', () => {
  it('the flusher, when it set PG_writeback itself before its handle start (iomap, bit first); else the end-I/O side', () => {
    const req = { scenario: 'C6', variant: 'V1c' };
    const m = modelOf(req);
    const { ctx, s } = ctxOf(req);
    const { f } = ctx;
    // Z flushes under its handle and waits for folio 0.
    f.handleOf.set(s, true, 0);
    f.tUpdates.set(s, 1);
    f.tx.set(s, 1);
    f.zPc.set(s, ZP.FLUSH_WAIT);
    f.zPos.set(s, 0);
    f.dirty.set(s, false, 0);
    f.folioWriteback.set(s, true, 0);
    f.io.set(s, IO.WORK, 0);
    expect(m.waitsFor!(s, Z)).toMatchObject({ kind: 'PG_writeback', on: [W], lockdep: 'invisible' });
    const t = s.slice();
    f.io.set(t, IO.NONE, 0);
    f.lockedBy.set(t, LK.F, 0);
    f.fPc.set(t, FP.HANDLE);
    expect(m.waitsFor!(t, Z)).toMatchObject({ kind: 'PG_writeback', on: [F] });
  });
});
