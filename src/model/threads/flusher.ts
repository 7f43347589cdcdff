/**
 * The flusher F: background writeback (WB_SYNC_NONE: a folio under writeback is skipped) or
 * sync writeback (fsync, sync_file_range with WAIT: WB_SYNC_ALL locks the folio and waits for
 * writeback in progress), over a folio range, a bounded number of passes.
 *
 * The profile decides the order (spec A.7, C.6; research A1, B1):
 * - folio first (iomap: writeback_iter locks the folio; PG_writeback is set before the
 *   allocation handle when `writebackBitBeforeHandle`; then a normal handle under the lock);
 * - handle first (buffer heads: ext4_journal_start_with_reserve, then
 *   mpage_prepare_extent_to_map locks the folio, waits for writeback in WB_SYNC_ALL while
 *   holding the handle, maps and submits; the io_end takes the reserved handle).
 * A folio that needs no allocation is written without a handle (iomap lookup; ext4 pass 0).
 */
import type { Rule } from '../../explorer/define.ts';
import { canFindSpaceShort, canStartNormal, findSpaceShort, startHandle, stopHandle } from '../jbd2.ts';
import { F, FP, LK, type KernelCtx } from '../state.ts';
import { submitFolio, writebackNeedsHandle } from '../writeback.ts';

const T = 'F';

/** Next folio of the pass; at the end of the range, the pass ends. */
function advance(ctx: KernelCtx, o: Uint32Array): void {
  const { f, cfg } = ctx;
  const first = cfg.actors.flusherFirst ?? 0;
  const last = cfg.actors.flusherLast ?? cfg.folios - 1;
  const c = f.fCursor.get(o) + 1;
  f.fPc.set(o, FP.SCAN);
  if (c <= last) {
    f.fCursor.set(o, c);
    return;
  }
  const left = f.fPassesLeft.get(o) - 1;
  f.fPassesLeft.set(o, left);
  f.fCursor.set(o, first);
  if (left === 0) f.fPc.set(o, FP.DONE);
}

