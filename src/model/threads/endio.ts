/**
 * The end-I/O side W (spec B.8; research A2, B3): bio completions that end writeback at once,
 * and the worker that takes the deferred ones in order (iomap: by file offset; buffer heads:
 * first in, first out), one at a time: start a handle (the io_end's reserved one: joins
 * T_LOCKED, waits only in T_SWITCH; else a normal one: barrier, T_LOCKED/T_SWITCH, log space),
 * convert (and on iomap raise i_disksize), stop, and only then folio_end_writeback. A blocked
 * start holds up every completion behind it.
 */
import type { Rule } from '../../explorer/define.ts';
import { canFindSpaceShort, canStartNormal, canStartReserved, findSpaceShort, startHandle, stopHandle } from '../jbd2.ts';
import { IO, W, type KernelCtx } from '../state.ts';
import { endWriteback, finishWork, nextWork } from '../writeback.ts';

const T = 'W';

export function endioRules(ctx: KernelCtx): Rule[] {
  const { f, cfg } = ctx;
  const n = cfg.names;
  const rules: Rule[] = [];
  for (let i = 0; i < cfg.folios; i++) {
    rules.push(
      {
        name: `W ${n.endBio} -> folio_end_writeback f${i} [B.8]`,
        thread: T,
        kernelFunction: n.endBio,
        specSection: 'B.8',
        description: 'nothing to convert (and no i_disksize to raise): writeback ends in bio context',
        guard: (s) => f.io.get(s, i) === IO.BIO,
        update: (_s, o) => endWriteback(ctx, o, i),
      },
      {
        name: `W ${n.endioWork}: ext4_journal_start (normal) f${i} [B.8]`,
        thread: T,
        kernelFunction: n.endioWork,
        specSection: 'B.8',
        description: 'normal EXT4_HT_EXT_CONVERT / EXT4_HT_MAP_BLOCKS start, subject to the barrier and add_transaction_credits waits',
        guard: (s) => !f.wBusy.is(s) && nextWork(ctx, s) === i && !f.ioReserved.is(s, i) && canStartNormal(ctx, s),
        update: (_s, o) => {
          startHandle(ctx, o, W);
          f.wBusy.set(o, true);
          f.wFolio.set(o, i);
        },
      },
      // Only kernels that hand the io_end a reserved handle have this step (buffer heads).
      ...(cfg.b.conversionHandle !== 'reserved' ? [] : [{
        name: `W jbd2_journal_start_reserved f${i} [B.7]`,
        thread: T,
        kernelFunction: 'jbd2_journal_start_reserved',
        specSection: 'B.7',
        description: 'the io_end\'s reserved handle: skips the barrier and add_transaction_credits, may join T_LOCKED, waits only in T_SWITCH',
        guard: (s) => !f.wBusy.is(s) && nextWork(ctx, s) === i && f.ioReserved.is(s, i) && canStartReserved(ctx, s),
        update: (_s, o) => {
          startHandle(ctx, o, W);
          f.ioReserved.set(o, false, i);
          f.wBusy.set(o, true);
          f.wFolio.set(o, i);
        },
      } satisfies Rule]),
    );
  }
  rules.push(
    {
      name: 'W add_transaction_credits: log space short [B.7]',
      thread: T,
      kernelFunction: 'add_transaction_credits',
      specSection: 'B.7',
      description: 'jbd2_log_space_left() short: __jbd2_log_wait_for_space kicks a commit and waits for it',
      guard: (s) => {
        if (f.wBusy.is(s)) return false;
        const i = nextWork(ctx, s);
        return i >= 0 && !f.ioReserved.is(s, i) && canStartNormal(ctx, s) && canFindSpaceShort(ctx, s);
      },
      update: (_s, o) => findSpaceShort(ctx, o),
    },
    {
      name: `W ${n.endioFinish}: convert, stop, folio_end_writeback [B.8]`,
      thread: T,
      kernelFunction: n.endioFinish,
      specSection: 'B.8',
      description: cfg.b.disksizeAtIoEnd
        ? 'UNWRITTEN -> WRITTEN, i_disksize raised, jbd2_journal_stop (wakes the commit), then iomap_finish_ioends ends writeback'
        : 'UNWRITTEN -> WRITTEN, jbd2_journal_stop (wakes the commit), then ext4_release_io_end ends writeback',
      guard: (s) => f.wBusy.is(s),
      update: (s, o) => {
        const i = f.wFolio.get(s);
        finishWork(ctx, o, i);
        stopHandle(ctx, o, W);
        endWriteback(ctx, o, i);
        f.wBusy.set(o, false);
        f.wFolio.set(o, 0);
      },
    },
  );
  return rules;
}
