/**
 * The updates barrier B: an EXT4_IOC_CHECKPOINT caller (research B5): jbd2_journal_lock_updates
 * raises j_barrier_count (new normal handles now wait; reserved ones do not), waits until every
 * reserved handle handed out has been used (j_reserved_credits == 0), then until t_updates == 0;
 * jbd2_journal_flush commits the running transaction and waits for it; then
 * jbd2_journal_unlock_updates.
 */
import type { Rule } from '../../explorer/define.ts';
import { reservedOutstanding } from '../jbd2.ts';
import { BP, CP, TX_NONE, type KernelCtx } from '../state.ts';

const T = 'B';

export function barrierRules(ctx: KernelCtx): Rule[] {
  const { f, cfg } = ctx;
  if (!cfg.actors.barrier) return [];
  return [
    {
      name: 'B jbd2_journal_lock_updates: j_barrier_count++ [B.7]',
      thread: T,
      kernelFunction: 'jbd2_journal_lock_updates',
      specSection: 'B.7',
      description: 'EXT4_IOC_CHECKPOINT: new normal handles wait from now on',
      guard: (s) => f.bPc.get(s) === BP.START,
      update: (_s, o) => {
        f.barrier.set(o, true);
        f.bPc.set(o, BP.WAIT_RSV);
      },
    },
    {
      name: 'B jbd2_journal_lock_updates: reserved handles used [B.7]',
      thread: T,
      kernelFunction: 'jbd2_journal_lock_updates',
      specSection: 'B.7',
      description: 'wait_event(j_wait_reserved, j_reserved_credits == 0): every reserved handle handed out has started',
      guard: (s) => f.bPc.get(s) === BP.WAIT_RSV && !reservedOutstanding(ctx, s),
      update: (_s, o) => f.bPc.set(o, BP.WAIT_UPDATES),
    },
    {
      name: 'B jbd2_journal_wait_updates (barrier) [B.7]',
      thread: T,
      kernelFunction: 'jbd2_journal_wait_updates',
      specSection: 'B.7',
      description: 't_updates == 0; then jbd2_journal_flush commits the running transaction',
      guard: (s) => f.bPc.get(s) === BP.WAIT_UPDATES && f.tUpdates.get(s) === 0,
      update: (s, o) => {
        if (f.tx.get(s) !== TX_NONE) f.commitKick.set(o, true);
        f.bPc.set(o, BP.FLUSH);
      },
    },
    {
      name: 'B jbd2_journal_flush -> jbd2_journal_unlock_updates [B.7]',
      thread: T,
      kernelFunction: 'jbd2_journal_unlock_updates',
      specSection: 'B.7',
      description: 'the commit is done (jbd2_log_wait_commit): j_barrier_count--, waiters woken',
      guard: (s) => f.bPc.get(s) === BP.FLUSH && (cfg.actors.commits === 0 || (f.tx.get(s) === TX_NONE && f.cPhase.get(s) === CP.IDLE)),
      update: (_s, o) => {
        f.barrier.set(o, false);
        f.commitKick.set(o, false);
        f.bPc.set(o, BP.DONE);
      },
    },
  ];
}
