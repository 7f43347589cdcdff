/**
 * D1 NoWaitUnderHandle (spec D1, three forms).
 *
 * Kernel rationale: a task must not wait for writeback while it holds a running handle, because
 * ending writeback may need a handle (unwritten conversion; on iomap also the i_disksize
 * update) and a committing transaction waits for every open handle (S2 Zhang 07-19, S12
 * 20/27, S13). The cycle is invisible to lockdep (PG_writeback is not a lock; spec C.1).
 *
 * Scope decision (spec D1, end): `D1` covers EVERY PG_writeback wait under ANY handle, by every
 * handle holder: the zeroer's flush and fdatawait, the page-cache step, and buffer-head
 * writeback (WB_SYNC_ALL mpage_prepare_extent_to_map waits for writeback holding the
 * writepages handle). That last wait is safe only while conversions use reserved handles (C.2).
 *
 *   D1          a thread holding a handle is blocked on PG_writeback.
 *   D1-literal  no iomap_zero_iter_flush_and_stale (flush phase) while a handle is held.
 *   D1-next     iomap_zero_range is never entered with a handle (-next v2's WARN, S13 17/22);
 *               only where zeroing goes through iomap.
 */
import type { Invariant } from '../../explorer/model.ts';
import { holdsHandle } from '../../model/jbd2.ts';
import { F, FP, Z, ZP, type KernelCtx } from '../../model/state.ts';
import { zWaitsWriteback } from '../../model/threads/zeroerQuery.ts';

/** Which handle holder waits on PG_writeback, and on which folio; undefined when none does. */
export function waitUnderHandle(ctx: KernelCtx, s: Uint32Array): { thread: number; folio: number } | undefined {
  const { f } = ctx;
  if (ctx.cfg.b.journal === 'xfs') {
    // XFS (spec D1's analogue): no wait on writeback while holding the ILOCK. Only the zeroer
    // holds it across steps (->iomap_begin); transactions never span a wait in this model.
    if (!f.zIlock.is(s)) return undefined;
    const wb = zWaitsWriteback(ctx, s);
    return wb >= 0 ? { thread: Z, folio: wb } : undefined;
  }
  if (holdsHandle(ctx, s, Z)) {
    const wb = zWaitsWriteback(ctx, s);
    if (wb >= 0) return { thread: Z, folio: wb };
  }
  if (holdsHandle(ctx, s, F) && f.fPc.get(s) === FP.HANDLE_LOCKED && ctx.cfg.actors.flusher === 'sync') {
    const c = f.fCursor.get(s);
    if (f.folioWriteback.is(s, c)) return { thread: F, folio: c };
  }
  return undefined;
}

export function d1(ctx: KernelCtx): Invariant {
  return {
    name: 'D1',
    description: 'NoWaitUnderHandle: no task holding a journal handle waits on PG_writeback',
    holds: (s) => waitUnderHandle(ctx, s) === undefined,
  };
}

export function d1Literal(ctx: KernelCtx): Invariant {
  const { f } = ctx;
  return {
    name: 'D1-literal',
    description: 'no iomap_zero_iter_flush_and_stale while a journal handle is held',
    holds: (s) => {
      const pc = f.zPc.get(s);
      return !((pc === ZP.FLUSH_WRITE || pc === ZP.FLUSH_WAIT) && holdsHandle(ctx, s, Z));
    },
  };
}

export function d1Next(ctx: KernelCtx): Invariant {
  const { f } = ctx;
  return {
    name: 'D1-next',
    description: 'iomap_zero_range is never entered with a valid journal handle (ext4 -next v2 WARN)',
    holds: (s) => {
      const pc = f.zPc.get(s);
      return !(pc >= ZP.RANGE_DIRTY && pc <= ZP.FLUSH_WAIT && holdsHandle(ctx, s, Z));
    },
  };
}
