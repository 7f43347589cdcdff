/**
 * Buffer-head zeroing (__ext4_block_zero_page_range, spec B.9): per folio of the range,
 * __filemap_get_folio(FGP_LOCK|FGP_CREAT) (a blocking folio lock, under the handle in v7.0),
 * read the block in if needed, zero it, mark the buffer dirty, and for truncate register the
 * range as data=ordered (ext4_jbd2_inode_add_write). No flush and no writeback wait: the
 * reason mainline ext4 has no flush-under-handle.
 */
import type { Rule } from '../../explorer/define.ts';
import { holdsHandle } from '../jbd2.ts';
import { cacheFolio, folioLocked, zeroFolioRange } from '../pagecache.ts';
import { Z, ZP, type KernelCtx } from '../state.ts';
import { ordersZeroing } from './zeroerTail.ts';

const T = 'Z';

export function bhZeroRules(ctx: KernelCtx, live: (s: Uint32Array) => boolean): Rule[] {
  const { cfg, f } = ctx;
  const ze = cfg.caller.zeroEnd;
  return [
    {
      name: 'Z __ext4_block_zero_page_range [B.9]',
      thread: T,
      kernelFunction: '__ext4_block_zero_page_range',
      specSection: 'B.9',
      description: 'lock the folio (FGP_LOCK|FGP_CREAT), read it in if needed, zero the block, mark it dirty (data=ordered for truncate)',
      guard: (s) => f.zPc.get(s) === ZP.BH_ZERO && live(s) && f.zPos.get(s) < ze && !folioLocked(ctx, s, cfg.folioOf[f.zPos.get(s)]!),
      update: (s, o) => {
        const pos = f.zPos.get(s);
        const i = cfg.folioOf[pos]!;
        const end = Math.min(ze, cfg.folioEnd[i]!);
        cacheFolio(ctx, o, i);
        zeroFolioRange(ctx, o, i, pos, end);
        f.dirty.set(o, true, i);
        if (ordersZeroing(cfg) && holdsHandle(ctx, s, Z)) f.ordered.set(o, true, i);
        f.zPos.set(o, end);
        if (end >= ze) f.zPc.set(o, ZP.ZERO_DONE);
      },
    },
  ];
}
