/**
 * waitsFor: for a blocked thread, what it waits for and who can end the wait (spec D2 edges).
 * `lockdep` follows spec C.1's note: jbd2 waits go through j_trans_commit_map (tracked); folio
 * lock and PG_writeback waits are not lockdep-annotated (invisible).
 *
 * A thread counts as blocked when it has work left but none of its actions is enabled.
 */
import type { Rule } from '../explorer/define.ts';
import type { WaitInfo } from '../explorer/model.ts';
import { C, F, FP, T_LOCKED, T_SWITCH, W, Z, ZP, type KernelCtx } from './state.ts';
import { zWaitsWriteback, zWantsFolio } from './threads/zeroerQuery.ts';

const ON_C: readonly number[] = [C];
const ON_F: readonly number[] = [F];
const ON_W: readonly number[] = [W];

function journalWait(ctx: KernelCtx, s: Uint32Array, who: string): WaitInfo {
  const tx = ctx.f.tx.get(s);
  if (tx === T_LOCKED) return { kind: 'T_LOCKED', what: `${who}: running transaction T_LOCKED until T_FLUSH`, on: ON_C, lockdep: 'tracked' };
  if (tx === T_SWITCH) return { kind: 'T_SWITCH', what: `${who}: transaction in T_SWITCH until T_FLUSH`, on: ON_C, lockdep: 'tracked' };
  return { kind: 'journal_space', what: `${who}: log space short until a commit`, on: ON_C, lockdep: 'tracked' };
}

function handleHolders(ctx: KernelCtx, s: Uint32Array): number[] {
  const on: number[] = [];
  for (const t of [Z, F, W]) if (ctx.f.handleOf.is(s, t)) on.push(t);
  return on;
}

export function makeWaitsFor(
  ctx: KernelCtx,
  rules: readonly Rule[],
  threadOfRule: readonly number[],
): (s: Uint32Array, thread: number) => WaitInfo | undefined {
  const { f, cfg } = ctx;
  const hasEnabled = (s: Uint32Array, t: number): boolean => {
    for (let r = 0; r < rules.length; r++) if (threadOfRule[r] === t && rules[r]!.guard(s)) return true;
    return false;
  };
  return (s, t) => {
    if (hasEnabled(s, t)) return undefined;
    if (t === Z) {
      const pc = f.zPc.get(s);
      if (pc === ZP.DONE) return undefined;
      const wb = zWaitsWriteback(ctx, s);
      const lk = zWantsFolio(ctx, s);
      if (lk >= 0 && f.lockedByF.is(s, lk)) {
        return { kind: 'folio_lock', what: `folio_lock of folio ${lk}`, on: ON_F, lockdep: 'invisible' };
      }
      if (pc === ZP.PREZERO) {
        for (let i = 0; i < cfg.folios; i++) {
          if (f.lockedByF.is(s, i)) return { kind: 'folio_lock', what: `folio_lock of folio ${i}`, on: ON_F, lockdep: 'invisible' };
        }
      }
      if (wb >= 0) return { kind: 'PG_writeback', what: `PG_writeback of folio ${wb}`, on: ON_W, lockdep: 'invisible' };
      return journalWait(ctx, s, 'ext4_journal_start');
    }
    if (t === F) {
      const pc = f.fPc.get(s);
      if (pc === FP.DONE || !cfg.withFlusher) return undefined;
      return journalWait(ctx, s, 'writeback handle start');
    }
    if (t === W) {
      let pending = false;
      let normalPending = false;
      for (let i = 0; i < cfg.folios; i++) {
        pending ||= f.ioConvert.is(s, i);
        normalPending ||= f.ioConvert.is(s, i) && !f.ioReserved.is(s, i);
      }
      if (!pending) return undefined;
      if (!normalPending && f.tx.get(s) === T_SWITCH) {
        // jbd2_journal_start_reserved -> start_this_handle -> wait_transaction_switching, which
        // deliberately skips jbd2_might_wait_for_commit ("there's no waiting for outstanding
        // handles happening anymore in T_SWITCH state", fs/jbd2/transaction.c): lockdep sees
        // nothing of this wait, unlike the normal start's wait_transaction_locked.
        return {
          kind: 'T_SWITCH',
          what: 'reserved conversion handle start: wait_transaction_switching until T_FLUSH',
          on: ON_C,
          lockdep: 'invisible',
        };
      }
      return journalWait(ctx, s, 'conversion handle start');
    }
    if (t === C) {
      if (f.tx.get(s) !== T_LOCKED) return undefined;
      return {
        kind: 't_updates',
        what: `jbd2_journal_wait_updates: t_updates = ${f.tUpdates.get(s)}`,
        on: handleHolders(ctx, s),
        lockdep: 'tracked',
      };
    }
    return undefined;
  };
}
