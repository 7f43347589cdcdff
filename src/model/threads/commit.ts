/**
 * The jbd2 commit thread C (spec B.7): a bounded number of timer commits (plus commits kicked
 * by a space-short wait). T_RUNNING -> T_LOCKED (any time: timer) -> wait t_updates == 0 ->
 * T_SWITCH -> T_FLUSH (no running transaction; wakes j_wait_transaction_locked).
 */
import type { Rule } from '../../explorer/define.ts';
import { canCommitFlush, canCommitLock, canCommitSwitch, commitFlush, commitLock, commitSwitch } from '../jbd2.ts';
import type { KernelCtx } from '../state.ts';

const T = 'C';

export function commitRules(ctx: KernelCtx): Rule[] {
  if (!ctx.cfg.withCommit) return [];
  return [
    {
      name: 'C jbd2_journal_commit_transaction: T_LOCKED [B.7]',
      thread: T,
      kernelFunction: 'jbd2_journal_commit_transaction',
      specSection: 'B.7',
      description: 'commit timer (or kick) fires: t_state = T_LOCKED; new normal handles now wait',
      guard: (s) => canCommitLock(ctx, s),
      update: (_s, o) => commitLock(ctx, o),
    },
    {
      name: 'C jbd2_journal_wait_updates -> T_SWITCH [B.7]',
      thread: T,
      kernelFunction: 'jbd2_journal_wait_updates',
      specSection: 'B.7',
      description: 't_updates == 0: T_SWITCH (reserved handles now wait too)',
      guard: (s) => canCommitSwitch(ctx, s),
      update: (_s, o) => commitSwitch(ctx, o),
    },
    {
      name: 'C T_FLUSH: wake_up_all(j_wait_transaction_locked) [B.7]',
      thread: T,
      kernelFunction: 'jbd2_journal_commit_transaction',
      specSection: 'B.7',
      description: 'j_running_transaction = NULL; waiters of T_LOCKED/T_SWITCH and of log space proceed',
      guard: (s) => canCommitFlush(ctx, s),
      update: (_s, o) => commitFlush(ctx, o),
    },
  ];
}
