/**
 * XFS zeroing callers as programs of stages (research XFS 1, 5; T5, T6, T9): each caller holds
 * IOLOCK and MMAPLOCK throughout and no transaction while it zeroes or flushes.
 * - setattr extending (truncate up): xfs_zero_range(old, new - old), truncate_setsize (i_size and
 *   pagecache_isize_extended), filemap_write_and_wait_range(i_disk_size, new - 1), then the
 *   transaction (which raises i_disk_size);
 * - extending write (xfs_file_write_zero_eof): xfs_zero_range(isize, pos - isize), then the
 *   write raises i_size;
 * - setattr shrinking (truncate down): xfs_truncate_page (zeroing the new EOF block's tail),
 *   truncate_setsize, then xfs_itruncate_extents frees the blocks past the new size;
 * - insert range (xfs_falloc_insert_range): v7.1 first writes back the EOF folio (4/8); then
 *   xfs_falloc_setsize = the setattr extension above; then xfs_insert_file_space:
 *   xfs_prepare_shift writes back and unmaps the page cache from the insert offset and cancels
 *   the COW range, and the data-fork extents from the offset shift right.
 *
 * Stages run in order; `zStage` says which. A flush stage writes back [zPos, zMapEnd) (those
 * fields are free outside the zeroing) and waits for it.
 */
import type { Rule } from '../../explorer/define.ts';
import { firstFolio, folioLocked, lastFolio, rangeUnderWriteback } from '../pagecache.ts';
import { ZP, zeroingEntry, type KernelCtx } from '../state.ts';
import { COW_NONE, HOLE, ZERO, type KernelConfig } from '../types.ts';
import { submitFolio } from '../writeback.ts';

const T = 'Z';

export type XfsStage = 'eof-flush' | 'zero' | 'setsize-up' | 'setsize-down' | 'size-flush' | 'free' | 'shift-flush' | 'shift';

/** The caller's program; callers XFS does not zero with are refused by the configuration. */
export function xfsProgram(cfg: KernelConfig): XfsStage[] {
  switch (cfg.caller.kind) {
    case 'truncate-up':
      return ['zero', 'setsize-up', 'size-flush'];
    case 'zero-range-extend':
      return ['zero', 'setsize-up'];
    case 'truncate-down':
      return ['zero', 'setsize-down', 'free'];
    case 'insert-range':
      return [...(cfg.sem.xfsInsertEofFlush ? (['eof-flush'] as const) : []), 'zero', 'setsize-up', 'size-flush', 'shift-flush', 'shift'];
    default:
      throw new Error(`xfs has no caller ${cfg.caller.kind} (the configuration refuses it)`);
  }
}

/** Range [lo, hi) a flush stage writes back, from the state it starts in. */
function flushRange(ctx: KernelCtx, s: Uint32Array, stage: XfsStage): [number, number] {
  const { f, cfg } = ctx;
  const size = f.iSize.get(s);
  if (stage === 'eof-flush') return [size, Math.min(cfg.blocks, size + 1)];
  if (stage === 'size-flush') return [f.iDiskSize.get(s), size];
  return [cfg.caller.insertAt ?? 0, size]; // shift-flush: xfs_flush_unmap_range(offset, XFS_ISIZE)
}

/** Enters stage `k` (or DONE past the last): sets the phase and what the stage needs. */
export function enterStage(ctx: KernelCtx, o: Uint32Array, k: number): void {
  const { f, cfg } = ctx;
  const program = xfsProgram(cfg);
  f.zStage.set(o, Math.min(k, 7));
  const stage = program[k];
  if (stage === undefined) {
    f.zPc.set(o, ZP.DONE);
    return;
  }
  switch (stage) {
    case 'zero':
      f.zPos.set(o, cfg.caller.zeroStart);
      f.zPc.set(o, zeroingEntry(cfg));
      return;
    case 'setsize-up':
      f.zPc.set(o, ZP.SIZE);
      return;
    case 'setsize-down':
      f.zPc.set(o, ZP.SETSIZE);
      return;
    case 'free':
      f.zPc.set(o, ZP.FREE);
      return;
    case 'shift':
      f.zPc.set(o, ZP.XSTAGE);
      return;
    default: {
      const [lo, hi] = flushRange(ctx, o, stage);
      if (hi <= lo) {
        enterStage(ctx, o, k + 1);
        return;
      }
      f.zPos.set(o, lo);
      f.zMapEnd.set(o, hi);
      f.zFlushCursor.set(o, firstFolio(ctx, lo));
      f.zPc.set(o, ZP.XFLUSH_WRITE);
    }
  }
}

/** Ends the current stage and enters the next. */
export function nextStage(ctx: KernelCtx, o: Uint32Array): void {
  enterStage(ctx, o, ctx.f.zStage.get(o) + 1);
}

