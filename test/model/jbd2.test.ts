/** jbd2 primitives: handles and t_updates, the commit state machine, normal vs reserved starts, log space. */
import { describe, expect, it } from 'vitest';
import {
  canCommitFlush,
  canCommitLock,
  canCommitSwitch,
  canFindSpaceShort,
  canStartNormal,
  canStartReserved,
  commitFlush,
  commitLock,
  commitSwitch,
  findSpaceShort,
  reservedOutstanding,
  startHandle,
  stopHandle,
} from '../../src/model/jbd2.ts';
import { F, T_LOCKED, T_RUNNING, T_SWITCH, TX_NONE, W, Z } from '../../src/model/state.ts';
import { ctxOf } from './helpers.ts';

describe('jbd2 primitives (spec B.7)', () => {
  it('a first handle creates the running transaction and counts in t_updates', () => {
    const { ctx, s } = ctxOf({ scenario: 'C1', variant: 'V3' });
    expect(ctx.f.tx.get(s)).toBe(TX_NONE);
    startHandle(ctx, s, Z);
    expect(ctx.f.tx.get(s)).toBe(T_RUNNING);
    expect(ctx.f.tUpdates.get(s)).toBe(1);
    startHandle(ctx, s, F);
    expect(ctx.f.tUpdates.get(s)).toBe(2);
    stopHandle(ctx, s, Z);
    expect(ctx.f.tUpdates.get(s)).toBe(1);
    expect(ctx.f.handleOf.is(s, Z)).toBe(false);
  });

  it('nesting is atomic in this model: a second start by the same thread is a programmer error', () => {
    const { ctx, s } = ctxOf({ scenario: 'C1', variant: 'V3' });
    startHandle(ctx, s, Z);
    expect(() => startHandle(ctx, s, Z)).toThrow(/already holds/);
    expect(() => stopHandle(ctx, s, W)).toThrow(/does not hold/);
  });

  it('commit: T_RUNNING -> T_LOCKED, waits for t_updates == 0, T_SWITCH, T_FLUSH', () => {
    const { ctx, s } = ctxOf({ scenario: 'C1', variant: 'V3' });
    expect(canCommitLock(ctx, s)).toBe(false); // no running transaction
    startHandle(ctx, s, Z);
    expect(canCommitLock(ctx, s)).toBe(true);
    commitLock(ctx, s);
    expect(ctx.f.tx.get(s)).toBe(T_LOCKED);
    expect(ctx.f.commitsLeft.get(s)).toBe(1); // two timer commits per run
    expect(canCommitSwitch(ctx, s)).toBe(false); // Z's handle is open
    stopHandle(ctx, s, Z);
    expect(canCommitSwitch(ctx, s)).toBe(true);
    commitSwitch(ctx, s);
    expect(ctx.f.tx.get(s)).toBe(T_SWITCH);
    expect(canCommitFlush(ctx, s)).toBe(true);
    commitFlush(ctx, s);
    expect(ctx.f.tx.get(s)).toBe(TX_NONE);
  });

  it('normal starts wait in T_LOCKED and T_SWITCH; reserved starts join T_LOCKED and wait only in T_SWITCH', () => {
    const { ctx, s } = ctxOf({ scenario: 'C1', variant: 'V3' });
    startHandle(ctx, s, Z);
    expect([canStartNormal(ctx, s), canStartReserved(ctx, s)]).toEqual([true, true]);
    commitLock(ctx, s);
    expect([canStartNormal(ctx, s), canStartReserved(ctx, s)]).toEqual([false, true]);
    startHandle(ctx, s, W); // reserved joins the locked transaction: t_updates 2
    expect(ctx.f.tUpdates.get(s)).toBe(2);
    stopHandle(ctx, s, W);
    stopHandle(ctx, s, Z);
    commitSwitch(ctx, s);
    expect([canStartNormal(ctx, s), canStartReserved(ctx, s)]).toEqual([false, false]);
    commitFlush(ctx, s);
    expect([canStartNormal(ctx, s), canStartReserved(ctx, s)]).toEqual([true, true]);
  });

  it('journal space short: normal starts wait until a (kicked) commit completes; at most once', () => {
    const { ctx, s } = ctxOf({ scenario: 'C1', variant: 'V3' });
    startHandle(ctx, s, Z);
    commitLock(ctx, s);
    commitSwitch(ctx, s); // a first commit (t_updates not checked here: flags only)
    commitFlush(ctx, s);
    stopHandle(ctx, s, Z);
    startHandle(ctx, s, Z);
    expect(canFindSpaceShort(ctx, s)).toBe(true);
    findSpaceShort(ctx, s);
    expect(canStartNormal(ctx, s)).toBe(false);
    expect(canStartReserved(ctx, s)).toBe(true);
    expect(canCommitLock(ctx, s)).toBe(true); // the kick allows a commit beyond the timer's
    commitLock(ctx, s);
    stopHandle(ctx, s, Z);
    commitSwitch(ctx, s);
    commitFlush(ctx, s);
    expect(canStartNormal(ctx, s)).toBe(true);
    startHandle(ctx, s, Z);
    expect(canFindSpaceShort(ctx, s)).toBe(false);
  });

  it("journal-space 'ample' never runs short", () => {
    const { ctx, s } = ctxOf({ scenario: 'C1', variant: 'V3', assumptions: { 'journal-space': 'ample' } });
    startHandle(ctx, s, Z);
    expect(canFindSpaceShort(ctx, s)).toBe(false);
  });

  it('the updates barrier stops normal starts, not reserved ones; a reserved handle handed out is outstanding until started', () => {
    const { ctx, s } = ctxOf({ profile: 'ext4-bh', scenario: 'BARRIER', variant: 'bh-v7.0' });
    expect(reservedOutstanding(ctx, s)).toBe(false);
    startHandle(ctx, s, Z);
    expect([canStartNormal(ctx, s), canFindSpaceShort(ctx, s)]).toEqual([true, true]);
    ctx.f.barrier.set(s, true);
    expect([canStartNormal(ctx, s), canStartReserved(ctx, s), canFindSpaceShort(ctx, s)]).toEqual([false, true, false]);
    ctx.f.fRsvAttached.set(s, true);
    expect(reservedOutstanding(ctx, s)).toBe(true);
    ctx.f.fRsvAttached.set(s, false);
    ctx.f.ioReserved.set(s, true, 0);
    expect(reservedOutstanding(ctx, s)).toBe(true);
  });
});
