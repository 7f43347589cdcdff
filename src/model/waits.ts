/**
 * waitsFor: for a blocked thread, what it waits for, who can end the wait (spec D2 edges), and
 * which lockdep annotation, if any, makes the edge visible (spec A.4, C.1 lockdep note;
 * research C): handles hold j_trans_commit_map for read (start_this_handle), and
 * jbd2_might_wait_for_commit acquires it for write in wait_transaction_locked,
 * add_transaction_credits (log space) and jbd2_journal_lock_updates. Nothing annotates
 * wait_transaction_switching, the barrier wait in start_this_handle, folio locks or
 * PG_writeback: those edges are invisible.
 *
 * A thread counts as blocked when it has work left but none of its actions is enabled.
 */
import type { Rule } from '../explorer/define.ts';
import type { WaitInfo } from '../explorer/model.ts';
import { holdsHandle, reservedOutstanding } from './jbd2.ts';
import { folioLocked, lastFolio } from './pagecache.ts';
import { B, BP, C, CP, F, FP, HANDLE_THREADS, IO, LK, T_LOCKED, T_SWITCH, W, Z, ZP, type KernelCtx } from './state.ts';
import { nextWork } from './writeback.ts';
import { zPagecacheRange, zWaitsWriteback, zWantsFolio } from './threads/zeroerQuery.ts';

const ON_C: readonly number[] = [C];
const ON_B: readonly number[] = [B];
const ON_W: readonly number[] = [W];

const A = {
  locked: 'visible: wait_transaction_locked calls jbd2_might_wait_for_commit (j_trans_commit_map, write)',
  space: 'visible: add_transaction_credits calls jbd2_might_wait_for_commit before __jbd2_log_wait_for_space',
  switching: 'invisible: wait_transaction_switching deliberately skips jbd2_might_wait_for_commit',
  barrierStart: 'invisible: start_this_handle waits for j_barrier_count with no lockdep annotation',
  updates: 'visible: each handle holds j_trans_commit_map for read (start_this_handle, rwsem_acquire_read)',
  lockUpdates: 'visible: jbd2_journal_lock_updates calls jbd2_might_wait_for_commit',
  folio: 'invisible: the folio lock is not a lockdep lock',
  ilock: 'visible: the XFS ILOCK is an rw_semaphore lockdep tracks (xfs_nondir_ilock_class)',
  writeback: 'invisible: PG_writeback is a page flag, not a lock',
} as const;

/** Who holds the lock of folio i across steps, as threads. */
function lockHolder(ctx: KernelCtx, s: Uint32Array, i: number): readonly number[] {
  const l = ctx.f.lockedBy.get(s, i);
  return l === LK.F ? [F] : l === LK.C ? [C] : [];
}

/**
 * Who ends the writeback of folio i: the end-I/O side (W) once it is submitted; the flusher
 * when it set PG_writeback itself and has yet to submit (iomap, bit before the handle).
 */
function writebackEnders(ctx: KernelCtx, s: Uint32Array, i: number): readonly number[] {
  const { f } = ctx;
  if (f.io.get(s, i) === IO.NONE && f.lockedBy.get(s, i) === LK.F && f.fPc.get(s) === FP.HANDLE) return [F];
  return ON_W;
}

/** A normal handle start that cannot proceed: why, on whom, and what lockdep sees. */
function normalStartWait(ctx: KernelCtx, s: Uint32Array, who: string): WaitInfo {
  const { f } = ctx;
  if (f.barrier.is(s)) return { kind: 'barrier', what: `${who}: start_this_handle waits while j_barrier_count > 0`, on: ON_B, lockdep: 'invisible', annotation: A.barrierStart };
  const tx = f.tx.get(s);
  if (tx === T_LOCKED) return { kind: 'T_LOCKED', what: `${who}: running transaction T_LOCKED until T_FLUSH`, on: ON_C, lockdep: 'tracked', annotation: A.locked };
  if (tx === T_SWITCH) return { kind: 'T_SWITCH', what: `${who}: transaction in T_SWITCH until T_FLUSH`, on: ON_C, lockdep: 'tracked', annotation: A.locked };
  return { kind: 'journal_space', what: `${who}: log space short until a commit completes`, on: ON_C, lockdep: 'tracked', annotation: A.space };
}

function handleHolders(ctx: KernelCtx, s: Uint32Array): number[] {
  return HANDLE_THREADS.filter((t) => holdsHandle(ctx, s, t));
}

