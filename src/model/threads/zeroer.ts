/**
 * The zeroer Z: an ext4 caller (punch hole, zero range, truncate down or up) as a program of
 * steps around the zeroing (spec B.9 -> B.4/B.5/B.2): the page-cache step, the journal handle
 * (before the zeroing in the thread-era prototype and ext4 v7.0, after it in -next v2 and
 * v7.1), the zeroing itself (iomap_zero_range, or buffer heads), and the caller's size change,
 * block freeing and handle stop.
 *
 * The iomap_zero_range loop is in zeroerLoop.ts, its flush and the caller's tail in
 * zeroerFlush.ts / zeroerTail.ts, the buffer-head zeroing in zeroerBh.ts.
 */
import type { Rule } from '../../explorer/define.ts';
import { canFindSpaceShort, canStartNormal, findSpaceShort, startHandle } from '../jbd2.ts';
import { extentEnd, fillBatch, fillZeroBatch, fsFillsBatch } from '../iomap.ts';
import { cacheFolio, firstFolio, folioLocked, lastFolio, rangeNeedsWriteback, zeroFolioRange } from '../pagecache.ts';
import { afterPrezero, LK, Z, ZP, zeroerEntry, zeroingEntry, type KernelCtx } from '../state.ts';
import { CALLER_FUNCTION, MAP_TYPES } from '../types.ts';
import { bhZeroRules } from './zeroerBh.ts';
import { xfsBeginRules } from '../xfs/lookup.ts';
import { nextStage } from '../xfs/caller.ts';
import { flushRules } from './zeroerFlush.ts';
import { loopBodyRules } from './zeroerLoop.ts';
import { tailRules } from './zeroerTail.ts';

export { zWaitsWriteback, zWantsFolio } from './zeroerQuery.ts';

const T = 'Z';

/** truncate_inode_pages_range locks each folio of the range and waits for its writeback. */
function pagecacheBlocked(ctx: KernelCtx, s: Uint32Array, lo: number, hi: number): boolean {
  const { f } = ctx;
  if (hi <= lo) return false;
  for (let i = firstFolio(ctx, lo), l = lastFolio(ctx, hi); i <= l; i++) {
    if (f.cached.is(s, i) && (folioLocked(ctx, s, i) || f.folioWriteback.is(s, i))) return true;
  }
  return false;
}

