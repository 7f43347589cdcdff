/**
 * D8 LockOrder, folio lock vs handle (spec D8, C.6). Kernel rationale: iomap writeback takes
 * the folio lock and then starts a handle; a thread that holds a handle and then locks a folio
 * inverts that order. Violated when a handle holder needs the lock of a folio that another
 * thread holds while it waits to start a handle.
 */
import type { Invariant } from '../../explorer/model.ts';
import { holdsHandle } from '../../model/jbd2.ts';
import { FP, LK, Z, type KernelCtx } from '../../model/state.ts';
import { zWantsFolio } from '../../model/threads/zeroerQuery.ts';

export function d8(ctx: KernelCtx): Invariant {
  const { f } = ctx;
  return {
    name: 'D8',
    description: 'LockOrder: no handle holder waits for a folio lock held by a thread waiting to start a handle',
    holds: (s) => {
      if (ctx.cfg.b.journal === 'xfs') {
        // XFS (spec D8): no blocking folio_lock while holding the ILOCK, only trylock.
        if (!f.zIlock.is(s)) return true;
        const i = zWantsFolio(ctx, s);
        return i < 0 || f.lockedBy.get(s, i) === LK.NONE;
      }
      if (!holdsHandle(ctx, s, Z)) return true;
      const i = zWantsFolio(ctx, s);
      if (i < 0 || f.lockedBy.get(s, i) !== LK.F) return true;
      // The holder is at its handle start under the folio lock (iomap writeback): the order is inverted.
      return f.fPc.get(s) !== FP.HANDLE || ctx.cfg.b.lockOrder !== 'folio-then-handle';
    },
  };
}
