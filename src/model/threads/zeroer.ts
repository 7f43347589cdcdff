/**
 * The zeroer Z: an ext4 caller (punch hole, zero range, truncate) or a raw iomap_zero_range
 * caller, as a program of steps (spec B.9 -> B.4/B.5/B.2). With `underHandle` it starts a
 * handle first (pre -next v2 ext4) and zeroes inside it.
 */
import type { Rule } from '../../explorer/define.ts';
import { canStartNormal, startHandle, stopHandle } from '../jbd2.ts';
import { extentEnd, fillBatch, flushes, fsFillsBatch } from '../iomap.ts';
import {
  cacheFolio,
  firstFolio,
  lastFolio,
  rangeNeedsWriteback,
  rangeUnderWriteback,
  zeroFolioRange,
} from '../pagecache.ts';
import { Z, ZP, type KernelCtx } from '../state.ts';
import { DELALLOC, HOLE, UNWRITTEN, WRITTEN } from '../types.ts';
import { submitFolio, writebackNeedsHandle } from '../writeback.ts';

const T = 'Z';

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

function prezeroBlocked(ctx: KernelCtx, s: Uint32Array): boolean {
  const { cfg, f } = ctx;
  for (let i = firstFolio(ctx, cfg.zeroStart), l = lastFolio(ctx, cfg.zeroEnd); i <= l; i++) {
    if (f.lockedByF.is(s, i) || f.folioWriteback.is(s, i)) return true;
  }
  return false;
}

