/**
 * jbd2 primitives (spec A.4, B.7; research notes C): the running transaction's state machine,
 * t_updates, per-thread handles with nesting, reserved handles, the updates barrier, log
 * space, and the commit thread's data=ordered phase after T_FLUSH.
 *
 * Nesting is not a state: a nested start (current->journal_info set) is h_ref++ with no wait
 * and no reserved handle, and in this model it always ends within the same atomic step that
 * began it (the nested ->writepages), so only its effects (no wait, no rsv) are visible.
 */
import { CP, handleSlot, T_LOCKED, T_RUNNING, T_SWITCH, TX_NONE, type KernelCtx } from './state.ts';

/**
 * Whether a normal (non-reserved, non-nested) start can proceed now: start_this_handle waits
 * on the barrier (j_barrier_count), and add_transaction_credits waits while the running
 * transaction is T_LOCKED or T_SWITCH (woken at T_FLUSH) and while log space is short.
 */
export function canStartNormal(ctx: KernelCtx, s: Uint32Array): boolean {
  const { f } = ctx;
  const tx = f.tx.get(s);
  return (tx === TX_NONE || tx === T_RUNNING) && !f.spaceShort.is(s) && !f.barrier.is(s);
}

/**
 * Whether a reserved handle can start (jbd2_journal_start_reserved): it skips the barrier and
 * add_transaction_credits, may join a T_LOCKED transaction and waits only in T_SWITCH.
 */
export function canStartReserved(ctx: KernelCtx, s: Uint32Array): boolean {
  return ctx.f.tx.get(s) !== T_SWITCH;
}

/** start_this_handle's success path: create the running transaction if needed, t_updates++. */
export function startHandle(ctx: KernelCtx, out: Uint32Array, thread: number): void {
  const { f } = ctx;
  const slot = handleSlot(thread);
  if (f.handleOf.is(out, slot)) throw new Error(`thread ${thread} already holds a handle (nesting is atomic)`);
  if (f.tx.get(out) === TX_NONE) f.tx.set(out, T_RUNNING);
  f.tUpdates.set(out, f.tUpdates.get(out) + 1);
  f.handleOf.set(out, true, slot);
}

/** jbd2_journal_stop with h_ref dropping to 0: t_updates--, which wakes a waiting commit. */
export function stopHandle(ctx: KernelCtx, out: Uint32Array, thread: number): void {
  const { f } = ctx;
  const slot = handleSlot(thread);
  if (!f.handleOf.is(out, slot)) throw new Error(`thread ${thread} stops a handle it does not hold`);
  f.tUpdates.set(out, f.tUpdates.get(out) - 1);
  f.handleOf.set(out, false, slot);
}

export function holdsHandle(ctx: KernelCtx, s: Uint32Array, thread: number): boolean {
  return ctx.f.handleOf.is(s, handleSlot(thread));
}

/** Commit thread, first step: the timer (or a kick) locks the running transaction; one commit at a time. */
export function canCommitLock(ctx: KernelCtx, s: Uint32Array): boolean {
  const { f } = ctx;
  return f.tx.get(s) === T_RUNNING && f.cPhase.get(s) === CP.IDLE && (f.commitsLeft.get(s) > 0 || f.commitKick.is(s));
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
 * transaction's data=ordered ranges move with it (journal_submit_data_buffers writes them
 * next); without any, the commit completes here and frees log space.
 */
export function canCommitFlush(ctx: KernelCtx, s: Uint32Array): boolean {
  return ctx.f.tx.get(s) === T_SWITCH;
}
export function commitFlush(ctx: KernelCtx, out: Uint32Array): void {
  const { f, cfg } = ctx;
  f.tx.set(out, TX_NONE);
  let ordered = false;
  for (let i = 0; i < cfg.folios; i++) {
    if (f.ordered.is(out, i)) {
      f.ordered.set(out, false, i);
      f.cOrdered.set(out, true, i);
      ordered = true;
    }
  }
  if (ordered) {
    f.cPhase.set(out, CP.FLUSH_DATA);
    f.cCursor.set(out, firstOrdered(ctx, out));
  } else commitDone(ctx, out);
}

/** The committed transaction is on disk: log space it pinned can be reclaimed. */
export function commitDone(ctx: KernelCtx, out: Uint32Array): void {
  const { f, cfg } = ctx;
  f.cPhase.set(out, CP.IDLE);
  f.cCursor.set(out, 0);
  for (let i = 0; i < cfg.folios; i++) f.cOrdered.set(out, false, i);
  f.spaceShort.set(out, false);
  f.commitKick.set(out, false);
}

export function firstOrdered(ctx: KernelCtx, s: Uint32Array): number {
  for (let i = 0; i < ctx.cfg.folios; i++) if (ctx.f.cOrdered.is(s, i)) return i;
  return 0;
}

/**
 * add_transaction_credits finds the log short of space (nondeterministic, at most once per
 * run): the starter waits for a commit and kicks one.
 */
export function canFindSpaceShort(ctx: KernelCtx, s: Uint32Array): boolean {
  const { f, cfg } = ctx;
  // Without a commit thread nothing could free the space: such a wait would be an artefact.
  return cfg.actors.commits > 0 && cfg.assumptions['journal-space'] === 'may-run-short' && !f.spaceUsed.is(s) && f.tx.get(s) === T_RUNNING && !f.barrier.is(s);
}
export function findSpaceShort(ctx: KernelCtx, out: Uint32Array): void {
  const { f } = ctx;
  f.spaceShort.set(out, true);
  f.spaceUsed.set(out, true);
  f.commitKick.set(out, true);
}

/** Reserved handles handed out and not yet started (j_reserved_credits > 0): what the barrier drains first. */
export function reservedOutstanding(ctx: KernelCtx, s: Uint32Array): boolean {
  const { f, cfg } = ctx;
  if (f.fRsvAttached.is(s)) return true;
  for (let i = 0; i < cfg.folios; i++) if (f.ioReserved.is(s, i)) return true;
  return false;
}