export function makeWaitsFor(ctx: KernelCtx, rules: readonly Rule[], threadOfRule: readonly number[]): (s: Uint32Array, thread: number) => WaitInfo | undefined {
  const { f, cfg } = ctx;
  const hasEnabled = (s: Uint32Array, t: number): boolean => {
    for (let r = 0; r < rules.length; r++) if (threadOfRule[r] === t && rules[r]!.guard(s)) return true;
    return false;
  };
  const folioWait = (s: Uint32Array, i: number, who: string): WaitInfo => ({
    kind: 'folio_lock',
    what: `${who}: folio_lock of folio ${i}`,
    on: lockHolder(ctx, s, i),
    lockdep: 'invisible',
    annotation: A.folio,
  });
  const writebackWait = (s: Uint32Array, i: number, who: string): WaitInfo => ({
    kind: 'PG_writeback',
    what: `${who}: PG_writeback of folio ${i}`,
    on: writebackEnders(ctx, s, i),
    lockdep: 'invisible',
    annotation: A.writeback,
  });
  return (s, t) => {
    if (hasEnabled(s, t)) return undefined;
    if (t === Z) {
      const pc = f.zPc.get(s);
      if (pc === ZP.DONE) return undefined;
      if (pc === ZP.XRECLAIM) {
        return { kind: 'ILOCK', what: 'kmalloc(GFP_KERNEL) -> fs_reclaim -> xfs_reclaim_inodes_nr -> xfs_ilock of the inode this task holds locked', on: [Z], lockdep: 'tracked', annotation: A.ilock };
      }
      const lk = zWantsFolio(ctx, s);
      if (lk >= 0 && folioLocked(ctx, s, lk)) return folioWait(s, lk, pc === ZP.SIZE ? 'pagecache_isize_extended' : 'Z');
      const r = zPagecacheRange(ctx, s);
      if (r !== undefined && r[1] > r[0]) {
        for (let i = cfg.folioOf[r[0]]!, l = lastFolio(ctx, r[1]); i <= l; i++) if (f.cached.is(s, i) && folioLocked(ctx, s, i)) return folioWait(s, i, 'truncate_inode_pages_range');
      }
      const wb = zWaitsWriteback(ctx, s);
      if (wb >= 0) return writebackWait(s, wb, pc === ZP.FLUSH_WAIT || pc === ZP.TFLUSH_WAIT || pc === ZP.XFLUSH_WAIT || pc === ZP.XLIFT_WAIT ? '__filemap_fdatawait_range' : 'Z');
      if (cfg.b.journal === 'xfs') return undefined;
      return normalStartWait(ctx, s, 'ext4_journal_start');
    }
    if (t === F) {
      const pc = f.fPc.get(s);
      if (pc === FP.DONE || cfg.actors.flusher === 'none') return undefined;
      const c = f.fCursor.get(s);
      if (pc === FP.SCAN && folioLocked(ctx, s, c)) return folioWait(s, c, 'writeback');
      if (pc === FP.HANDLE && cfg.b.lockOrder === 'handle-then-folio' && folioLocked(ctx, s, c)) return folioWait(s, c, 'mpage_prepare_extent_to_map');
      if ((pc === FP.LOCKED || pc === FP.HANDLE_LOCKED) && f.folioWriteback.is(s, c)) return writebackWait(s, c, 'folio_wait_writeback (WB_SYNC_ALL)');
      if (cfg.b.journal === 'xfs') {
        if (pc === FP.HANDLE && f.zIlock.is(s)) return { kind: 'ILOCK', what: `${cfg.names.writebackHandle}: xfs_ilock(ILOCK_EXCL) after the transaction reservation, folio locked`, on: [Z], lockdep: 'tracked', annotation: A.ilock };
        return undefined;
      }
      return normalStartWait(ctx, s, `${cfg.names.writebackHandle}`);
    }
    if (t === W) {
      const i = nextWork(ctx, s);
      if (i < 0 || f.wBusy.is(s)) return undefined;
      if (cfg.b.journal === 'xfs') {
        if (f.zIlock.is(s)) return { kind: 'ILOCK', what: `${cfg.names.endioFinish}: xfs_trans_alloc_inode -> xfs_ilock(ILOCK_EXCL) for the conversion`, on: [Z], lockdep: 'tracked', annotation: A.ilock };
        return undefined;
      }
      if (f.ioReserved.is(s, i)) {
        // jbd2_journal_start_reserved waits only in T_SWITCH, through wait_transaction_switching.
        return { kind: 'T_SWITCH', what: 'reserved conversion handle start: wait_transaction_switching until T_FLUSH', on: ON_C, lockdep: 'invisible', annotation: A.switching };
      }
      return normalStartWait(ctx, s, 'conversion handle start');
    }
    if (t === C) {
      const phase = f.cPhase.get(s);
      if (phase === CP.FLUSH_DATA) {
        const i = f.cCursor.get(s);
        if (f.lockedBy.get(s, i) === LK.C) return writebackWait(s, i, 'journal_submit_data_buffers');
        return folioWait(s, i, 'journal_submit_data_buffers');
      }
      if (phase === CP.WAIT_DATA) {
        for (let i = 0; i < cfg.folios; i++) if (f.cOrdered.is(s, i) && f.folioWriteback.is(s, i)) return writebackWait(s, i, 'journal_finish_inode_data_buffers');
        return undefined;
      }
      if (f.tx.get(s) !== T_LOCKED) return undefined;
      return { kind: 't_updates', what: `jbd2_journal_wait_updates: t_updates = ${f.tUpdates.get(s)}`, on: handleHolders(ctx, s), lockdep: 'tracked', annotation: A.updates };
    }
    if (t === B) {
      const pc = f.bPc.get(s);
      if (pc === BP.WAIT_RSV && reservedOutstanding(ctx, s)) {
        const on = f.fRsvAttached.is(s) ? [F] : [W];
        return { kind: 'j_reserved_credits', what: 'jbd2_journal_lock_updates: reserved handles handed out and not yet used', on, lockdep: 'tracked', annotation: A.lockUpdates };
      }
      if (pc === BP.WAIT_UPDATES) return { kind: 't_updates', what: `jbd2_journal_lock_updates: t_updates = ${f.tUpdates.get(s)}`, on: handleHolders(ctx, s), lockdep: 'tracked', annotation: A.lockUpdates };
      if (pc === BP.FLUSH) return { kind: 'commit', what: 'jbd2_journal_flush: jbd2_log_wait_commit', on: ON_C, lockdep: 'tracked', annotation: 'visible: jbd2_log_wait_commit calls jbd2_might_wait_for_commit (CONFIG_PROVE_LOCKING)' };
      return undefined;
    }
    return undefined;
  };
}
