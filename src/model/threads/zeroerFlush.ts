/**
 * The zeroer's flush (filemap_write_and_wait_range in its own task, spec B.2, B.8) and its
 * return path: handle stop, and for the EOF scenario the size extension (D5).
 */
import type { Rule } from '../../explorer/define.ts';
import { canStartNormal, stopHandle } from '../jbd2.ts';
import { rangeUnderWriteback, zeroFolioRange } from '../pagecache.ts';
import { Z, ZP, type KernelCtx } from '../state.ts';
import { submitFolio, writebackNeedsHandle } from '../writeback.ts';

const T = 'Z';

/** filemap_write_and_wait_range from the flush, in Z's own task (B.2, B.8). */
export function flushRules(ctx: KernelCtx, ze: number, lastFlushFolio: number): Rule[] {
  const { f, cfg } = ctx;
  const reservedMode = cfg.assumptions['conversion-handle'] === 'reserved';
  return [
    {
      name: 'Z ext4_writepages (WB_SYNC_ALL, in caller task) [B.2]',
      thread: T,
      kernelFunction: 'ext4_writepages',
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

export function returnRules(ctx: KernelCtx): Rule[] {
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
