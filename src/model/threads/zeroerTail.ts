/**
 * What the caller does after the zeroing (spec B.9; research A3, B7): start its handle if it
 * zeroed before it (-next v2, v7.1), register the zeroed EOF block as data=ordered (buffer-head
 * truncate), raise i_size (an extending zero range, truncate up: pagecache_isize_extended locks
 * the EOF folio and zeroes what the extension exposes), free the blocks past a truncated size,
 * and stop the handle.
 */
import type { Rule } from '../../explorer/define.ts';
import { canFindSpaceShort, canStartNormal, findSpaceShort, holdsHandle, startHandle, stopHandle } from '../jbd2.ts';
import { folioLocked, zeroFolioRange } from '../pagecache.ts';
import { Z, ZP, type KernelCtx } from '../state.ts';
import { COW_NONE, HOLE, ZERO, type KernelConfig } from '../types.ts';
import { nextStage } from '../xfs/caller.ts';

const T = 'Z';

/** The caller raises i_size after the zeroing (to a size above the start's). */
export function extendsSize(cfg: KernelConfig): boolean {
  const k = cfg.caller.kind;
  return (k === 'truncate-up' || k === 'zero-range-extend') && (cfg.caller.newSize ?? 0) > cfg.init.iSize;
}

/** The caller raises i_size at some point (an extension, or XFS insert range's size bump). */
export function raisesSize(cfg: KernelConfig): boolean {
  return extendsSize(cfg) || cfg.caller.kind === 'insert-range';
}

/** Buffer-head truncate zeroing is data=ordered (ext4_jbd2_inode_add_write); punch and zero range are not (R16). */
export function ordersZeroing(cfg: KernelConfig): boolean {
  return cfg.b.dataOrdered && (cfg.caller.kind === 'truncate-down' || cfg.caller.kind === 'truncate-up');
}

/**
 * The phase after `from` in the caller's tail. Where zeroing runs before the handle (-next v2,
 * v7.1), the size change's pagecache_isize_extended runs outside the handle too ("ext4: move
 * pagecache_isize_extended() out of active handle", 1ad0f4282329; -next v2's
 * ext4_alloc_file_blocks calls it after ext4_journal_stop): it is modelled before the late
 * handle start, with the i_size update, so the folio lock it takes is never held under a handle.
 */
function nextTail(cfg: KernelConfig, from: number): number {
  const size = extendsSize(cfg) ? [ZP.SIZE] : [];
  const order = [
    ZP.ZERO_DONE,
    ...(cfg.sem.truncateFlush && cfg.caller.kind === 'truncate-down' ? [ZP.TFLUSH_WRITE] : []),
    ...(cfg.sem.underHandle ? size : [...size, ZP.START_AFTER]),
    ...(cfg.caller.kind === 'truncate-down' ? [ZP.FREE] : []),
    ZP.STOP,
    ZP.DONE,
  ];
  return order[order.indexOf(from) + 1] ?? ZP.DONE;
}

/**
 * The folio pagecache_isize_extended locks for an extension from `old` blocks: the one that
 * holds both the last block before the old EOF and the first after it; -1 when the old EOF
 * lies on a folio boundary (or at 0, or at the end), where it returns without locking
 * ("!(rounded_from & (PAGE_SIZE - 1))").
 */
export function straddlingEofFolio(ctx: KernelCtx, old: number): number {
  const { cfg } = ctx;
  if (old <= 0 || old >= cfg.blocks) return -1;
  const i = cfg.folioOf[old - 1]!;
  return cfg.folioOf[old] === i ? i : -1;
}

/** Leaves phase `from` of the tail: the next phase, or on XFS the next stage of the caller's program. */
function advance(ctx: KernelCtx, o: Uint32Array, from: number): void {
  if (ctx.cfg.b.journal === 'xfs') nextStage(ctx, o);
  else ctx.f.zPc.set(o, nextTail(ctx.cfg, from));
}

/** Registers the zeroed range's folios as ordered data of the running transaction. */
function registerOrdered(ctx: KernelCtx, o: Uint32Array): void {
  const { cfg, f } = ctx;
  for (let b = cfg.caller.zeroStart; b < cfg.caller.zeroEnd; b++) {
    const i = cfg.folioOf[b]!;
    if (f.cached.is(o, i) && f.dirty.is(o, i)) f.ordered.set(o, true, i);
  }
}

