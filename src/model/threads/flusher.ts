/**
 * The flusher F: background writeback or sync_file_range(WRITE) over a folio range, a bounded
 * number of passes (WB_SYNC_NONE: folios under writeback are skipped, never waited on).
 * The lock-order assumption decides whether the folio lock is taken before the handle
 * (ext4 iomap writeback_iter, spec A.7/C.6) or after it (buffer-head ext4_do_writepages).
 */
import type { Rule } from '../../explorer/define.ts';
import { canFindSpaceShort, canStartNormal, findSpaceShort, startHandle, stopHandle } from '../jbd2.ts';
import { F, FP, type KernelCtx } from '../state.ts';
import { submitFolio, writebackNeedsHandle } from '../writeback.ts';

const T = 'F';

function eligible(ctx: KernelCtx, s: Uint32Array, i: number): boolean {
  const { f } = ctx;
  return f.cached.is(s, i) && f.dirty.is(s, i) && !f.folioWriteback.is(s, i);
}

/** Next folio of the pass; at the end of the range, the pass ends. */
function advance(ctx: KernelCtx, o: Uint32Array): void {
  const { f, cfg } = ctx;
  const c = f.fCursor.get(o) + 1;
  f.fPc.set(o, FP.SCAN);
  if (c <= cfg.flusherLast) {
    f.fCursor.set(o, c);
    return;
  }
  const left = f.fPassesLeft.get(o) - 1;
  f.fPassesLeft.set(o, left);
  f.fCursor.set(o, cfg.flusherFirst);
  if (left === 0) f.fPc.set(o, FP.DONE);
}

export function flusherRules(ctx: KernelCtx): Rule[] {
  const { f, cfg } = ctx;
  if (!cfg.withFlusher) return [];
  const reservedMode = cfg.assumptions['conversion-handle'] === 'reserved';
  const folioFirst = cfg.assumptions['lock-order'] === 'folio-then-handle';
  const atScan = (s: Uint32Array): boolean => f.fPc.get(s) === FP.SCAN;
  const cur = (s: Uint32Array): number => f.fCursor.get(s);
  const rules: Rule[] = [
    {
      name: 'F writeback_iter (skip folio) [B.8]',
      thread: T,
      kernelFunction: 'writeback_iter',
      specSection: 'B.8',
      description: 'folio not dirty, or under writeback (WB_SYNC_NONE): skipped',
      guard: (s) => atScan(s) && !eligible(ctx, s, cur(s)),
      update: (_s, o) => advance(ctx, o),
    },
    {
      name: 'F folio_lock + submit (no handle needed) [B.8]',
      thread: T,
      kernelFunction: 'ext4_writepages',
      specSection: 'B.8',
      description: 'already-mapped folio: lock, post-EOF zeroing, folio_start_writeback, submit, unlock',
      guard: (s) => atScan(s) && eligible(ctx, s, cur(s)) && !writebackNeedsHandle(ctx, s, cur(s)),
      update: (s, o) => {
        submitFolio(ctx, o, cur(s), false);
        advance(ctx, o);
      },
    },
  ];
  // The writeback handle start may find the log short of space (C.1b), like any normal start.
  const atStart = folioFirst
    ? (s: Uint32Array): boolean => f.fPc.get(s) === FP.LOCKED
    : (s: Uint32Array): boolean => atScan(s) && eligible(ctx, s, cur(s)) && writebackNeedsHandle(ctx, s, cur(s));
  rules.push({
    name: 'F add_transaction_credits: log space short [B.7]',
    thread: T,
    kernelFunction: 'add_transaction_credits',
    specSection: 'B.7',
    description: 'writeback handle start finds the log short of space: waits for a (kicked) commit',
    guard: (s) => atStart(s) && canStartNormal(ctx, s) && canFindSpaceShort(ctx, s),
    update: (_s, o) => findSpaceShort(ctx, o),
  });
  if (folioFirst) {
    rules.push(
      {
        name: 'F folio_lock (writeback_iter) [C.6]',
        thread: T,
        kernelFunction: 'writeback_iter',
        specSection: 'C.6',
        description: 'iomap writeback locks the folio before ext4 starts the handle',
        guard: (s) =>
          atScan(s) && eligible(ctx, s, cur(s)) && writebackNeedsHandle(ctx, s, cur(s)) && !f.lockedByF.is(s, cur(s)),
        update: (s, o) => {
          f.lockedByF.set(o, true, cur(s));
          f.fPc.set(o, FP.LOCKED);
        },
      },
      {
        name: 'F ext4_journal_start + map + submit + stop [B.8]',
        thread: T,
        kernelFunction: 'ext4_journal_start_with_reserve',
        specSection: 'B.8',
        description: 'handle start (waits in T_LOCKED/T_SWITCH holding the folio lock), allocate, submit, stop, unlock',
        guard: (s) => f.fPc.get(s) === FP.LOCKED && canStartNormal(ctx, s),
        update: (s, o) => {
          const c = cur(s);
          startHandle(ctx, o, F);
          submitFolio(ctx, o, c, reservedMode);
          stopHandle(ctx, o, F);
          f.lockedByF.set(o, false, c);
          advance(ctx, o);
        },
      },
    );
  } else {
    rules.push(
      {
        name: 'F ext4_journal_start_with_reserve [B.8]',
        thread: T,
        kernelFunction: 'ext4_journal_start_with_reserve',
        specSection: 'B.8',
        description: 'buffer-head order: handle first (with a reserved handle attached in the reserved rule)',
        guard: (s) => atScan(s) && eligible(ctx, s, cur(s)) && writebackNeedsHandle(ctx, s, cur(s)) && canStartNormal(ctx, s),
        update: (_s, o) => {
          startHandle(ctx, o, F);
          f.fRsvAttached.set(o, reservedMode);
          f.fPc.set(o, FP.HANDLE);
        },
      },
      {
        name: 'F folio_lock + mpage_map_and_submit_extent + stop [B.8]',
        thread: T,
        kernelFunction: 'mpage_map_and_submit_extent',
        specSection: 'B.8',
        description: 'lock the folio under the handle, allocate, submit (io_end takes h_rsv_handle), stop',
        guard: (s) => f.fPc.get(s) === FP.HANDLE && !f.lockedByF.is(s, cur(s)),
        update: (s, o) => {
          const c = cur(s);
          if (eligible(ctx, s, c)) submitFolio(ctx, o, c, f.fRsvAttached.is(s));
          f.fRsvAttached.set(o, false);
          stopHandle(ctx, o, F);
          advance(ctx, o);
        },
      },
    );
  }
  return rules;
}