export function flusherRules(ctx: KernelCtx): Rule[] {
  const { f, cfg } = ctx;
  if (cfg.actors.flusher === 'none') return [];
  const sync = cfg.actors.flusher === 'sync';
  const n = cfg.names;
  const mode = sync ? 'WB_SYNC_ALL' : 'WB_SYNC_NONE';
  const reserved = cfg.b.conversionHandle === 'reserved';
  // XFS: the allocation is a transaction taking the ILOCK, not a jbd2 handle.
  const xfs = cfg.b.journal === 'xfs';
  const cur = (s: Uint32Array): number => f.fCursor.get(s);
  const at = (s: Uint32Array, pc: number): boolean => f.fPc.get(s) === pc;
  const dirtyHere = (s: Uint32Array): boolean => f.cached.is(s, cur(s)) && f.dirty.is(s, cur(s));
  /** The folio is not ours to write: clean, absent, or (background) under writeback. */
  const skip = (s: Uint32Array): boolean => !dirtyHere(s) || (!sync && f.folioWriteback.is(s, cur(s)));
  const lockable = (s: Uint32Array): boolean => f.lockedBy.get(s, cur(s)) === LK.NONE;
  const rules: Rule[] = [
    {
      name: `F ${n.writebackLock} (skip folio) [B.8]`,
      thread: T,
      kernelFunction: n.writebackLock,
      specSection: 'B.8',
      description: sync ? 'folio not dirty: nothing to write' : 'folio not dirty, or under writeback (WB_SYNC_NONE): skipped',
      guard: (s) => at(s, FP.SCAN) && skip(s),
      update: (_s, o) => advance(ctx, o),
    },
  ];
  const spaceShort = (atStart: (s: Uint32Array) => boolean): Rule => ({
    name: 'F add_transaction_credits: log space short [B.7]',
    thread: T,
    kernelFunction: 'add_transaction_credits',
    specSection: 'B.7',
    description: 'the writeback handle start finds the log short of space: waits for a (kicked) commit',
    guard: (s) => atStart(s) && canStartNormal(ctx, s) && canFindSpaceShort(ctx, s),
    update: (_s, o) => findSpaceShort(ctx, o),
  });

  if (cfg.b.lockOrder === 'folio-then-handle') {
    const bitFirst = cfg.b.writebackBitBeforeHandle && (cfg.assumptions['writeback-bit-first'] ?? 'yes') === 'yes';
    rules.push(
      {
        name: `F folio_lock (${n.writebackLock}, ${mode}) [C.6]`,
        thread: T,
        kernelFunction: n.writebackLock,
        specSection: 'C.6',
        description: `writeback_iter returns the folio locked${sync ? '; folio_prepare_writeback then waits for writeback in progress' : ''}`,
        guard: (s) => at(s, FP.SCAN) && !skip(s) && lockable(s),
        update: (s, o) => {
          f.lockedBy.set(o, LK.F, cur(s));
          f.fPc.set(o, FP.LOCKED);
        },
      },
      {
        name: `F ${n.writepages}: submit, folio_unlock (no allocation) [B.8]`,
        thread: T,
        kernelFunction: 'iomap_writeback_folio',
        specSection: 'B.8',
        description: 'mapped blocks only (lookup, no handle): folio_start_writeback, post-EOF zeroing, submit, unlock',
        guard: (s) => at(s, FP.LOCKED) && !f.folioWriteback.is(s, cur(s)) && !writebackNeedsHandle(ctx, s, cur(s)),
        update: (s, o) => {
          const c = cur(s);
          submitFolio(ctx, o, c, { reserved: false, mapped: false });
          f.lockedBy.set(o, LK.NONE, c);
          advance(ctx, o);
        },
      },
      {
        name: `F folio_start_writeback, then ${n.writebackMap} [B.8]`,
        thread: T,
        kernelFunction: 'iomap_writeback_folio',
        specSection: 'B.8',
        description: bitFirst
          ? 'PG_writeback set and dirty cleared ("Set the writeback bit ASAP"), then ->writeback_range must allocate: the handle comes next, under the folio lock'
          : '->writeback_range must allocate: the handle comes next, under the folio lock',
        guard: (s) => at(s, FP.LOCKED) && !f.folioWriteback.is(s, cur(s)) && writebackNeedsHandle(ctx, s, cur(s)),
        update: (s, o) => {
          if (bitFirst) {
            f.folioWriteback.set(o, true, cur(s));
            f.dirty.set(o, false, cur(s));
          }
          f.fPc.set(o, FP.HANDLE);
        },
      },
      ...(xfs
        ? [
            {
              name: `F ${n.writebackHandle}: transaction, ILOCK, allocate UNWRITTEN, commit, submit, unlock [B.8]`,
              thread: T,
              kernelFunction: n.writebackHandle,
              specSection: 'B.8',
              description:
                'xfs_map_blocks -> xfs_bmapi_convert_delalloc under the folio lock: tr_write transaction, then ILOCK_EXCL (waits while the zeroer holds it), delalloc (data or COW fork) allocated UNWRITTEN, commit; COW blocks converted for the write (xfs_reflink_convert_cow); submit; unlock',
              guard: (s: Uint32Array) => at(s, FP.HANDLE) && !f.zIlock.is(s),
              update: (s: Uint32Array, o: Uint32Array) => {
                const c = cur(s);
                f.folioWriteback.set(o, false, c);
                submitFolio(ctx, o, c, { reserved: false, mapped: true });
                f.lockedBy.set(o, LK.NONE, c);
                advance(ctx, o);
              },
            } satisfies Rule,
          ]
        : [
            spaceShort((s) => at(s, FP.HANDLE)),
            {
              name: `F ${n.writebackHandle}: ext4_journal_start, allocate, submit, stop, unlock [B.8]`,
              thread: T,
              kernelFunction: n.writebackHandle,
              specSection: 'B.8',
              description: 'normal EXT4_HT_WRITE_PAGE handle under the folio lock (waits on the barrier, in T_LOCKED/T_SWITCH, for log space); DELALLOC allocated UNWRITTEN; submit; stop; unlock',
              guard: (s: Uint32Array) => at(s, FP.HANDLE) && canStartNormal(ctx, s),
              update: (s: Uint32Array, o: Uint32Array) => {
                const c = cur(s);
                startHandle(ctx, o, F);
                // PG_writeback may already be set (bit first): submitFolio sets it again if there is I/O.
                f.folioWriteback.set(o, false, c);
                submitFolio(ctx, o, c, { reserved: false, mapped: true });
                stopHandle(ctx, o, F);
                f.lockedBy.set(o, LK.NONE, c);
                advance(ctx, o);
              },
            } satisfies Rule,
          ]),
    );
  } else {
    rules.push(
      {
        name: `F ${n.writepages} pass 0: folio_lock + submit (mapped, no handle) [B.8]`,
        thread: T,
        kernelFunction: n.writepages,
        specSection: 'B.8',
        description: `already-mapped folio: ${n.writebackLock} locks it${sync ? ', waits for writeback in progress' : ''}, submits and unlocks without a handle`,
        guard: (s) => at(s, FP.SCAN) && !skip(s) && lockable(s) && !f.folioWriteback.is(s, cur(s)) && !writebackNeedsHandle(ctx, s, cur(s)),
        update: (s, o) => {
          submitFolio(ctx, o, cur(s), { reserved: false, mapped: false });
          advance(ctx, o);
        },
      },
      {
        name: `F folio_lock (${n.writebackLock}, pass 0, ${mode}) [B.8]`,
        thread: T,
        kernelFunction: n.writebackLock,
        specSection: 'B.8',
        description: 'pass 0 locks the folio, then waits for the writeback in progress (WB_SYNC_ALL) holding the lock',
        guard: (s) => sync && at(s, FP.SCAN) && !skip(s) && lockable(s) && f.folioWriteback.is(s, cur(s)) && !writebackNeedsHandle(ctx, s, cur(s)),
        update: (s, o) => {
          f.lockedBy.set(o, LK.F, cur(s));
          f.fPc.set(o, FP.LOCKED);
        },
      },
      {
        name: `F ${n.writepages} pass 0: submit, folio_unlock [B.8]`,
        thread: T,
        kernelFunction: n.writepages,
        specSection: 'B.8',
        description: 'writeback in progress ended: submit and unlock',
        guard: (s) => at(s, FP.LOCKED) && !f.folioWriteback.is(s, cur(s)),
        update: (s, o) => {
          const c = cur(s);
          if (f.dirty.is(s, c)) submitFolio(ctx, o, c, { reserved: false, mapped: false });
          f.lockedBy.set(o, LK.NONE, c);
          advance(ctx, o);
        },
      },
      spaceShort((s) => at(s, FP.SCAN) && !skip(s) && writebackNeedsHandle(ctx, s, cur(s))),
      {
        name: `F ${n.writebackHandle} [B.8]`,
        thread: T,
        kernelFunction: n.writebackHandle,
        specSection: 'B.8',
        description: reserved ? 'handle first, with a reserved handle attached for the conversion (normal start: barrier, T_LOCKED/T_SWITCH, log space)' : 'handle first (normal start)',
        guard: (s) => at(s, FP.SCAN) && !skip(s) && writebackNeedsHandle(ctx, s, cur(s)) && canStartNormal(ctx, s),
        update: (_s, o) => {
          startHandle(ctx, o, F);
          f.fRsvAttached.set(o, reserved && (cfg.assumptions['dioread-nolock'] ?? 'yes') === 'yes');
          f.fPc.set(o, FP.HANDLE);
        },
      },
      {
        name: `F folio_lock (${n.writebackLock}, under the handle) [B.8]`,
        thread: T,
        kernelFunction: n.writebackLock,
        specSection: 'B.8',
        description: `mpage_prepare_extent_to_map locks the folio while holding the handle${sync ? ' (WB_SYNC_ALL then waits for writeback in progress, still holding both)' : ''}`,
        guard: (s) => at(s, FP.HANDLE) && lockable(s),
        update: (s, o) => {
          f.lockedBy.set(o, LK.F, cur(s));
          f.fPc.set(o, FP.HANDLE_LOCKED);
        },
      },
      {
        name: `F ${n.writebackMap} + stop + unlock [B.8]`,
        thread: T,
        kernelFunction: n.writebackMap,
        specSection: 'B.8',
        description: 'allocate (UNWRITTEN with dioread_nolock), submit (the io_end takes h_rsv_handle), raise i_disksize, stop, unlock; a folio cleaned meanwhile, or under writeback in WB_SYNC_NONE, is skipped',
        guard: (s) => at(s, FP.HANDLE_LOCKED) && (!sync || !f.folioWriteback.is(s, cur(s))),
        update: (s, o) => {
          const c = cur(s);
          if (dirtyHere(s) && !f.folioWriteback.is(s, c)) submitFolio(ctx, o, c, { reserved: f.fRsvAttached.is(s), mapped: true });
          f.fRsvAttached.set(o, false);
          stopHandle(ctx, o, F);
          f.lockedBy.set(o, LK.NONE, c);
          advance(ctx, o);
        },
      },
    );
  }
  return rules;
}
