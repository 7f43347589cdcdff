/**
 * XFS's ->iomap_begin for zeroing (xfs_buffered_write_iomap_begin, research XFS 2-4, T1): the
 * ILOCK is taken for the data- and COW-fork lookups and, where the version fills a batch, held
 * through iomap_fill_dirty_folios (which only trylocks folios), then dropped before iomap
 * touches a folio. Per version:
 * - a data-fork HOLE is reported as HOLE whatever the COW fork holds (V0..V3), or V4 flushes a
 *   dirty hole itself after dropping the ILOCK and restarts (3/8), or v7.1 fills a batch over a
 *   COW-fronted hole within EOF (reported as the COW mapping when it found a folio; 6/8-8/8);
 * - UNWRITTEN within EOF gets a batch (V2+), trimmed at EOF;
 * - V2's kmalloc'd batch can fail, and under kmalloc-reclaim=blocks its reclaim waits for the
 *   ILOCK this task holds (the C.7 lockdep report taken at its word).
 */
import type { Rule } from '../../explorer/define.ts';
import { extentEnd, fillBatch, fillZeroBatch } from '../iomap.ts';
import { lastFolio, rangeNeedsWriteback, rangeUnderWriteback, folioLocked } from '../pagecache.ts';
import { ZP, type KernelCtx } from '../state.ts';
import { COW_NONE, HOLE, MAP_TYPES, UNWRITTEN } from '../types.ts';
import { submitFolio } from '../writeback.ts';

const T = 'Z';

/** End of the run of blocks from `pos` that have COW-fork blocks (below `end`). */
function cowRunEnd(ctx: KernelCtx, s: Uint32Array, pos: number, end: number): number {
  let e = pos;
  while (e < end && ctx.f.cow.get(s, e) !== COW_NONE) e++;
  return e;
}

