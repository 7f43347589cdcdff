/**
 * XFS I/O completion (research XFS 1, 7b-c; T2 xfs_end_bio, xfs_end_io, xfs_end_ioend_write):
 * ioends that need no transaction end writeback in bio context; the others queue to the
 * inode's one work item on xfs-conv, which takes them sorted by offset and, for each, converts
 * UNWRITTEN (xfs_iomap_write_unwritten) or remaps COW blocks (xfs_reflink_end_cow), then raises
 * the on-disk size (xfs_setfilesize): each a transaction that takes ILOCK_EXCL, committed
 * before iomap_finish_ioends ends writeback. Modelled as one step per ioend that waits for the
 * ILOCK (when `conversion-ilock` says it takes it); nothing else in it waits in this model.
 */
import type { Rule } from '../../explorer/define.ts';
import { IO, type KernelCtx } from '../state.ts';
import { endWriteback, finishWork, nextWork } from '../writeback.ts';

const T = 'W';

export function xfsEndioRules(ctx: KernelCtx): Rule[] {
  const { f, cfg } = ctx;
  const n = cfg.names;
  const takesIlock = (cfg.assumptions['conversion-ilock'] ?? 'yes') === 'yes';
  const rules: Rule[] = [];
  for (let i = 0; i < cfg.folios; i++) {
    rules.push(
      {
        name: `W ${n.endBio} -> folio_end_writeback f${i} [B.8]`,
        thread: T,
        kernelFunction: n.endBio,
        specSection: 'B.8',
        description: 'no conversion, remap or size update: writeback ends in bio context (ioend_writeback_end_bio)',
        guard: (s) => f.io.get(s, i) === IO.BIO,
        update: (_s, o) => endWriteback(ctx, o, i),
      },
      {
        name: `W ${n.endioWork} -> ${n.endioFinish}: ILOCK, convert/remap, setfilesize, folio_end_writeback f${i} [B.8]`,
        thread: T,
        kernelFunction: n.endioFinish,
        specSection: 'B.8',
        description: `xfs_iomap_write_unwritten or xfs_reflink_end_cow, then xfs_setfilesize: transactions${takesIlock ? ' taking ILOCK_EXCL' : ''}, committed; then iomap_finish_ioends ends writeback`,
        guard: (s) => nextWork(ctx, s) === i && (!takesIlock || !f.zIlock.is(s)),
        update: (_s, o) => {
          finishWork(ctx, o, i);
          endWriteback(ctx, o, i);
        },
        outcome: (s, o) => {
          const remapped: number[] = [];
          for (let b = cfg.folioStart[i]!; b < cfg.folioEnd[i]!; b++) if (f.cow.get(s, b) !== f.cow.get(o, b)) remapped.push(b);
          return remapped.length > 0 ? `COW blocks ${remapped.join(', ')} remapped into the data fork` : undefined;
        },
      },
    );
  }
  return rules;
}
