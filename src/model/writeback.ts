/**
 * Writeback primitives (spec A.1, A.3, B.2, B.8): the body of ->writepages for one locked
 * folio, and I/O completion. The end-I/O worker converts UNWRITTEN to WRITTEN under a
 * handle and only then ends writeback (VERIFIED: PG_writeback clears after conversion).
 */
import { folioHasMap } from './pagecache.ts';
import type { KernelCtx } from './state.ts';
import { DELALLOC, HOLE, UNWRITTEN, WRITTEN, ZERO } from './types.ts';

/**
 * Whether writeback of this folio starts a journal handle: DELALLOC needs allocation; in the
 * buffer-head rule ('reserved' conversion) UNWRITTEN blocks also go through the mapping path
 * with a reserve handle (mpage_map_and_submit_extent).
 */
export function writebackNeedsHandle(ctx: KernelCtx, s: Uint32Array, folio: number): boolean {
  if (folioHasMap(ctx, s, folio, DELALLOC)) return true;
  return ctx.cfg.assumptions['conversion-handle'] === 'reserved' && folioHasMap(ctx, s, folio, UNWRITTEN);
}

/**
 * Submit one locked dirty folio: post-EOF zeroing of the EOF folio, allocate DELALLOC
 * (UNWRITTEN with dioread_nolock), clear dirty, folio_start_writeback, write blocks to disk.
 * `reserved`: the io_end receives the writer's reserved handle (not for nested writeback).
 */
export function submitFolio(ctx: KernelCtx, out: Uint32Array, folio: number, reserved: boolean): void {
  const { f, cfg } = ctx;
  const size = f.iSize.get(out);
  const alloc = cfg.assumptions['dioread-nolock'] === 'no' ? WRITTEN : UNWRITTEN;
  let io = false;
  let conv = false;
  for (let b = cfg.folioStart[folio]!, e = cfg.folioEnd[folio]!; b < e; b++) {
    if (b >= size) {
      // iomap_writeback_handle_eof / ext4_bio_write_folio: zero the post-EOF part, no I/O.
      f.pc.set(out, ZERO, b);
      continue;
    }
    let m = f.map.get(out, b);
    if (m === DELALLOC) {
      m = alloc;
      f.map.set(out, m, b);
    }
    if (m === HOLE) continue;
    f.disk.set(out, f.pc.get(out, b), b);
    io = true;
    if (m === UNWRITTEN) conv = true;
  }
  f.dirty.set(out, false, folio);
  if (io) {
    f.folioWriteback.set(out, true, folio);
    f.ioConvert.set(out, conv, folio);
    f.ioReserved.set(out, conv && reserved, folio);
  }
}

/** Unwritten conversion of a folio's blocks (ext4_convert_unwritten_io_end_vec). */
export function convertFolio(ctx: KernelCtx, out: Uint32Array, folio: number): void {
  const { f, cfg } = ctx;
  for (let b = cfg.folioStart[folio]!, e = cfg.folioEnd[folio]!; b < e; b++) {
    if (f.map.get(out, b) === UNWRITTEN && b < f.iSize.get(out)) f.map.set(out, WRITTEN, b);
  }
}

/** folio_end_writeback: clears PG_writeback and the io_end. */
export function endWriteback(ctx: KernelCtx, out: Uint32Array, folio: number): void {
  const { f } = ctx;
  f.folioWriteback.set(out, false, folio);
  f.ioConvert.set(out, false, folio);
  f.ioReserved.set(out, false, folio);
}
