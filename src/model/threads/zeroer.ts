/**
 * The zeroer Z: an ext4 caller (punch hole, zero range, truncate) or a raw iomap_zero_range
 * caller, as a program of steps (spec B.9 -> B.4/B.5/B.2). With `underHandle` it starts a
 * handle first (pre -next v2 ext4) and zeroes inside it.
 */
import type { Rule } from '../../explorer/define.ts';
import { canFindSpaceShort, canStartNormal, findSpaceShort, startHandle } from '../jbd2.ts';
import { extentEnd, fillBatch, fsFillsBatch } from '../iomap.ts';
import { cacheFolio, firstFolio, lastFolio, rangeNeedsWriteback, zeroFolioRange } from '../pagecache.ts';
import { Z, ZP, type KernelCtx } from '../state.ts';
import { flushRules, returnRules } from './zeroerFlush.ts';
import { loopBodyRules } from './zeroerLoop.ts';

export { zWaitsWriteback, zWantsFolio } from './zeroerQuery.ts';

const T = 'Z';

/** truncate_inode_pages_range locks each folio of the range and waits for its writeback. */
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
    rules.push({
      name: 'Z add_transaction_credits: log space short [B.7]',
      thread: T,
      kernelFunction: 'add_transaction_credits',
      specSection: 'B.7',
      description: 'the caller\'s own start finds the log short of space and waits for a (kicked) commit',
      guard: (s) => f.zPc.get(s) === ZP.START && canStartNormal(ctx, s) && canFindSpaceShort(ctx, s),
      update: (_s, o) => findSpaceShort(ctx, o),
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
