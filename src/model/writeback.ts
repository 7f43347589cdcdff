/**
 * Writeback primitives (spec A.1, A.3, B.2, B.8; research A1, A2, B1, B3): what ->writepages
 * does to one locked folio, and I/O completion. The profile decides the details: which blocks
 * need the allocation handle, how DELALLOC is allocated, whether the completion needs the
 * end-I/O worker (conversion; on iomap also an i_disksize update), and whether the io_end
 * carries a reserved handle.
 */
import { folioHasMap } from './pagecache.ts';
import { IO, type KernelCtx } from './state.ts';
import { COW_DELALLOC, COW_NONE, COW_WRITTEN, DELALLOC, HOLE, UNWRITTEN, WRITTEN, ZERO } from './types.ts';

/**
 * Whether writeback of this folio starts a journal handle. DELALLOC always needs allocation;
 * on buffer heads UNWRITTEN blocks also go through the mapping path under the handle
 * (mpage_map_and_submit_extent sets up the io_end conversion); iomap maps them by lookup.
 */
export function writebackNeedsHandle(ctx: KernelCtx, s: Uint32Array, folio: number): boolean {
  if (folioHasMap(ctx, s, folio, DELALLOC)) return true;
  if (ctx.cfg.b.cowFork) {
    // XFS: a COW delalloc block is allocated in the COW fork (transaction, ILOCK) too.
    for (let b = ctx.cfg.folioStart[folio]!, e = ctx.cfg.folioEnd[folio]!; b < e; b++) if (ctx.f.cow.get(s, b) === COW_DELALLOC) return true;
  }
  return ctx.cfg.b.conversionHandle === 'reserved' && folioHasMap(ctx, s, folio, UNWRITTEN);
}

/** How writeback allocates DELALLOC (always UNWRITTEN on iomap; by dioread_nolock on buffer heads). */
export function allocationType(ctx: KernelCtx): number {
  if (ctx.cfg.b.allocation === 'always-unwritten') return UNWRITTEN;
  return (ctx.cfg.assumptions['dioread-nolock'] ?? 'yes') === 'no' ? WRITTEN : UNWRITTEN;
}

/** The end of the written data of folio i, capped at i_size (what an ioend would make i_disksize). */
function folioDataEnd(ctx: KernelCtx, s: Uint32Array, folio: number): number {
  return Math.min(ctx.cfg.folioEnd[folio]!, ctx.f.iSize.get(s));
}

/**
 * Submit one locked folio whose dirty bit writeback has already cleared: post-EOF zeroing of
 * the EOF folio, allocate DELALLOC, write blocks to disk, set PG_writeback, and queue the
 * completion: in bio context, or to the end-I/O worker when blocks must be converted (and, on
 * iomap, when the ioend extends i_disksize). `reserved`: the io_end receives the writer's
 * reserved handle (buffer heads, not for writeback nested in another handle). `mapped`: the
 * folio went through the handle path (buffer heads raise i_disksize there).
 */