export function zeroerRules(ctx: KernelCtx): Rule[] {
  const { cfg, f } = ctx;
  const caller = cfg.caller;
  const fn = cfg.names.callers?.[caller.kind] ?? CALLER_FUNCTION[caller.kind];
  const zs = caller.zeroStart;
  const ze = caller.zeroEnd;
  const rules: Rule[] = [];
  const entry = zeroerEntry(cfg);

  if (caller.kind === 'punch') {
    // ext4_punch_hole: "No need to punch hole beyond i_size" (R30). i_size cannot change under
    // the caller (it holds i_rwsem), so the test is decided by the start state.
    rules.push({
      name: `Z ${fn}: offset >= i_size, return [B.9]`,
      thread: T,
      kernelFunction: fn,
      specSection: 'B.9',
      description: 'the range starts at or beyond EOF: nothing to punch or zero',
      guard: (s) => f.zPc.get(s) === entry && zs >= f.iSize.get(s),
      update: (_s, o) => f.zPc.set(o, ZP.DONE),
    });
  }
  // Every first step of a punch also checks the range starts below EOF (the early return's complement).
  const live = (s: Uint32Array) => caller.kind !== 'punch' || f.zPc.get(s) !== entry || zs < f.iSize.get(s);

  if (caller.kind === 'truncate-down') {
    const size = caller.newSize!;
    rules.push({
      name: `Z truncate_setsize(${size}) [B.9]`,
      thread: T,
      kernelFunction: 'truncate_setsize',
      specSection: 'B.9',
      description:
        "i_size lowered; folios wholly past it dropped, the EOF folio's tail zeroed from the new size (truncate_inode_partial_folio: waits for the folio lock and writeback; zeroes without dirtying)",
      // The zeroed range [zs, ze) stands for the partial block at the new EOF: its tail lies
      // past the new size, so truncate_setsize zeroes it in the page cache too.
      guard: (s) => f.zPc.get(s) === ZP.SETSIZE && !pagecacheBlocked(ctx, s, Math.min(zs, size), cfg.blocks),
      update: (_s, o) => {
        f.iSize.set(o, size);
        if (f.iDiskSize.get(o) > size) f.iDiskSize.set(o, size);
        for (let i = 0; i < cfg.folios; i++) {
          if (!f.cached.is(o, i)) continue;
          if (cfg.folioStart[i]! >= size) {
            f.cached.set(o, false, i);
            f.dirty.set(o, false, i);
            zeroFolioRange(ctx, o, i, cfg.folioStart[i]!, cfg.folioEnd[i]!);
          } else zeroFolioRange(ctx, o, i, Math.min(zs, size), cfg.folioEnd[i]!);
        }
        if (cfg.b.journal === 'xfs') nextStage(ctx, o);
        else f.zPc.set(o, afterPrezero(cfg));
      },
    });
  }
  if (cfg.preZero) {
    rules.push({
      name: 'Z truncate_pagecache_range [B.9]',
      thread: T,
      kernelFunction: 'truncate_pagecache_range',
      specSection: 'B.9',
      description: `${fn} zeroes the page cache of the range before its handle (waits for folio lock and writeback)`,
      guard: (s) => f.zPc.get(s) === ZP.PREZERO && live(s) && !pagecacheBlocked(ctx, s, zs, ze),
      update: (_s, o) => {
        for (let i = firstFolio(ctx, zs), l = lastFolio(ctx, ze); i <= l; i++) {
          if (f.cached.is(o, i)) zeroFolioRange(ctx, o, i, zs, ze);
        }
        f.zPc.set(o, afterPrezero(cfg));
      },
    });
  }
  if (cfg.sem.underHandle) {
    rules.push(
      {
        name: 'Z ext4_journal_start [B.7]',
        thread: T,
        kernelFunction: 'ext4_journal_start',
        specSection: 'B.7',
        description: `${fn} starts its handle before zeroing (normal start: waits on the barrier, in T_LOCKED/T_SWITCH, for log space)`,
        guard: (s) => f.zPc.get(s) === ZP.START && live(s) && canStartNormal(ctx, s),
        update: (_s, o) => {
          startHandle(ctx, o, Z);
          f.zPc.set(o, zeroingEntry(cfg));
        },
      },
      {
        name: 'Z add_transaction_credits: log space short [B.7]',
        thread: T,
        kernelFunction: 'add_transaction_credits',
        specSection: 'B.7',
        description: "the caller's own start finds the log short of space and waits for a (kicked) commit",
        guard: (s) => f.zPc.get(s) === ZP.START && live(s) && canStartNormal(ctx, s) && canFindSpaceShort(ctx, s),
        update: (_s, o) => findSpaceShort(ctx, o),
      },
    );
  }
  if (cfg.b.zeroPath === 'iomap') rules.push(...iomapEntryRules(ctx, fn, live), ...loopBodyRules(ctx), ...flushRules(ctx));
  else rules.push(...bhZeroRules(ctx, live));
  rules.push(...tailRules(ctx));
  return rules;
}

