/**
 * D1 NoWaitUnderHandle (spec D1, three forms).
 *
 * Kernel rationale: ext4 must not wait for writeback while it holds a running handle, because
 * ending writeback may need a handle (unwritten conversion) and a committing transaction
 * waits for every open handle (S2 Zhang 07-19, S12 20/27, S13). The cycle is invisible to
 * lockdep (PG_writeback is not a lock; spec C.1).
 *
 * Scope decision (spec D1, end): `D1` covers EVERY PG_writeback wait under ANY handle, not
 * only waits reached from the zeroing path: the writepages wait (WB_SYNC_ALL folio_wait_-
 * writeback) under a handle is safe only while conversions use reserved handles (C.2), and
 * the ext4-iomap design does not. In this model only the zeroer can reach such a wait: its
 * flush runs ->writepages (WB_SYNC_ALL) and __filemap_fdatawait_range in its own task; the
 * flusher runs WB_SYNC_NONE (skips folios under writeback) and so never waits on PG_writeback.
 *
 *   D1          a thread holding a handle is blocked on PG_writeback.
 *   D1-literal  no iomap_zero_iter_flush_and_stale (flush phase) while a handle is held.
 *   D1-next     iomap_zero_range is never entered with a handle (-next v2's WARN, S13 17/22);
 *               it flags every under-handle version in every scenario by construction.
 */
import type { Invariant } from '../../explorer/model.ts';
import { Z, ZP, type KernelCtx } from '../../model/state.ts';
import { zWaitsWriteback } from '../../model/threads/zeroerQuery.ts';

export function d1(ctx: KernelCtx): Invariant {
  const { f } = ctx;
  return {
    name: 'D1',
    description: 'NoWaitUnderHandle: no task holding a journal handle waits on PG_writeback',
    holds: (s) => !(f.handleOf.is(s, Z) && zWaitsWriteback(ctx, s) >= 0),
  };
}

export function d1Literal(ctx: KernelCtx): Invariant {
  const { f } = ctx;
  return {
    name: 'D1-literal',
    description: 'no iomap_zero_iter_flush_and_stale while a journal handle is held',
    holds: (s) => {
      const pc = f.zPc.get(s);
      return !((pc === ZP.FLUSH_WRITE || pc === ZP.FLUSH_WAIT) && f.handleOf.is(s, Z));
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
      return !(pc >= ZP.BEGIN && pc <= ZP.FLUSH_WAIT && f.handleOf.is(s, Z));
    },
  };
}
