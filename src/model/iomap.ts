/**
 * iomap primitives (spec B.3-B.6): ->iomap_begin lookup (ext4_map_blocks), whether ext4
 * fills a folio batch, iomap_fill_dirty_folios over filemap_get_folios_dirty with a batch of
 * capacity 1 (spec A.8: exercises the trim-and-retry path), and the flush decision.
 */
import { folioLocked } from './pagecache.ts';
import type { KernelCtx } from './state.ts';
import { HOLE, UNWRITTEN } from './types.ts';

/** End (exclusive) of the extent at `pos` as ext4_map_blocks reports it, capped at `end`. */
export function extentEnd(ctx: KernelCtx, s: Uint32Array, pos: number, end: number): number {
  const { f, cfg } = ctx;
  const t = f.map.get(s, pos);
  let e = pos + 1;
  while (e < end && !cfg.extentStart[e] && f.map.get(s, e) === t) e++;
  return e;
}

/** Whether ext4's ->iomap_begin calls the fill helper for this mapping (spec B.6). */
export function fsFillsBatch(ctx: KernelCtx, s: Uint32Array, mapType: number, pos: number): boolean {
  const { cfg } = ctx;
  if (cfg.sem.batch === 'none' || mapType !== UNWRITTEN) return false;
  const mode = cfg.assumptions['ext4-fill'] ?? 'by-version';
  const belowEofOnly = mode === 'below-eof' || (mode === 'by-version' && cfg.sem.fillBelowEofOnly);
  return !belowEofOnly || pos < ctx.f.iSize.get(s);
}

/**
 * filemap_get_folios_dirty into a batch of capacity 1 over [pos, mapEnd): a folio is dropped
 * only if trylock succeeds and it is confirmed clean (not dirty, not under writeback); a
 * folio locked by someone else is presumed dirty. Returns the folio index + 1, or 0.
 */
export function fillBatch(ctx: KernelCtx, s: Uint32Array, pos: number, mapEnd: number): number {
  const { f, cfg } = ctx;
  for (let i = cfg.folioOf[pos]!, last = cfg.folioOf[mapEnd - 1]!; i <= last; i++) {
    if (!f.cached.is(s, i)) continue;
    if (folioLocked(ctx, s, i) || f.dirty.is(s, i) || f.folioWriteback.is(s, i)) return i + 1;
  }
  return 0;
}

/**
 * `iomap_fill_dirty_folios` as both profiles run it at the zeroer's position: fill the batch
 * (capacity 1), trim the mapping after the folio it holds, and set the batch flag (always, or
 * only when a folio was found, per the fill-flag assumption). Writes the zeroer's batch fields.
 */
export function fillZeroBatch(ctx: KernelCtx, s: Uint32Array, o: Uint32Array): void {
  const { f, cfg } = ctx;
  const got = fillBatch(ctx, s, f.zPos.get(s), f.zMapEnd.get(s));
  f.zBatch.set(o, got);
  // Batch full (capacity 1): the lookup stops after the folio, the fs trims the mapping.
  if (got > 0) f.zMapEnd.set(o, Math.min(f.zMapEnd.get(s), cfg.folioEnd[got - 1]!));
  f.zBatchFlag.set(o, (cfg.assumptions['fill-flag'] ?? 'always') === 'always' || got > 0);
}

/**
 * Whether this iteration flushes (iomap_zero_range loop, B.4): no batch, a HOLE or UNWRITTEN
 * mapping, range_dirty still set, and (V2a/V4) the mapping UNWRITTEN.
 */
export function flushes(ctx: KernelCtx, mapType: number, batchFlag: boolean, rangeDirty: boolean): boolean {
  const sem = ctx.cfg.sem;
  if (sem.skipUnwrittenAndHole || batchFlag || !rangeDirty) return false;
  if (mapType === UNWRITTEN) return true;
  return mapType === HOLE && sem.holeFlush;
}
