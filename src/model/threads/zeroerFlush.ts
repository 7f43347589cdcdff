/**
 * filemap_write_and_wait_range in the zeroer's own task (spec B.2, B.8): the flush of
 * iomap_zero_iter_flush_and_stale, and -next v2's flush of the zeroed EOF block before the
 * truncate handle (R2). ->writepages (WB_SYNC_ALL) locks each folio, waits for writeback in
 * progress, starts a handle if it must allocate (nested, with no wait and no reserved handle,
 * when the caller holds one), and submits; then every folio of the range is waited on.
 */
import type { Rule } from '../../explorer/define.ts';
import { canStartNormal, holdsHandle } from '../jbd2.ts';
import { folioLocked, lastFolio, rangeUnderWriteback } from '../pagecache.ts';
import { Z, ZP, type KernelCtx } from '../state.ts';
import { submitFolio, writebackNeedsHandle } from '../writeback.ts';

const T = 'Z';

/** One ->writepages step over the folio at `cursor`, for the flush in phase `phase`. */
function writepagesRule(ctx: KernelCtx, phase: number, cursor: (s: Uint32Array) => number, done: (s: Uint32Array, o: Uint32Array, c: number) => void, why: string): Rule {
  const { f, cfg } = ctx;
  return {
    name: `Z ${cfg.names.writepages} (WB_SYNC_ALL, in caller task)${phase === ZP.TFLUSH_WRITE ? ' for truncate' : ''} [B.2]`,
    thread: T,
    kernelFunction: cfg.names.writepages,
    specSection: 'B.2',
    description: `${why}: per folio folio_lock, wait for writeback in progress, start a handle to allocate (nested in the caller's: no wait, no reserved handle), submit`,
    guard: (s) => {
      if (f.zPc.get(s) !== phase) return false;
      const c = cursor(s);
      if (!f.cached.is(s, c) || !f.dirty.is(s, c)) return true;
      if (folioLocked(ctx, s, c) || f.folioWriteback.is(s, c)) return false;
      // A non-nested start for allocation waits like any normal start.
      return holdsHandle(ctx, s, Z) || !writebackNeedsHandle(ctx, s, c) || canStartNormal(ctx, s);
    },
    update: (s, o) => {
      const c = cursor(s);
      if (f.cached.is(s, c) && f.dirty.is(s, c)) {
        const nested = holdsHandle(ctx, s, Z);
        const own = !nested && writebackNeedsHandle(ctx, s, c);
        submitFolio(ctx, o, c, { reserved: own && cfg.b.conversionHandle === 'reserved', mapped: own || (nested && writebackNeedsHandle(ctx, s, c)) });
      }
      done(s, o, c);
    },
  };
}

export function flushRules(ctx: KernelCtx): Rule[] {
  const { f, cfg } = ctx;
  const ze = cfg.caller.zeroEnd;
  const lastFlushFolio = lastFolio(ctx, ze);
  const rules: Rule[] = [
    writepagesRule(
      ctx,
      ZP.FLUSH_WRITE,
      (s) => f.zFlushCursor.get(s),
      (_s, o, c) => {
        // The last folio of the range done: the write phase ends, the wait phase begins.
        if (c >= lastFlushFolio) f.zPc.set(o, ZP.FLUSH_WAIT);
        else f.zFlushCursor.set(o, c + 1);
      },
      'iomap_zero_iter_flush_and_stale -> filemap_write_and_wait_range',
    ),
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
  if (cfg.caller.kind === 'truncate-down' && cfg.sem.truncateFlush) {
    const zs = cfg.caller.zeroStart;
    rules.push(
      writepagesRule(
        ctx,
        ZP.TFLUSH_WRITE,
        () => cfg.folioOf[zs]!,
        (_s, o) => f.zPc.set(o, ZP.TFLUSH_WAIT),
        'ext4_truncate (iomap inode): filemap_write_and_wait_range(i_size, i_size + zero_len - 1) before the truncate handle',
      ),
      {
        name: 'Z __filemap_fdatawait_range for truncate [B.2]',
        thread: T,
        kernelFunction: '__filemap_fdatawait_range',
        specSection: 'B.2',
        description: 'wait for the zeroed EOF block to be written back, before the truncate handle starts',
        guard: (s) => f.zPc.get(s) === ZP.TFLUSH_WAIT && rangeUnderWriteback(ctx, s, zs, ze) < 0,
        update: (_s, o) => f.zPc.set(o, ZP.START_AFTER),
      },
    );
  }
  return rules;
}
