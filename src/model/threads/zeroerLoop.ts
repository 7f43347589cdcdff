/**
 * The body of the iomap_zero_range loop for one mapping (spec B.4, B.5): flush-and-stale,
 * skip (advance_full), batch-driven zeroing, and page-cache zeroing without a batch.
 */
import type { Rule } from '../../explorer/define.ts';
import { flushes } from '../iomap.ts';
import { cacheFolio, folioLocked, zeroFolioRange } from '../pagecache.ts';
import { ZP, type KernelCtx } from '../state.ts';
import { HOLE, MAP_TYPES, UNWRITTEN } from '../types.ts';

const T = 'Z';

/** The body of the iomap_zero_range loop for one mapping (B.4, B.5). */
export function loopBodyRules(ctx: KernelCtx): Rule[] {
  const { f, cfg } = ctx;
  const unwrittenOrHole = (s: Uint32Array): boolean => {
    const t = f.zMapType.get(s);
    return t === HOLE || t === UNWRITTEN;
  };
  return [
    {
      name: 'Z iomap_zero_iter_flush_and_stale [B.2]',
      thread: T,
      kernelFunction: 'iomap_zero_iter_flush_and_stale',
      specSection: 'B.2',
      description: 'range_dirty = false; IOMAP_F_STALE; filemap_write_and_wait_range(pos, end of whole range)',
      guard: (s) =>
        f.zPc.get(s) === ZP.ITER && flushes(ctx, f.zMapType.get(s), f.zBatchFlag.is(s), f.zRangeDirty.is(s)),
      update: (s, o) => {
        f.zRangeDirty.set(o, false);
        f.zFlushCursor.set(o, cfg.folioOf[f.zPos.get(s)]!);
        f.zPc.set(o, ZP.FLUSH_WRITE);
      },
      outcome: (s) => `flush: ${MAP_TYPES[f.zMapType.get(s)]} mapping, range_dirty, ${f.zKmallocFailed.is(s) ? 'fbatch NULL (kmalloc failed)' : f.zBatchFlag.is(s) ? 'batch flag set' : 'no batch'}`,
    },
    {
      name: 'Z iomap_iter_advance_full (skip mapping) [B.4]',
      thread: T,
      kernelFunction: 'iomap_iter_advance_full',
      specSection: 'B.4',
      description: 'HOLE/UNWRITTEN without batch and without flush: treated as already zero',
      guard: (s) =>
        f.zPc.get(s) === ZP.ITER &&
        !f.zBatchFlag.is(s) &&
        unwrittenOrHole(s) &&
        !flushes(ctx, f.zMapType.get(s), false, f.zRangeDirty.is(s)),
      update: (s, o) => {
        f.zPos.set(o, f.zMapEnd.get(s));
        f.zPc.set(o, ZP.BEGIN);
      },
      outcome: (s) => `skip ${MAP_TYPES[f.zMapType.get(s)]} [${f.zPos.get(s)},${f.zMapEnd.get(s)}) as zero${f.zRangeDirty.is(s) ? ' (range dirty, but this version does not flush it)' : ''}`,
    },
    {
      name: 'Z iomap_zero_iter (batch folio) [B.5]',
      thread: T,
      kernelFunction: 'iomap_zero_iter',
      specSection: 'B.5',
      description: '__iomap_get_folio: next batch folio, folio_lock (blocking), skip clean gap, zero, dirty',
      guard: (s) => {
        if (f.zPc.get(s) !== ZP.ITER || !f.zBatchFlag.is(s) || f.zBatch.get(s) === 0) return false;
        return !folioLocked(ctx, s, f.zBatch.get(s) - 1);
      },
      update: (s, o) => {
        const i = f.zBatch.get(s) - 1;
        zeroFolioRange(ctx, o, i, f.zPos.get(s), f.zMapEnd.get(s));
        f.dirty.set(o, true, i);
        f.zBatch.set(o, 0);
        // The batch is then exhausted: iomap_iter_advance_full over the rest of the mapping.
        f.zPos.set(o, f.zMapEnd.get(s));
        f.zPc.set(o, ZP.BEGIN);
      },
    },
    {
      name: 'Z iomap_zero_iter (batch empty: advance_full) [B.5]',
      thread: T,
      kernelFunction: 'iomap_zero_iter',
      specSection: 'B.5',
      description: 'folio_batch_next returns NULL: the clean remainder of the UNWRITTEN mapping is skipped',
      guard: (s) => f.zPc.get(s) === ZP.ITER && f.zBatchFlag.is(s) && f.zBatch.get(s) === 0,
      update: (s, o) => {
        f.zPos.set(o, f.zMapEnd.get(s));
        f.zPc.set(o, ZP.BEGIN);
      },
      outcome: (s) => `skip [${f.zPos.get(s)},${f.zMapEnd.get(s)}): the batch is empty`,
    },
    {
      name: 'Z iomap_zero_iter (page cache) [B.5]',
      thread: T,
      kernelFunction: 'iomap_zero_iter',
      specSection: 'B.5',
      description: 'iomap_write_begin FGP_WRITEBEGIN: get/create + folio_lock, zero, mark dirty, unlock',
      guard: (s) => {
        const pc = f.zPc.get(s);
        if (pc === ZP.ITER) {
          if (f.zBatchFlag.is(s) || unwrittenOrHole(s)) return false;
        } else if (pc !== ZP.PC_ZERO) return false;
        return !folioLocked(ctx, s, cfg.folioOf[f.zPos.get(s)]!);
      },
      update: (s, o) => {
        const pos = f.zPos.get(s);
        const i = cfg.folioOf[pos]!;
        const end = Math.min(f.zMapEnd.get(s), cfg.folioEnd[i]!);
        cacheFolio(ctx, o, i);
        zeroFolioRange(ctx, o, i, pos, end);
        f.dirty.set(o, true, i);
        f.zPos.set(o, end);
        f.zPc.set(o, end < f.zMapEnd.get(s) ? ZP.PC_ZERO : ZP.BEGIN);
      },
    },
  ];
}
