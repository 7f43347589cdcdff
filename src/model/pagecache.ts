/**
 * Page cache and block primitives (spec A.1-A.3, B.1): folio flags, per-block page-cache and
 * on-disk content, what a read returns and what persists after all writeback.
 */
import { LK, type KernelCtx } from './state.ts';
import { HOLE, WRITTEN, ZERO } from './types.ts';

/** Index of the first folio intersecting block range [lo, hi), or folios if none. */
export function firstFolio(ctx: KernelCtx, lo: number): number {
  return lo < ctx.cfg.blocks ? ctx.cfg.folioOf[lo]! : ctx.cfg.folios;
}
/** Index of the last folio intersecting [lo, hi) (hi > lo). */
export function lastFolio(ctx: KernelCtx, hi: number): number {
  return ctx.cfg.folioOf[hi - 1]!;
}

/**
 * filemap_range_needs_writeback (B.1): some cached folio in [lo, hi) is dirty, locked or under
 * writeback. A locked-but-clean folio counts (VERIFIED).
 */
export function rangeNeedsWriteback(ctx: KernelCtx, s: Uint32Array, lo: number, hi: number): boolean {
  if (hi <= lo) return false;
  const { f } = ctx;
  for (let i = firstFolio(ctx, lo), last = lastFolio(ctx, hi); i <= last; i++) {
    if (f.cached.is(s, i) && (f.dirty.is(s, i) || f.lockedBy.get(s, i) !== LK.NONE || f.folioWriteback.is(s, i))) return true;
  }
  return false;
}

/** Some folio in [lo, hi) is under writeback (what __filemap_fdatawait_range waits for). */
export function rangeUnderWriteback(ctx: KernelCtx, s: Uint32Array, lo: number, hi: number): number {
  if (hi <= lo) return -1;
  for (let i = firstFolio(ctx, lo), last = lastFolio(ctx, hi); i <= last; i++) {
    if (ctx.f.folioWriteback.is(s, i)) return i;
  }
  return -1;
}

/** Value a read of block b returns now: the cached folio, else what the mapping says. */
export function readValue(ctx: KernelCtx, s: Uint32Array, b: number): number {
  const { f } = ctx;
  if (f.cached.is(s, ctx.cfg.folioOf[b]!)) return f.pc.get(s, b);
  const m = f.map.get(s, b);
  return m === WRITTEN ? f.disk.get(s, b) : ZERO;
}

/**
 * Value block b holds on disk once all writeback has run: a dirty folio's content (post-EOF
 * blocks are zeroed by writeback), else the mapping's on-disk view.
 */
export function persistedValue(ctx: KernelCtx, s: Uint32Array, b: number): number {
  const { f } = ctx;
  const i = ctx.cfg.folioOf[b]!;
  const m = f.map.get(s, b);
  if (f.cached.is(s, i) && f.dirty.is(s, i)) {
    if (b >= f.iSize.get(s) || m === HOLE) return ZERO;
    return f.pc.get(s, b);
  }
  return m === WRITTEN ? f.disk.get(s, b) : ZERO;
}

export function folioHasMap(ctx: KernelCtx, s: Uint32Array, folio: number, type: number): boolean {
  for (let b = ctx.cfg.folioStart[folio]!, e = ctx.cfg.folioEnd[folio]!; b < e; b++) {
    if (ctx.f.map.get(s, b) === type) return true;
  }
  return false;
}

/** Zero the page-cache blocks [lo, hi) of `folio` (folio_zero_range); caller handles dirty. */
export function zeroFolioRange(ctx: KernelCtx, out: Uint32Array, folio: number, lo: number, hi: number): void {
  const a = Math.max(lo, ctx.cfg.folioStart[folio]!);
  const z = Math.min(hi, ctx.cfg.folioEnd[folio]!);
  for (let b = a; b < z; b++) ctx.f.pc.set(out, ZERO, b);
}

/**
 * Bring a folio into the cache for a write (FGP_WRITEBEGIN): uncached blocks are read from
 * the mapping, so the content equals what a read would return.
 */
export function cacheFolio(ctx: KernelCtx, out: Uint32Array, folio: number): void {
  const { f } = ctx;
  if (f.cached.is(out, folio)) return;
  for (let b = ctx.cfg.folioStart[folio]!, e = ctx.cfg.folioEnd[folio]!; b < e; b++) {
    f.pc.set(out, f.map.get(out, b) === WRITTEN ? f.disk.get(out, b) : ZERO, b);
  }
  f.cached.set(out, true, folio);
}


/** Whether another thread holds the lock of folio i across steps (a blocking folio_lock waits). */
export function folioLocked(ctx: KernelCtx, s: Uint32Array, i: number): boolean {
  return ctx.f.lockedBy.get(s, i) !== LK.NONE;
}
