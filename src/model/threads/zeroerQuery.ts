/**
 * What the zeroer's next step needs: the folio lock it wants and the folio whose writeback it
 * waits for. Shared by the wait reporting (waitsFor) and by properties D1, D8 and the
 * mechanisms.
 */
import { lastFolio, rangeNeedsWriteback, rangeUnderWriteback } from '../pagecache.ts';
import { ZP, type KernelCtx } from '../state.ts';
import { DELALLOC, WRITTEN } from '../types.ts';

/** The folio whose lock Z's next step needs, or -1. */
export function zWantsFolio(ctx: KernelCtx, s: Uint32Array): number {
  const { f, cfg } = ctx;
  const pc = f.zPc.get(s);
  if (pc === ZP.ITER) {
    if (f.zBatchFlag.is(s)) return f.zBatch.get(s) - 1;
    const t = f.zMapType.get(s);
    return t === DELALLOC || t === WRITTEN ? cfg.folioOf[f.zPos.get(s)]! : -1;
  }
  if (pc === ZP.PC_ZERO || pc === ZP.BH_ZERO) return f.zPos.get(s) < cfg.blocks ? cfg.folioOf[f.zPos.get(s)]! : -1;
  if (pc === ZP.RANGE_DIRTY && cfg.sem.partialFirstBlock && cfg.caller.unalignedStart) {
    const zs = cfg.caller.zeroStart;
    if (f.zPos.get(s) === zs && rangeNeedsWriteback(ctx, s, zs, zs + 1)) return cfg.folioOf[zs]!;
  }
  if (pc === ZP.FLUSH_WRITE || pc === ZP.TFLUSH_WRITE || pc === ZP.XFLUSH_WRITE || pc === ZP.XLIFT_WRITE) {
    const c = pc === ZP.TFLUSH_WRITE ? cfg.folioOf[cfg.caller.zeroStart]! : f.zFlushCursor.get(s);
    if (c < cfg.folios && f.cached.is(s, c) && f.dirty.is(s, c)) return c;
  }
  if (pc === ZP.SIZE) {
    // pagecache_isize_extended locks only a folio that straddles the old EOF.
    const old = f.iSize.get(s);
    if (old > 0 && old < cfg.blocks && cfg.folioOf[old] === cfg.folioOf[old - 1]) return cfg.folioOf[old - 1]!;
  }
  return -1;
}

/** Whether Z's current step is the batch-driven folio lock (iomap_zero_iter over a batch folio). */
export function zWantsBatchFolio(ctx: KernelCtx, s: Uint32Array): boolean {
  return ctx.f.zPc.get(s) === ZP.ITER && ctx.f.zBatchFlag.is(s) && ctx.f.zBatch.get(s) > 0;
}

/** Folios the page-cache step (truncate_pagecache_range / truncate_setsize) would lock or wait on: [lo, hi). */
export function zPagecacheRange(ctx: KernelCtx, s: Uint32Array): [number, number] | undefined {
  const { f, cfg } = ctx;
  const pc = f.zPc.get(s);
  if (pc === ZP.PREZERO) return [cfg.caller.zeroStart, cfg.caller.zeroEnd];
  if (pc === ZP.SETSIZE) return [Math.min(cfg.caller.zeroStart, cfg.caller.newSize!), cfg.blocks];
  return undefined;
}

/** Folio under writeback that Z waits for (WB_SYNC_ALL writepages, fdatawait, the page-cache step), or -1. */
export function zWaitsWriteback(ctx: KernelCtx, s: Uint32Array): number {
  const { f, cfg } = ctx;
  const pc = f.zPc.get(s);
  if (pc === ZP.FLUSH_WAIT) return rangeUnderWriteback(ctx, s, f.zPos.get(s), cfg.caller.zeroEnd);
  if (pc === ZP.TFLUSH_WAIT) return rangeUnderWriteback(ctx, s, cfg.caller.zeroStart, cfg.caller.zeroEnd);
  if (pc === ZP.XLIFT_WAIT) return rangeUnderWriteback(ctx, s, f.zPos.get(s), cfg.caller.zeroEnd);
  if (pc === ZP.XFLUSH_WAIT) return rangeUnderWriteback(ctx, s, f.zPos.get(s), f.zMapEnd.get(s));
  if (pc === ZP.FLUSH_WRITE || pc === ZP.TFLUSH_WRITE || pc === ZP.XFLUSH_WRITE || pc === ZP.XLIFT_WRITE) {
    const c = zWantsFolio(ctx, s);
    if (c >= 0 && f.folioWriteback.is(s, c)) return c;
  }
  const r = zPagecacheRange(ctx, s);
  if (r !== undefined && r[1] > r[0]) {
    for (let i = cfg.folioOf[r[0]]!, l = lastFolio(ctx, r[1]); i <= l; i++) if (f.cached.is(s, i) && f.folioWriteback.is(s, i)) return i;
  }
  return -1;
}
