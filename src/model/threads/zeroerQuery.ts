/**
 * What the zeroer's next step needs: the folio lock it wants and the folio whose writeback it
 * waits for. Shared by the guards' wait reporting (waitsFor) and by properties D1 and D8.
 */
import { rangeNeedsWriteback, rangeUnderWriteback } from '../pagecache.ts';
import { ZP, type KernelCtx } from '../state.ts';
import { DELALLOC, WRITTEN } from '../types.ts';

/** The folio whose lock Z's next step needs, or -1 (used by guards, waits and D8). */
export function zWantsFolio(ctx: KernelCtx, s: Uint32Array): number {
  const { f } = ctx;
  const pc = f.zPc.get(s);
  if (pc === ZP.ITER) {
    if (f.zBatchFlag.is(s)) return f.zBatch.get(s) - 1;
    const t = f.zMapType.get(s);
    return t === DELALLOC || t === WRITTEN ? ctx.cfg.folioOf[f.zPos.get(s)]! : -1;
  }
  if (pc === ZP.PC_ZERO) return ctx.cfg.folioOf[f.zPos.get(s)]!;
  if (pc === ZP.RANGE_DIRTY && ctx.cfg.sem.partialFirstBlock && ctx.cfg.unalignedStart) {
    const zs = ctx.cfg.zeroStart;
    if (f.zPos.get(s) === zs && rangeNeedsWriteback(ctx, s, zs, zs + 1)) return ctx.cfg.folioOf[zs]!;
  }
  if (pc === ZP.FLUSH_WRITE) {
    const c = f.zFlushCursor.get(s);
    if (c < ctx.cfg.folios && f.cached.is(s, c) && f.dirty.is(s, c)) return c;
  }
  return -1;
}

/** Folio under writeback that Z waits for (WB_SYNC_ALL writepages or fdatawait), or -1. */
export function zWaitsWriteback(ctx: KernelCtx, s: Uint32Array): number {
  const { f } = ctx;
  const pc = f.zPc.get(s);
  if (pc === ZP.FLUSH_WAIT) return rangeUnderWriteback(ctx, s, f.zPos.get(s), ctx.cfg.zeroEnd);
  if (pc === ZP.FLUSH_WRITE) {
    const c = zWantsFolio(ctx, s);
    if (c >= 0 && f.folioWriteback.is(s, c)) return c;
  }
  if (pc === ZP.PREZERO) return rangeUnderWriteback(ctx, s, ctx.cfg.zeroStart, ctx.cfg.zeroEnd);
  return -1;
}