export function xfsBeginRules(ctx: KernelCtx): Rule[] {
  const { cfg, f } = ctx;
  const ze = cfg.caller.zeroEnd;
  const sem = cfg.sem;
  const holdAcrossFill = cfg.b.ilockAcrossFill;
  const rules: Rule[] = [
    {
      name: 'Z xfs_buffered_write_iomap_begin: ILOCK, lookup (->iomap_begin) [B.6]',
      thread: T,
      kernelFunction: 'xfs_buffered_write_iomap_begin',
      specSection: 'B.6',
      description: 'xfs_ilock_for_iomap (ILOCK_EXCL), data- and COW-fork lookups at pos; the ILOCK stays held only if the fill follows',
      guard: (s) => f.zPc.get(s) === ZP.BEGIN && f.zPos.get(s) < ze,
      update: (s, o) => {
        const pos = f.zPos.get(s);
        const size = f.iSize.get(s);
        const t = f.map.get(s, pos);
        f.zIters.set(o, Math.min(15, f.zIters.get(s) + 1));
        f.zBatch.set(o, 0);
        f.zBatchFlag.set(o, false);
        f.zKmallocFailed.set(o, false);
        f.zMapType.set(o, t);
        let end = extentEnd(ctx, s, pos, ze);
        // "trim extents that extend beyond the EOF block" for zeroing (T1)
        if (pos < size && end > size) end = size;
        f.zMapEnd.set(o, end);
        if (t === HOLE) {
          if (sem.xfsLift && rangeNeedsWriteback(ctx, s, pos, ze)) {
            // 3/8: xfs_iunlock, filemap_write_and_wait_range(offset, offset + count - 1), restart.
            f.zFlushCursor.set(o, cfg.folioOf[pos]!);
            f.zPc.set(o, ZP.XLIFT_WRITE);
            return;
          }
          if (sem.xfsCowBatch && pos < size && f.cow.get(s, pos) !== COW_NONE) {
            f.zMapEnd.set(o, Math.min(end, cowRunEnd(ctx, s, pos, ze), size));
            f.zIlock.set(o, holdAcrossFill);
            f.zPc.set(o, ZP.FILL);
            return;
          }
          f.zPc.set(o, ZP.ITER);
          return;
        }
        if (t === UNWRITTEN && pos < size && sem.batch !== 'none') {
          f.zIlock.set(o, holdAcrossFill);
          f.zPc.set(o, ZP.FILL);
          return;
        }
        f.zPc.set(o, ZP.ITER);
      },
      outcome: (s, o) => {
        const pos = f.zPos.get(s);
        const t = MAP_TYPES[f.zMapType.get(o)]!;
        const cow = f.cow.get(s, pos) !== COW_NONE ? ' (COW blocks over it)' : '';
        if (f.zPc.get(o) === ZP.XLIFT_WRITE) return `lookup finds a data-fork HOLE${cow} with dirty page cache: drop the ILOCK and flush (V4 lift)`;
        const fill = f.zPc.get(o) === ZP.FILL ? `; fill under the ILOCK${f.zIlock.is(o) ? '' : ' (ILOCK dropped first: counterfactual)'}` : '';
        return `lookup returns ${t}${cow} [${pos},${f.zMapEnd.get(o)})${fill}`;
      },
    },
    {
      name: 'Z iomap_fill_dirty_folios (under the ILOCK), xfs_iunlock [B.5]',
      thread: T,
      kernelFunction: 'iomap_fill_dirty_folios',
      specSection: 'B.5',
      description: 'filemap_get_folios_dirty under the ILOCK (trylock only; a locked folio is presumed dirty), batch capacity 1, trim; then the ILOCK is dropped',
      guard: (s) => f.zPc.get(s) === ZP.FILL,
      update: (s, o) => {
        fillZeroBatch(ctx, s, o);
        f.zIlock.set(o, false);
        f.zPc.set(o, ZP.ITER);
      },
      outcome: (s, o) => {
        const cowHole = f.zMapType.get(s) === HOLE;
        if (f.zBatch.get(o) > 0) return `batch holds folio ${f.zBatch.get(o) - 1}${cowHole ? '; reported as the COW mapping (IOMAP_F_SHARED)' : ''}`;
        return f.zBatchFlag.is(o) ? `batch empty, flag set: ${cowHole ? 'a HOLE with the batch flag, ' : ''}skipped` : 'batch empty and no flag: treated as no batch';
      },
    },
  ];
  if (cfg.actors.kmallocMayFail && sem.batch === 'kmalloc') {
    rules.push({
      name: 'Z iomap_fill_dirty_folios: kmalloc fails [B.4]',
      thread: T,
      kernelFunction: 'iomap_fill_dirty_folios',
      specSection: 'B.4',
      description: 'kmalloc(GFP_KERNEL) under the ILOCK fails: fbatch stays NULL; the ILOCK is dropped',
      guard: (s) => f.zPc.get(s) === ZP.FILL,
      update: (_s, o) => {
        f.zKmallocFailed.set(o, true);
        f.zIlock.set(o, false);
        f.zPc.set(o, ZP.ITER);
      },
      outcome: () => 'kmalloc fails: fbatch = NULL, no batch',
    });
  }
  if (sem.batch === 'kmalloc' && cfg.assumptions['kmalloc-reclaim'] === 'blocks') {
    rules.push({
      name: 'Z kmalloc(GFP_KERNEL) -> fs_reclaim -> xfs_reclaim_inodes_nr -> xfs_ilock [C.7]',
      thread: T,
      kernelFunction: 'xfs_reclaim_inodes_nr',
      specSection: 'C.7',
      description: 'the allocation under the ILOCK enters direct reclaim, which waits for the ILOCK this task holds (kmalloc-reclaim=blocks)',
      guard: (s) => f.zPc.get(s) === ZP.FILL && f.zIlock.is(s),
      update: (_s, o) => f.zPc.set(o, ZP.XRECLAIM),
    });
  }
  // The V4 lift: write back and wait for [pos, ze) holding no ILOCK and no transaction, then restart.
  const lastLift = lastFolio(ctx, ze);
  rules.push(
    {
      name: `Z filemap_write_and_wait_range (xfs_buffered_write_iomap_begin, ILOCK dropped) [B.4]`,
      thread: T,
      kernelFunction: 'filemap_write_and_wait_range',
      specSection: 'B.4',
      description: 'V4 (3/8): writepages over the dirty hole range (WB_SYNC_ALL: waits for a folio under writeback), no lock held',
      guard: (s) => {
        if (f.zPc.get(s) !== ZP.XLIFT_WRITE) return false;
        const c = f.zFlushCursor.get(s);
        if (!f.cached.is(s, c) || !f.dirty.is(s, c)) return true;
        return !folioLocked(ctx, s, c) && !f.folioWriteback.is(s, c);
      },
      update: (s, o) => {
        const c = f.zFlushCursor.get(s);
        if (f.cached.is(s, c) && f.dirty.is(s, c)) submitFolio(ctx, o, c, { reserved: false, mapped: true });
        if (c >= lastLift) f.zPc.set(o, ZP.XLIFT_WAIT);
        else f.zFlushCursor.set(o, c + 1);
      },
    },
    {
      name: 'Z __filemap_fdatawait_range, goto restart (V4 lift) [B.4]',
      thread: T,
      kernelFunction: '__filemap_fdatawait_range',
      specSection: 'B.4',
      description: 'wait for the range to be written back, then restart the lookup (xfs_ilock_for_iomap again)',
      guard: (s) => f.zPc.get(s) === ZP.XLIFT_WAIT && rangeUnderWriteback(ctx, s, f.zPos.get(s), ze) < 0,
      update: (s, o) => {
        // `goto restart` stays inside the same ->iomap_begin call: not another iomap_iter round (D7).
        f.zIters.set(o, Math.max(0, f.zIters.get(s) - 1));
        f.zPc.set(o, ZP.BEGIN);
      },
    },
  );
  return rules;
}