export function zeroerRules(ctx: KernelCtx): Rule[] {
  const { cfg, f } = ctx;
  const zs = cfg.zeroStart;
  const ze = cfg.zeroEnd;
  const afterPrezero = cfg.underHandle ? ZP.START : ZP.RANGE_DIRTY;
  const lastFlushFolio = lastFolio(ctx, ze);
  const rules: Rule[] = [];

  if (cfg.preZero) {
    rules.push({
      name: 'Z truncate_pagecache_range [B.9]',
      thread: T,
      kernelFunction: 'truncate_pagecache_range',
      specSection: 'B.9',
      description: 'caller zeroes the page cache of the range before the handle (waits for folio lock and writeback)',
      guard: (s) => f.zPc.get(s) === ZP.PREZERO && !prezeroBlocked(ctx, s),
      update: (_s, o) => {
        for (let i = firstFolio(ctx, zs), l = lastFolio(ctx, ze); i <= l; i++) {
          if (f.cached.is(o, i)) zeroFolioRange(ctx, o, i, zs, ze);
        }
        f.zPc.set(o, afterPrezero);
      },
    });
  }
  if (cfg.underHandle) {
    rules.push({
      name: 'Z ext4_journal_start [B.7]',
      thread: T,
      kernelFunction: 'ext4_journal_start',
      specSection: 'B.7',
      description: `${cfg.caller} starts its handle (normal start; waits in T_LOCKED/T_SWITCH)`,
      guard: (s) => f.zPc.get(s) === ZP.START && canStartNormal(ctx, s),
      update: (_s, o) => {
        startHandle(ctx, o, Z);
        f.zPc.set(o, ZP.RANGE_DIRTY);
      },
    });
  }
  // V1c [S10]: `if (off && filemap_range_needs_writeback(first partial block))` zeroes that
  // block with iomap_zero_iter, whatever its mapping type, and then goes on with the rest.
  const partial = cfg.sem.partialFirstBlock && cfg.unalignedStart;
  const partialPending = (s: Uint32Array): boolean =>
    partial && f.zPos.get(s) === zs && rangeNeedsWriteback(ctx, s, zs, zs + 1);
  if (partial) {
    rules.push({
      name: 'Z iomap_zero_range: dirty partial first block -> iomap_zero_iter [B.4]',
      thread: T,
      kernelFunction: 'iomap_zero_iter',
      specSection: 'B.4',
      description: 'partial-EOF special case: zero the unaligned first block in the page cache, no flush',
      guard: (s) => f.zPc.get(s) === ZP.RANGE_DIRTY && partialPending(s) && !f.lockedByF.is(s, cfg.folioOf[zs]!),
      update: (_s, o) => {
        const i = cfg.folioOf[zs]!;
        cacheFolio(ctx, o, i);
        zeroFolioRange(ctx, o, i, zs, zs + 1);
        f.dirty.set(o, true, i);
        f.zPos.set(o, zs + 1);
      },
    });
  }
  rules.push(
    {
      name: 'Z filemap_range_needs_writeback [B.1]',
      thread: T,
      kernelFunction: 'filemap_range_needs_writeback',
      specSection: 'B.1',
      description: 'iomap_zero_range: range_dirty computed once for the (remaining) range, before any lookup',
      guard: (s) => f.zPc.get(s) === ZP.RANGE_DIRTY && !partialPending(s),
      update: (s, o) => {
        f.zRangeDirty.set(o, rangeNeedsWriteback(ctx, s, f.zPos.get(s), ze));
        f.zPc.set(o, ZP.BEGIN);
      },
    },
    {
      name: 'Z ext4_map_blocks (->iomap_begin) [B.6]',
      thread: T,
      kernelFunction: 'ext4_iomap_buffered_zero_begin',
      specSection: 'B.6',
      description: 'iomap_iter -> ->iomap_begin: mapping lookup at pos (no fs lock held afterwards)',
      guard: (s) => f.zPc.get(s) === ZP.BEGIN && f.zPos.get(s) < ze,
      update: (s, o) => {
        const pos = f.zPos.get(s);
        const t = f.map.get(s, pos);
        f.zIters.set(o, Math.min(15, f.zIters.get(s) + 1));
        f.zMapType.set(o, t);
        f.zMapEnd.set(o, extentEnd(ctx, s, pos, ze));
        f.zBatch.set(o, 0);
        f.zBatchFlag.set(o, false);
        f.zPc.set(o, fsFillsBatch(ctx, s, t, pos) ? ZP.FILL : ZP.ITER);
      },
    },
    {
      name: 'Z iomap_iter (range done) [B.3]',
      thread: T,
      kernelFunction: 'iomap_iter',
      specSection: 'B.3',
      guard: (s) => f.zPc.get(s) === ZP.BEGIN && f.zPos.get(s) >= ze,
      update: (_s, o) => f.zPc.set(o, ZP.STOP),
    },
    {
      name: 'Z iomap_fill_dirty_folios [B.5]',
      thread: T,
      kernelFunction: 'iomap_fill_dirty_folios',
      specSection: 'B.5',
      description: 'filemap_get_folios_dirty (trylock; locked = presumed dirty), batch capacity 1, trim mapping',
      guard: (s) => f.zPc.get(s) === ZP.FILL,
      update: (s, o) => {
        const pos = f.zPos.get(s);
        const got = fillBatch(ctx, s, pos, f.zMapEnd.get(s));
        f.zBatch.set(o, got);
        // Batch full (capacity 1): the lookup stops after the folio, the fs trims the mapping.
        if (got > 0) f.zMapEnd.set(o, Math.min(f.zMapEnd.get(s), cfg.folioEnd[got - 1]!));
        f.zBatchFlag.set(o, cfg.assumptions['fill-flag'] === 'always' || got > 0);
        f.zPc.set(o, ZP.ITER);
      },
    },
  );
  if (cfg.kmallocMayFail && cfg.sem.batch === 'kmalloc') {
    rules.push({
      name: 'Z iomap_fill_dirty_folios: kmalloc fails [B.4]',
      thread: T,
      kernelFunction: 'iomap_fill_dirty_folios',
      specSection: 'B.4',
      description: 'kmalloc(GFP_KERNEL) fails: fbatch stays NULL, mapping not trimmed (fallback to flush)',
      guard: (s) => f.zPc.get(s) === ZP.FILL,
      update: (_s, o) => f.zPc.set(o, ZP.ITER),
    });
  }
  rules.push(...loopBodyRules(ctx), ...flushRules(ctx, ze, lastFlushFolio), ...returnRules(ctx));
  return rules;
}

