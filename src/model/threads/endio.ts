/**
 * The end-I/O worker W (spec B.8): bio completion for written-only folios, and the
 * ext4-rsv-conversion work for UNWRITTEN ones: start a handle (reserved: joins T_LOCKED,
 * waits only in T_SWITCH; normal: waits in T_LOCKED/T_SWITCH or for log space), convert,
 * stop, and only then folio_end_writeback.
 */
import type { Rule } from '../../explorer/define.ts';
import { canFindSpaceShort, canStartNormal, canStartReserved, findSpaceShort, startHandle, stopHandle } from '../jbd2.ts';
import { W, type KernelCtx } from '../state.ts';
import { convertFolio, endWriteback } from '../writeback.ts';

const T = 'W';

function pendingNormal(ctx: KernelCtx, s: Uint32Array): boolean {
  const { f } = ctx;
  for (let i = 0; i < ctx.cfg.folios; i++) if (f.ioConvert.is(s, i) && !f.ioReserved.is(s, i)) return true;
  return false;
}

export function endioRules(ctx: KernelCtx): Rule[] {
  const { f, cfg } = ctx;
  const rules: Rule[] = [];
  for (let i = 0; i < cfg.folios; i++) {
    rules.push(
      {
        name: `W ext4_end_bio -> folio_end_writeback f${i} [B.8]`,
        thread: T,
        kernelFunction: 'ext4_end_bio',
        specSection: 'B.8',
        description: 'no unwritten blocks: writeback ends at bio completion',
        guard: (s) => f.folioWriteback.is(s, i) && !f.ioConvert.is(s, i),
        update: (_s, o) => endWriteback(ctx, o, i),
      },
      {
        name: `W ext4_journal_start (conversion) f${i} [B.8]`,
        thread: T,
        kernelFunction: 'ext4_convert_unwritten_io_end_vec',
        specSection: 'B.8',
        description: 'io_end->handle == NULL: normal start, subject to add_transaction_credits waits',
        guard: (s) =>
          !f.wBusy.is(s) && f.ioConvert.is(s, i) && !f.ioReserved.is(s, i) && canStartNormal(ctx, s),
        update: (_s, o) => {
          startHandle(ctx, o, W);
          f.wBusy.set(o, true);
          f.wFolio.set(o, i);
        },
      },
      {
        name: `W jbd2_journal_start_reserved (conversion) f${i} [B.7]`,
        thread: T,
        kernelFunction: 'jbd2_journal_start_reserved',
        specSection: 'B.7',
        description: 'reserved handle: may join T_LOCKED, waits only in T_SWITCH',
        guard: (s) => !f.wBusy.is(s) && f.ioConvert.is(s, i) && f.ioReserved.is(s, i) && canStartReserved(ctx, s),
        update: (_s, o) => {
          startHandle(ctx, o, W);
          f.wBusy.set(o, true);
          f.wFolio.set(o, i);
        },
      },
    );
  }
  rules.push(
    {
      name: 'W add_transaction_credits: log space short [B.7]',
      thread: T,
      kernelFunction: 'add_transaction_credits',
      specSection: 'B.7',
      description: 'jbd2_log_space_left() short: __jbd2_log_wait_for_space kicks a commit and waits for it',
      guard: (s) => !f.wBusy.is(s) && pendingNormal(ctx, s) && canStartNormal(ctx, s) && canFindSpaceShort(ctx, s),
      update: (_s, o) => findSpaceShort(ctx, o),
    },
    {
      name: 'W ext4_end_io_end: convert, stop, folio_end_writeback [B.8]',
      thread: T,
      kernelFunction: 'ext4_end_io_end',
      specSection: 'B.8',
      description: 'UNWRITTEN -> WRITTEN, jbd2_journal_stop (wakes commit), then ext4_release_io_end ends writeback',
      guard: (s) => f.wBusy.is(s),
      update: (s, o) => {
        const i = f.wFolio.get(s);
        convertFolio(ctx, o, i);
        stopHandle(ctx, o, W);
        endWriteback(ctx, o, i);
        f.wBusy.set(o, false);
        f.wFolio.set(o, 0);
      },
    },
  );
  return rules;
}