/** iomap_zero_range's entry: the partial-EOF special case, range_dirty, ->iomap_begin, the fill. */
function iomapEntryRules(ctx: KernelCtx, fn: string, live: (s: Uint32Array) => boolean): Rule[] {
  const { cfg, f } = ctx;
  const zs = cfg.caller.zeroStart;
  const ze = cfg.caller.zeroEnd;
  const rules: Rule[] = [];
  // V1c [S10]: `if (off && filemap_range_needs_writeback(first partial block))` zeroes that
  // block with iomap_zero_iter, whatever its mapping type, and then goes on with the rest.
  const partial = cfg.sem.partialFirstBlock && cfg.caller.unalignedStart === true;
  const partialPending = (s: Uint32Array): boolean => partial && f.zPos.get(s) === zs && rangeNeedsWriteback(ctx, s, zs, zs + 1);
  if (partial) {
    rules.push({
      name: 'Z iomap_zero_range: dirty partial first block -> iomap_zero_iter [B.4]',
      thread: T,
      kernelFunction: 'iomap_zero_iter',
      specSection: 'B.4',
      description: 'partial-EOF special case: zero the unaligned first block in the page cache, no flush',
      guard: (s) => f.zPc.get(s) === ZP.RANGE_DIRTY && partialPending(s) && f.lockedBy.get(s, cfg.folioOf[zs]!) === LK.NONE,
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
      description: `${cfg.names.zeroEntry} -> iomap_zero_range: range_dirty computed once for the (remaining) range, before any lookup`,
      guard: (s) => f.zPc.get(s) === ZP.RANGE_DIRTY && live(s) && !partialPending(s),
      update: (s, o) => {
        f.zRangeDirty.set(o, rangeNeedsWriteback(ctx, s, f.zPos.get(s), ze));
        f.zPc.set(o, ZP.BEGIN);
      },
      outcome: (s, o) => `range_dirty = ${f.zRangeDirty.is(o)} for [${f.zPos.get(s)},${ze})`,
    },
    ...(cfg.b.journal === 'xfs' ? xfsBeginRules(ctx) : [ext4BeginRule(ctx)]),
    {
      name: 'Z iomap_iter (range done) [B.3]',
      thread: T,
      kernelFunction: 'iomap_iter',
      specSection: 'B.3',
      description: `iomap_zero_range returns to ${fn}`,
      guard: (s) => f.zPc.get(s) === ZP.BEGIN && f.zPos.get(s) >= ze,
      update: (_s, o) => f.zPc.set(o, ZP.ZERO_DONE),
    },
  );
  if (cfg.b.journal !== 'xfs') rules.push(ext4FillRule(ctx));
  if (cfg.b.journal !== 'xfs' && cfg.actors.kmallocMayFail && cfg.sem.batch === 'kmalloc') {
    rules.push({
      name: 'Z iomap_fill_dirty_folios: kmalloc fails [B.4]',
      thread: T,
      kernelFunction: 'iomap_fill_dirty_folios',
      specSection: 'B.4',
      description: 'kmalloc(GFP_KERNEL) fails: fbatch stays NULL, mapping not trimmed (fallback to flush)',
      guard: (s) => f.zPc.get(s) === ZP.FILL,
      update: (_s, o) => {
        f.zKmallocFailed.set(o, true);
        f.zPc.set(o, ZP.ITER);
      },
      outcome: () => 'kmalloc fails: fbatch = NULL, no batch',
    });
  }
  return rules;
}

/** ext4's ->iomap_begin for zeroing (ext4_map_blocks): the lookup, holding no lock afterwards. */
function ext4BeginRule(ctx: KernelCtx): Rule {
  const { cfg, f } = ctx;
  const ze = cfg.caller.zeroEnd;
  return (
    {
      name: `Z ext4_map_blocks (->iomap_begin) [B.6]`,
      thread: T,
      kernelFunction: cfg.names.zeroBegin,
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
        f.zKmallocFailed.set(o, false);
        f.zPc.set(o, fsFillsBatch(ctx, s, t, pos) ? ZP.FILL : ZP.ITER);
      },
      outcome: (s, o) =>
        `lookup returns ${MAP_TYPES[f.zMapType.get(o)]} [${f.zPos.get(s)},${f.zMapEnd.get(o)})${
          f.zPc.get(o) === ZP.FILL ? '; ext4 calls the fill helper' : cfg.sem.batch === 'none' ? '' : '; no fill for this mapping'
        }`,
    }
  );
}

/** ext4's fill: iomap_fill_dirty_folios, called after the lookup with no fs lock held (C.4). */
function ext4FillRule(ctx: KernelCtx): Rule {
  const { cfg, f } = ctx;
  return (
    {
      name: 'Z iomap_fill_dirty_folios [B.5]',
      thread: T,
      kernelFunction: 'iomap_fill_dirty_folios',
      specSection: 'B.5',
      description: 'filemap_get_folios_dirty (trylock; locked = presumed dirty), batch capacity 1, trim mapping',
      guard: (s) => f.zPc.get(s) === ZP.FILL,
      update: (s, o) => {
        fillZeroBatch(ctx, s, o);
        f.zPc.set(o, ZP.ITER);
      },
      outcome: (_s, o) =>
        f.zBatch.get(o) > 0
          ? `batch holds folio ${f.zBatch.get(o) - 1}; mapping trimmed to [${f.zPos.get(o)},${f.zMapEnd.get(o)})`
          : f.zBatchFlag.is(o)
            ? 'batch empty (no dirty folio found), flag set: the mapping will be skipped'
            : 'batch empty and no flag set: iomap treats it as no batch',
    }
  );
}
