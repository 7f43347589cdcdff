/**
 * jbd2 primitives (spec A.4, B.7): the running transaction's state machine, t_updates,
 * per-thread handles with nesting, reserved handles, and the waits of start_this_handle.
 *
 * Nesting is not a state: a nested start (current->journal_info set) is h_ref++ with no wait
 * and no reserved handle, and in this model it always ends within the same atomic step that
 * began it (the nested ->writepages), so only its effects (no wait, no rsv) are visible.
 */
import { T_LOCKED, T_RUNNING, T_SWITCH, TX_NONE, type KernelCtx } from './state.ts';

/**
 * Whether a normal (non-reserved, non-nested) start can proceed now: add_transaction_credits
 * waits while the running transaction is T_LOCKED or T_SWITCH (woken at T_FLUSH), and while
 * journal space is short (__jbd2_log_wait_for_space).
 */
export function canStartNormal(ctx: KernelCtx, s: Uint32Array): boolean {
  const tx = ctx.f.tx.get(s);
  return (tx === TX_NONE || tx === T_RUNNING) && !ctx.f.spaceShort.is(s);
}

/**
 * Whether a reserved handle can start (jbd2_journal_start_reserved): it skips
 * add_transaction_credits, may join a T_LOCKED transaction and waits only in T_SWITCH.
 */
export function canStartReserved(ctx: KernelCtx, s: Uint32Array): boolean {
  return ctx.f.tx.get(s) !== T_SWITCH;
}

/** start_this_handle's success path: create the running transaction if needed, t_updates++. */
export function startHandle(ctx: KernelCtx, out: Uint32Array, thread: number): void {
  const { f } = ctx;
  if (f.handleOf.is(out, thread)) throw new Error(`thread ${thread} already holds a handle (nesting is atomic)`);
  if (f.tx.get(out) === TX_NONE) f.tx.set(out, T_RUNNING);
  f.tUpdates.set(out, f.tUpdates.get(out) + 1);
  f.handleOf.set(out, true, thread);
}

/** jbd2_journal_stop with h_ref dropping to 0: t_updates--, which wakes a waiting commit. */
export function stopHandle(ctx: KernelCtx, out: Uint32Array, thread: number): void {
  const { f } = ctx;
  if (!f.handleOf.is(out, thread)) throw new Error(`thread ${thread} stops a handle it does not hold`);
  f.tUpdates.set(out, f.tUpdates.get(out) - 1);
  f.handleOf.set(out, false, thread);
}

/** Commit thread, first step: the timer (or a space kick) locks the running transaction. */
export function canCommitLock(ctx: KernelCtx, s: Uint32Array): boolean {
  const { f } = ctx;
  return f.tx.get(s) === T_RUNNING && (f.commitsLeft.get(s) > 0 || f.commitKick.is(s));
}
export function commitLock(ctx: KernelCtx, out: Uint32Array): void {
  const { f } = ctx;
  f.tx.set(out, T_LOCKED);
  if (f.commitKick.is(out)) f.commitKick.set(out, false);
  else f.commitsLeft.set(out, f.commitsLeft.get(out) - 1);
}

/** jbd2_journal_wait_updates: T_LOCKED -> T_SWITCH once t_updates == 0. */
export function canCommitSwitch(ctx: KernelCtx, s: Uint32Array): boolean {
  return ctx.f.tx.get(s) === T_LOCKED && ctx.f.tUpdates.get(s) === 0;
}
export function commitSwitch(ctx: KernelCtx, out: Uint32Array): void {
  ctx.f.tx.set(out, T_SWITCH);
}

/**
 * T_FLUSH: j_running_transaction = NULL and wake_up_all(j_wait_transaction_locked). The
 * committed transaction frees log space, ending a space-short wait.
 */
export function canCommitFlush(ctx: KernelCtx, s: Uint32Array): boolean {
  return ctx.f.tx.get(s) === T_SWITCH;
}
export function commitFlush(ctx: KernelCtx, out: Uint32Array): void {
  const { f } = ctx;
  f.tx.set(out, TX_NONE);
  f.spaceShort.set(out, false);
  f.commitKick.set(out, false);
}

/**
 * add_transaction_credits finds the log short of space (nondeterministic, at most once per
 * run): the starter waits for a commit and kicks one.
 */
export function canFindSpaceShort(ctx: KernelCtx, s: Uint32Array): boolean {
  const { f } = ctx;
  // Without a commit thread nothing could free the space: such a wait would be an artefact.
  return (
    ctx.cfg.withCommit &&
    ctx.cfg.assumptions['journal-space'] === 'may-run-short' &&
    !f.spaceUsed.is(s) &&
    f.tx.get(s) === T_RUNNING
  );
}
export function findSpaceShort(ctx: KernelCtx, out: Uint32Array): void {
  const { f } = ctx;
  f.spaceShort.set(out, true);
  f.spaceUsed.set(out, true);
  f.commitKick.set(out, true);
}
