/**
 * The jbd2 commit thread C (spec B.7; research B4, C): a bounded number of timer commits
 * (plus commits kicked by a space-short wait or the barrier). T_RUNNING -> T_LOCKED -> wait for
 * t_updates == 0 -> T_SWITCH -> T_FLUSH (no running transaction; wakes j_wait_transaction_locked).
 * With data=ordered ranges (buffer heads), journal_submit_data_buffers then locks each ordered
 * folio and writes it back with no handle (WB_SYNC_ALL, can_map = 0: only mapped blocks go
 * out), and in T_COMMIT journal_finish_inode_data_buffers waits for their writeback.
 */
import type { Rule } from '../../explorer/define.ts';
import { canCommitFlush, canCommitLock, canCommitSwitch, commitDone, commitFlush, commitLock, commitSwitch } from '../jbd2.ts';
import { C, CP, LK, type KernelCtx } from '../state.ts';
import { DELALLOC, UNWRITTEN } from '../types.ts';
import { folioHasMap } from '../pagecache.ts';
import { submitFolio } from '../writeback.ts';

const T = 'C';

export function commitRules(ctx: KernelCtx): Rule[] {
  const { f, cfg } = ctx;
  if (cfg.actors.commits === 0) return [];
  const rules: Rule[] = [
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
      description: 'j_running_transaction = NULL; waiters of T_LOCKED/T_SWITCH and of log space proceed (a new transaction may start)',
      guard: (s) => canCommitFlush(ctx, s),
      update: (_s, o) => commitFlush(ctx, o),
    },
  ];
  if (!cfg.b.dataOrdered) return rules;
  const cur = (s: Uint32Array): number => f.cCursor.get(s);
  const nextOrdered = (s: Uint32Array, from: number): number => {
    for (let i = from; i < cfg.folios; i++) if (f.cOrdered.is(s, i)) return i;
    return -1;
  };
  rules.push(
    {
      name: 'C journal_submit_data_buffers: folio_lock [B.7]',
      thread: T,
      kernelFunction: 'ext4_normal_submit_inode_data_buffers',
      specSection: 'B.7',
      description: 'T_FLUSH: ordered writeback (WB_SYNC_ALL, can_map = 0, no handle) locks the ordered folio',
      guard: (s) => f.cPhase.get(s) === CP.FLUSH_DATA && f.lockedBy.get(s, cur(s)) === LK.NONE,
      update: (s, o) => f.lockedBy.set(o, LK.C, cur(s)),
    },
    {
      name: 'C journal_submit_data_buffers: submit mapped blocks, folio_unlock [B.7]',
      thread: T,
      kernelFunction: 'ext4_normal_submit_inode_data_buffers',
      specSection: 'B.7',
      description: 'after waiting for writeback in progress: submit if every block is mapped (DELALLOC/UNWRITTEN cannot be mapped here and stay dirty), unlock',
      guard: (s) => f.cPhase.get(s) === CP.FLUSH_DATA && f.lockedBy.get(s, cur(s)) === LK.C && !f.folioWriteback.is(s, cur(s)),
      update: (s, o) => {
        const i = cur(s);
        if (f.cached.is(s, i) && f.dirty.is(s, i) && !folioHasMap(ctx, s, i, DELALLOC) && !folioHasMap(ctx, s, i, UNWRITTEN)) {
          submitFolio(ctx, o, i, { reserved: false, mapped: false });
        }
        f.lockedBy.set(o, LK.NONE, i);
        const next = nextOrdered(s, i + 1);
        if (next >= 0) f.cCursor.set(o, next);
        else f.cPhase.set(o, CP.WAIT_DATA);
      },
    },
    {
      name: 'C journal_finish_inode_data_buffers [B.7]',
      thread: T,
      kernelFunction: 'jbd2_journal_finish_inode_data_buffers',
      specSection: 'B.7',
      description: 'T_COMMIT: filemap_fdatawait_range_keep_errors on the ordered ranges; then the commit completes (log space freed)',
      guard: (s) => {
        if (f.cPhase.get(s) !== CP.WAIT_DATA) return false;
        for (let i = 0; i < cfg.folios; i++) if (f.cOrdered.is(s, i) && f.folioWriteback.is(s, i)) return false;
        return true;
      },
      update: (_s, o) => commitDone(ctx, o),
    },
  );
  return rules;
}

export { C };
