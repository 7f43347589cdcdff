/**
 * Lockdep classification of the journal waits in waitsFor (spec A.4 lockdep model, B.7).
 */
import { describe, expect, it } from 'vitest';
import { T_LOCKED, T_SWITCH, W, ZP } from '../../src/model/state.ts';
import { ctxOf, modelOf } from './helpers.ts';

describe('waitsFor: lockdep visibility of jbd2 handle-start waits', () => {
  const req = { scenario: 'C1', variant: 'V3', assumptions: { 'conversion-handle': 'reserved' } };

  /** Folio 0 under writeback, its conversion pending on the worker, transaction in `tx`. */
  function pendingConversion(tx: number, reserved: boolean): Uint32Array {
    const { ctx, s } = ctxOf(req);
    const { f } = ctx;
    f.zPc.set(s, ZP.DONE);
    f.dirty.set(s, false, 0);
    f.folioWriteback.set(s, true, 0);
    f.ioConvert.set(s, true, 0);
    f.ioReserved.set(s, reserved, 0);
    f.tx.set(s, tx);
    return s;
  }

  it('a reserved start waiting in T_SWITCH is invisible to lockdep (wait_transaction_switching skips jbd2_might_wait_for_commit)', () => {
    const m = modelOf(req);
    expect(m.waitsFor!(pendingConversion(T_SWITCH, true), W)).toMatchObject({ kind: 'T_SWITCH', on: [3], lockdep: 'invisible' });
  });

  it('a normal start waiting in T_SWITCH or T_LOCKED goes through wait_transaction_locked: tracked', () => {
    const m = modelOf(req);
    expect(m.waitsFor!(pendingConversion(T_SWITCH, false), W)).toMatchObject({ kind: 'T_SWITCH', lockdep: 'tracked' });
    expect(m.waitsFor!(pendingConversion(T_LOCKED, false), W)).toMatchObject({ kind: 'T_LOCKED', lockdep: 'tracked' });
  });
});