export function tailRules(ctx: KernelCtx): Rule[] {
  const { cfg, f } = ctx;
  const fn = cfg.names.zeroEntry;
  const rules: Rule[] = [
    {
      name: `Z ${fn} returns [B.9]`,
      thread: T,
      kernelFunction: fn,
      specSection: 'B.9',
      description: 'the zeroing is done; the caller goes on',
      guard: (s) => f.zPc.get(s) === ZP.ZERO_DONE,
      update: (_s, o) => {
        f.zZeroed.set(o, true);
        advance(ctx, o, ZP.ZERO_DONE);
      },
    },
  ];
  if (!cfg.sem.underHandle && cfg.b.journal === 'jbd2') {
    rules.push(
      {
        name: 'Z ext4_journal_start (after zeroing) [B.9]',
        thread: T,
        kernelFunction: 'ext4_journal_start',
        specSection: 'B.9',
        description: 'the caller starts its handle only now, for its metadata (normal start)',
        guard: (s) => f.zPc.get(s) === ZP.START_AFTER && canStartNormal(ctx, s),
        update: (_s, o) => {
          startHandle(ctx, o, Z);
          if (ordersZeroing(cfg)) registerOrdered(ctx, o);
          f.zPc.set(o, nextTail(cfg, ZP.START_AFTER));
        },
      },
      {
        name: 'Z add_transaction_credits: log space short (after zeroing) [B.7]',
        thread: T,
        kernelFunction: 'add_transaction_credits',
        specSection: 'B.7',
        description: 'the late handle start finds the log short of space and waits for a (kicked) commit',
        guard: (s) => f.zPc.get(s) === ZP.START_AFTER && canStartNormal(ctx, s) && canFindSpaceShort(ctx, s),
        update: (_s, o) => findSpaceShort(ctx, o),
      },
    );
  }
  if (raisesSize(cfg)) {
    const newSize = cfg.caller.newSize!;
    rules.push({
      name: `Z i_size -> ${newSize} + pagecache_isize_extended [D5]`,
      thread: T,
      kernelFunction: 'pagecache_isize_extended',
      specSection: 'D5',
      description: 'i_size and i_disksize raised; the EOF folio is locked and, if dirty, what the extension exposes is zeroed (isize-zeroing)',
      guard: (s) => {
        if (f.zPc.get(s) !== ZP.SIZE) return false;
        const i = straddlingEofFolio(ctx, f.iSize.get(s));
        return i < 0 || !folioLocked(ctx, s, i);
      },
      update: (s, o) => {
        const old = f.iSize.get(s);
        f.iSize.set(o, newSize);
        // ext4 raises i_disksize with i_size here; XFS only after the flush, in the setattr transaction.
        if (cfg.b.journal === 'jbd2' && f.iDiskSize.get(o) < newSize) f.iDiskSize.set(o, newSize);
        if (cfg.assumptions['isize-zeroing'] === 'yes' && old > 0 && old < cfg.blocks) {
          const i = cfg.folioOf[old - 1]!;
          if (cfg.folioOf[old] === i && f.cached.is(s, i) && f.dirty.is(s, i)) zeroFolioRange(ctx, o, i, old, newSize);
        }
        f.zSized.set(o, true);
        advance(ctx, o, ZP.SIZE);
      },
    });
  }
  if (cfg.caller.kind === 'truncate-down') {
    const size = cfg.caller.newSize!;
    rules.push({
      name: `Z ext4_ext_remove_space (blocks from ${size}) [B.9]`,
      thread: T,
      kernelFunction: 'ext4_ext_remove_space',
      specSection: 'B.9',
      description: 'the blocks past the new size are freed under the handle',
      guard: (s) => f.zPc.get(s) === ZP.FREE,
      update: (_s, o) => {
        for (let b = size; b < cfg.blocks; b++) {
          f.map.set(o, HOLE, b);
          f.disk.set(o, ZERO, b);
          f.cow.set(o, COW_NONE, b); // COW blocks past the new size go too (INFERRED: xfs_reflink_cancel_cow_range in truncate)
        }
        advance(ctx, o, ZP.FREE);
      },
    });
  }
  rules.push({
    name: 'Z ext4_journal_stop [B.7]',
    thread: T,
    kernelFunction: 'jbd2_journal_stop',
    specSection: 'B.7',
    description: 'the caller stops its handle (t_updates--, which wakes a waiting commit)',
    guard: (s) => f.zPc.get(s) === ZP.STOP,
    update: (s, o) => {
      if (holdsHandle(ctx, s, Z)) stopHandle(ctx, o, Z);
      f.zPc.set(o, ZP.DONE);
    },
  });
  return rules;
}

export { nextTail };