const FLUSH_NAME: Readonly<Record<string, string>> = {
  'eof-flush': 'xfs_falloc_insert_range: filemap_write_and_wait_range(isize, isize) before the size bump (4/8)',
  'size-flush': 'xfs_vn_setattr_size: filemap_write_and_wait_range(i_disk_size, newsize - 1)',
  'shift-flush': 'xfs_prepare_shift: xfs_flush_unmap_range(offset, isize)',
};

export function xfsCallerRules(ctx: KernelCtx): Rule[] {
  const { f, cfg } = ctx;
  const program = xfsProgram(cfg);
  const stageIs = (s: Uint32Array, st: XfsStage): boolean => program[f.zStage.get(s)] === st;
  const rules: Rule[] = [];
  const flushStages = program.filter((st) => st === 'eof-flush' || st === 'size-flush' || st === 'shift-flush');
  for (const st of new Set(flushStages)) {
    rules.push(
      {
        name: `Z ${st === 'shift-flush' ? 'xfs_flush_unmap_range' : 'filemap_write_and_wait_range'}: writepages (${st}) [B.2]`,
        thread: T,
        kernelFunction: 'filemap_write_and_wait_range',
        specSection: 'B.2',
        description: `${FLUSH_NAME[st]}: WB_SYNC_ALL writeback of the range, no ILOCK, no transaction held`,
        guard: (s) => {
          if (f.zPc.get(s) !== ZP.XFLUSH_WRITE || !stageIs(s, st)) return false;
          const c = f.zFlushCursor.get(s);
          if (!f.cached.is(s, c) || !f.dirty.is(s, c)) return true;
          return !folioLocked(ctx, s, c) && !f.folioWriteback.is(s, c);
        },
        update: (s, o) => {
          const c = f.zFlushCursor.get(s);
          if (f.cached.is(s, c) && f.dirty.is(s, c)) submitFolio(ctx, o, c, { reserved: false, mapped: true });
          if (c >= lastFolio(ctx, f.zMapEnd.get(s))) f.zPc.set(o, ZP.XFLUSH_WAIT);
          else f.zFlushCursor.set(o, c + 1);
        },
      },
      {
        name: `Z __filemap_fdatawait_range (${st}) [B.2]`,
        thread: T,
        kernelFunction: '__filemap_fdatawait_range',
        specSection: 'B.2',
        description:
          st === 'shift-flush'
            ? 'wait for the range, then truncate_pagecache_range drops its folios (they are clean)'
            : st === 'size-flush'
              ? 'wait for the range; the setattr transaction then raises i_disk_size to i_size'
              : 'wait for the EOF folio',
        guard: (s) => f.zPc.get(s) === ZP.XFLUSH_WAIT && stageIs(s, st) && rangeUnderWriteback(ctx, s, f.zPos.get(s), f.zMapEnd.get(s)) < 0,
        update: (s, o) => {
          if (st === 'size-flush' && f.iDiskSize.get(s) < f.iSize.get(s)) f.iDiskSize.set(o, f.iSize.get(s));
          if (st === 'shift-flush') {
            for (let i = firstFolio(ctx, f.zPos.get(s)); i < cfg.folios; i++) {
              if (!f.cached.is(s, i) || f.dirty.is(s, i)) continue;
              f.cached.set(o, false, i);
              for (let b = cfg.folioStart[i]!; b < cfg.folioEnd[i]!; b++) f.pc.set(o, ZERO, b);
            }
          }
          nextStage(ctx, o);
        },
      },
    );
  }
  if (program.includes('shift')) {
    const at = cfg.caller.insertAt ?? 0;
    const len = cfg.caller.zeroEnd - cfg.caller.zeroStart;
    rules.push({
      name: `Z xfs_insert_file_space: cancel COW, shift extents from ${at} by ${len} [B.9]`,
      thread: T,
      kernelFunction: 'xfs_insert_file_space',
      specSection: 'B.9',
      description: 'xfs_reflink_cancel_cow_range over the range, then the data-fork extents at and after the offset move right (one transaction)',
      guard: (s) => f.zPc.get(s) === ZP.XSTAGE && stageIs(s, 'shift'),
      update: (s, o) => {
        for (let b = at; b < cfg.blocks; b++) f.cow.set(o, COW_NONE, b);
        for (let b = cfg.blocks - 1; b >= at + len; b--) {
          f.map.set(o, f.map.get(s, b - len), b);
          f.disk.set(o, f.disk.get(s, b - len), b);
        }
        for (let b = at; b < at + len && b < cfg.blocks; b++) {
          f.map.set(o, HOLE, b);
          f.disk.set(o, ZERO, b);
        }
        nextStage(ctx, o);
      },
    });
  }
  return rules;
}
