/**
 * D8 LockOrder, folio lock vs handle (spec D8, C.6). Kernel rationale: ext4-iomap writeback
 * takes the folio lock and then starts a handle; a zeroer that holds a handle and then locks
 * a folio inverts that order. Violated when the zeroer, holding a handle, needs the lock of a
 * folio that the flusher holds while it is at its handle start.
 */
import type { Invariant } from '../../explorer/model.ts';
import { FP, Z, type KernelCtx } from '../../model/state.ts';
import { zWantsFolio } from '../../model/threads/zeroerQuery.ts';

export function d8(ctx: KernelCtx): Invariant {
  const { f } = ctx;
  return {
    name: 'D8',
    description: 'LockOrder: no handle holder waits for a folio lock held by a thread waiting to start a handle',
    holds: (s) => {
      if (!f.handleOf.is(s, Z) || f.fPc.get(s) !== FP.LOCKED) return true;
      const i = zWantsFolio(ctx, s);
      return !(i >= 0 && f.lockedByF.is(s, i));
    },
  };
}