/** The body of the iomap_zero_range loop for one mapping (B.4, B.5). */
function loopBodyRules(ctx: KernelCtx): Rule[] {
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
    },
    {
      name: 'Z iomap_zero_iter (batch folio) [B.5]',
      thread: T,
      kernelFunction: 'iomap_zero_iter',
      specSection: 'B.5',
      description: '__iomap_get_folio: next batch folio, folio_lock (blocking), skip clean gap, zero, dirty',
      guard: (s) => {
        if (f.zPc.get(s) !== ZP.ITER || !f.zBatchFlag.is(s) || f.zBatch.get(s) === 0) return false;
        return !f.lockedByF.is(s, f.zBatch.get(s) - 1);
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
        return !f.lockedByF.is(s, cfg.folioOf[f.zPos.get(s)]!);
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

/** filemap_write_and_wait_range from the flush, in Z's own task (B.2, B.8). */
function flushRules(ctx: KernelCtx, ze: number, lastFlushFolio: number): Rule[] {
  const { f, cfg } = ctx;
  const reservedMode = cfg.assumptions['conversion-handle'] === 'reserved';
  return [
    {
      name: 'Z ext4_writepages (WB_SYNC_ALL, in caller task) [B.2]',
      thread: T,
      kernelFunction: '__filemap_fdatawrite_range',
      specSection: 'B.2',
      description:
        '->writepages per folio: folio_lock, folio_wait_writeback, handle start (nested if Z holds one: no wait, no reserved handle), submit',
      guard: (s) => {
        if (f.zPc.get(s) !== ZP.FLUSH_WRITE) return false;
        const c = f.zFlushCursor.get(s);
        if (!f.cached.is(s, c) || !f.dirty.is(s, c)) return true;
        if (f.lockedByF.is(s, c) || f.folioWriteback.is(s, c)) return false;
        // A non-nested start for allocation waits like any normal start.
        return f.handleOf.is(s, Z) || !writebackNeedsHandle(ctx, s, c) || canStartNormal(ctx, s);
      },
      update: (s, o) => {
        const c = f.zFlushCursor.get(s);
        if (f.cached.is(s, c) && f.dirty.is(s, c)) {
          const nested = f.handleOf.is(s, Z);
          const own = !nested && writebackNeedsHandle(ctx, s, c);
          submitFolio(ctx, o, c, own && reservedMode);
        }
        // The last folio of the range done: the write phase ends, the wait phase begins.
        if (c >= lastFlushFolio) f.zPc.set(o, ZP.FLUSH_WAIT);
        else f.zFlushCursor.set(o, c + 1);
      },
    },
    {
      name: 'Z __filemap_fdatawait_range [B.2]',
      thread: T,
      kernelFunction: '__filemap_fdatawait_range',
      specSection: 'B.2',
      description: 'folio_wait_writeback on every folio of the remaining range; then STALE re-lookup',
      guard: (s) => f.zPc.get(s) === ZP.FLUSH_WAIT && rangeUnderWriteback(ctx, s, f.zPos.get(s), ze) < 0,
      update: (_s, o) => f.zPc.set(o, ZP.BEGIN),
    },
  ];
}

function returnRules(ctx: KernelCtx): Rule[] {
  const { f, cfg } = ctx;
  const after = cfg.newSize > 0 ? ZP.SIZE : ZP.DONE;
  const rules: Rule[] = [
    {
      name: cfg.underHandle ? 'Z ext4_journal_stop [B.7]' : 'Z iomap_zero_range returns [B.4]',
      thread: T,
      kernelFunction: cfg.underHandle ? 'jbd2_journal_stop' : 'iomap_zero_range',
      specSection: cfg.underHandle ? 'B.7' : 'B.4',
      guard: (s) => f.zPc.get(s) === ZP.STOP,
      update: (s, o) => {
        if (f.handleOf.is(s, Z)) stopHandle(ctx, o, Z);
        f.zPc.set(o, after);
      },
    },
  ];
  if (cfg.newSize > 0) {
    rules.push({
      name: 'Z truncate_setsize + pagecache_isize_extended [D5]',
      thread: T,
      kernelFunction: 'pagecache_isize_extended',
      specSection: 'D5',
      description: 'i_size raised; with isize-zeroing the exposed post-EOF part of the cached EOF folio is zeroed',
      guard: (s) => f.zPc.get(s) === ZP.SIZE,
      update: (s, o) => {
        const old = f.iSize.get(s);
        f.iSize.set(o, cfg.newSize);
        if (cfg.assumptions['isize-zeroing'] === 'yes' && old < cfg.blocks) {
          const i = cfg.folioOf[old]!;
          if (cfg.folioStart[i]! < old && f.cached.is(s, i)) zeroFolioRange(ctx, o, i, old, cfg.newSize);
        }
        f.zSized.set(o, true);
        f.zPc.set(o, ZP.DONE);
      },
    });
  }
  return rules;
}