export function submitFolio(ctx: KernelCtx, out: Uint32Array, folio: number, opts: { reserved: boolean; mapped: boolean }): void {
  const { f, cfg } = ctx;
  const size = f.iSize.get(out);
  // DELALLOC's allocation type also says how mapped UNWRITTEN blocks are written (see below).
  const alloc = allocationType(ctx);
  let io = false;
  let conv = false;
  for (let b = cfg.folioStart[folio]!, e = cfg.folioEnd[folio]!; b < e; b++) {
    if (b >= size) {
      // iomap_writeback_handle_eof / ext4_bio_write_folio: zero the post-EOF part, no I/O.
      f.pc.set(out, ZERO, b);
      continue;
    }
    if (f.cow.get(out, b) !== COW_NONE) {
      // XFS: COW I/O takes precedence (xfs_map_blocks): the data goes to the COW block, which
      // the completion remaps into the data fork (IOMAP_IOEND_SHARED).
      f.cowDisk.set(out, f.pc.get(out, b), b);
      f.cow.set(out, COW_WRITTEN, b);
      io = true;
      conv = true;
      continue;
    }
    let m = f.map.get(out, b);
    if (m === DELALLOC) {
      m = alloc;
      f.map.set(out, m, b);
    } else if (m === UNWRITTEN && alloc === WRITTEN && opts.mapped) {
      // Buffer heads without dioread_nolock map with EXT4_GET_BLOCKS_CREATE (no IO_CREATE_EXT):
      // ext4_ext_handle_unwritten_extents converts the extent in writepages, under its
      // handle ("buffered write, writepage time, convert"), so I/O end converts nothing.
      m = WRITTEN;
      f.map.set(out, m, b);
    }
    if (m === HOLE) continue;
    f.disk.set(out, f.pc.get(out, b), b);
    io = true;
    if (m === UNWRITTEN) conv = true;
  }
  f.dirty.set(out, false, folio);
  if (!io) return;
  f.folioWriteback.set(out, true, folio);
  // The ioend covers what was written: up to i_size now, whatever i_size becomes later.
  f.ioEnd.set(out, Math.min(cfg.folioEnd[folio]!, size), folio);
  const extends_ = folioDataEnd(ctx, out, folio) > f.iDiskSize.get(out);
  if (!cfg.b.disksizeAtIoEnd && opts.mapped && extends_) f.iDiskSize.set(out, folioDataEnd(ctx, out, folio));
  const work = conv || (cfg.b.disksizeAtIoEnd && extends_);
  if (!work) {
    f.io.set(out, IO.BIO, folio);
    return;
  }
  if (!workPending(ctx, out)) f.wHead.set(out, folio);
  f.io.set(out, IO.WORK, folio);
  f.ioReserved.set(out, conv && opts.reserved, folio);
}

/** Some completion waits in the end-I/O worker's queue. */
export function workPending(ctx: KernelCtx, s: Uint32Array): boolean {
  for (let i = 0; i < ctx.cfg.folios; i++) if (ctx.f.io.get(s, i) === IO.WORK) return true;
  return false;
}

/**
 * The completion the worker takes next: the first queued (buffer heads: FIFO) or the lowest
 * file offset (iomap_sort_ioends); -1 when none. One work item handles them in turn, so a
 * blocked handle start holds up the rest.
 */
export function nextWork(ctx: KernelCtx, s: Uint32Array): number {
  const { f, cfg } = ctx;
  if (cfg.b.endioOrder === 'fifo') {
    const h = f.wHead.get(s);
    if (f.io.get(s, h) === IO.WORK) return h;
  }
  for (let i = 0; i < cfg.folios; i++) if (f.io.get(s, i) === IO.WORK) return i;
  return -1;
}

/**
 * The worker's conversion of a folio's blocks (ext4_convert_unwritten_io_end_vec /
 * ext4_convert_unwritten_extents), and on iomap the i_disksize update of ext4_iomap_finish_ioend.
 */
export function finishWork(ctx: KernelCtx, out: Uint32Array, folio: number): void {
  const { f, cfg } = ctx;
  // Only the range the I/O wrote: a size extension after submission must not convert a block
  // that was never written (it would expose stale disk contents).
  const end = f.ioEnd.get(out, folio);
  for (let b = cfg.folioStart[folio]!; b < end; b++) {
    if (f.cow.get(out, b) === COW_WRITTEN) {
      // xfs_reflink_end_cow: the COW block replaces the data-fork mapping.
      f.map.set(out, WRITTEN, b);
      f.disk.set(out, f.cowDisk.get(out, b), b);
      f.cow.set(out, COW_NONE, b);
      f.cowDisk.set(out, ZERO, b);
    } else if (f.map.get(out, b) === UNWRITTEN) f.map.set(out, WRITTEN, b);
  }
  if (cfg.b.disksizeAtIoEnd && end > f.iDiskSize.get(out)) f.iDiskSize.set(out, end);
}

/** folio_end_writeback: clears PG_writeback and the completion; the queue head moves on. */
export function endWriteback(ctx: KernelCtx, out: Uint32Array, folio: number): void {
  const { f, cfg } = ctx;
  f.folioWriteback.set(out, false, folio);
  f.io.set(out, IO.NONE, folio);
  f.ioReserved.set(out, false, folio);
  f.ioEnd.set(out, 0, folio);
  // The queue head moves to the completion still queued (or rests at 0: no state split on an empty queue).
  let head = 0;
  for (let i = 0; i < cfg.folios; i++) if (f.io.get(out, i) === IO.WORK) head = i;
  f.wHead.set(out, head);
}
