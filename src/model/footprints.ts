/**
 * Footprints of the kernel model's rules (src/explorer/model.ts Footprint): per rule, the
 * fields its guard reads, the fields its update reads and writes, and the program-counter
 * value its guard needs (`when`), for partial-order reduction (--por). test/model/footprints
 * checks every declaration with --verify-footprints' traced search over every matrix cell and
 * every 1-block layout (and a sample of 2-block ones) of every profile and version.
 *
 * Why whole fields, not elements: a step indexes blocks and folios through cursors held in
 * the state (fCursor, zPos, wFolio, cCursor), so which element it touches is not known before
 * the state is; a footprint names every element of such a field.
 *
 * Why a table by rule name, not a field on each rule: the rules are spread over the threads'
 * files and several are built per folio or per block with the number in the name; one table
 * keeps the declarations next to each other (a rule's name with its numbers as `#`), and a
 * rule it does not cover simply has no footprint, which --por refuses with the rule's name.
 * The sets were first taken from traced runs and then widened to what the shared helpers can
 * touch (submitFolio, the handle start and stop, the end of writeback), so a path those runs
 * did not take stays inside its declaration. Every `when` is a conjunct of its rule's guard:
 * the thread's program counter (zPc, fPc, bPc, cPhase; the worker's wBusy) or, for the commit
 * steps after T_LOCKED, the transaction state.
 */
import type { Rule } from '../explorer/define.ts';
import type { Footprint } from '../explorer/model.ts';

type When = Readonly<Record<string, string | boolean>>;

/** A footprint from space-separated field lists. */
function fp(guard: string, reads: string, writes: string, when?: When): Footprint {
  const list = (x: string) => (x === '' ? [] : x.split(' '));
  return { guard: list(guard), reads: list(reads), writes: list(writes), ...(when !== undefined ? { when } : {}) };
}

/** Rule name (numbers written `#`) -> footprint. */
const TABLE: ReadonlyArray<readonly [string, Footprint]> = [
  ["Z ext#_punch_hole: offset >= i_size, return [B.#]", fp('iSize zPc', '', 'zPc')],
  ["Z truncate_pagecache_range [B.#]", fp('cached folioWriteback iSize lockedBy zPc', 'cached', 'pc zPc', { zPc: 'PREZERO' })],
  ["Z ext#_journal_start [B.#]", fp('barrier iSize spaceShort tx zPc', 'handleOf tUpdates tx', 'handleOf tUpdates tx zPc', { zPc: 'START' })],
  ["Z add_transaction_credits: log space short [B.#]", fp('barrier iSize spaceShort spaceUsed tx zPc', '', 'commitKick spaceShort spaceUsed', { zPc: 'START' })],
  ["Z filemap_range_needs_writeback [B.#]", fp('iSize zPc', 'cached dirty folioWriteback lockedBy zPos', 'zPc zRangeDirty', { zPc: 'RANGE_DIRTY' })],
  ["Z ext#_map_blocks (->iomap_begin) [B.#]", fp('zPc zPos', 'iSize map zIters zPos', 'zBatch zBatchFlag zIters zKmallocFailed zMapEnd zMapType zPc', { zPc: 'BEGIN' })],
  ["Z iomap_iter (range done) [B.#]", fp('zPc zPos', '', 'zPc', { zPc: 'BEGIN' })],
  ["Z iomap_fill_dirty_folios [B.#]", fp('zPc', 'cached dirty folioWriteback lockedBy zMapEnd zPos', 'zBatch zBatchFlag zMapEnd zPc', { zPc: 'FILL' })],
  ["Z iomap_zero_iter_flush_and_stale [B.#]", fp('zBatchFlag zMapType zPc zRangeDirty', 'zPos', 'zFlushCursor zPc zRangeDirty', { zPc: 'ITER' })],
  ["Z iomap_iter_advance_full (skip mapping) [B.#]", fp('zBatchFlag zMapType zPc zRangeDirty', 'zMapEnd', 'zPc zPos', { zPc: 'ITER' })],
  ["Z iomap_zero_iter (batch folio) [B.#]", fp('lockedBy zBatch zBatchFlag zPc', 'zBatch zMapEnd zPos', 'dirty pc zBatch zPc zPos', { zPc: 'ITER' })],
  ["Z iomap_zero_iter (batch empty: advance_full) [B.#]", fp('zBatch zBatchFlag zPc', 'zMapEnd', 'zPc zPos', { zPc: 'ITER' })],
  ["Z iomap_zero_iter (page cache) [B.#]", fp('lockedBy zBatchFlag zMapType zPc zPos', 'cached disk map zMapEnd zPos', 'cached dirty pc zPc zPos')],
  ["Z ext#_iomap_writepages (WB_SYNC_ALL, in caller task) [B.#]", fp('barrier cached cow dirty folioWriteback handleOf lockedBy map spaceShort tx zFlushCursor zPc', 'cached cow dirty handleOf iDiskSize iSize io map pc zFlushCursor', 'cow cowDisk dirty disk folioWriteback iDiskSize io ioEnd ioReserved map pc wHead zFlushCursor zPc', { zPc: 'FLUSH_WRITE' })],
  ["Z __filemap_fdatawait_range [B.#]", fp('folioWriteback zPc zPos', '', 'zPc', { zPc: 'FLUSH_WAIT' })],
  ["Z ext#_iomap_block_zero_range returns [B.#]", fp('zPc', '', 'zPc zZeroed', { zPc: 'ZERO_DONE' })],
  ["Z ext#_journal_stop [B.#]", fp('zPc', 'handleOf tUpdates tx', 'handleOf tUpdates tx zPc', { zPc: 'STOP' })],
  ["W ext#_iomap_end_bio -> folio_end_writeback f# [B.#]", fp('io', 'cow cowDisk iDiskSize io ioEnd map', 'cow cowDisk disk folioWriteback iDiskSize io ioEnd ioReserved map wHead')],
  ["W ext#_iomap_end_io: ext#_journal_start (normal) f# [B.#]", fp('barrier io ioReserved spaceShort tx wBusy wHead', 'handleOf tUpdates tx', 'handleOf tUpdates tx wBusy wFolio', { wBusy: false })],
  ["W add_transaction_credits: log space short [B.#]", fp('barrier io ioReserved spaceShort spaceUsed tx wBusy wHead', '', 'commitKick spaceShort spaceUsed', { wBusy: false })],
  ["W ext#_iomap_finish_ioend: convert, stop, folio_end_writeback [B.#]", fp('wBusy', 'cow cowDisk handleOf iDiskSize io ioEnd map tUpdates tx wFolio', 'cow cowDisk disk folioWriteback handleOf iDiskSize io ioEnd ioReserved map tUpdates tx wBusy wFolio wHead', { wBusy: true })],
  ["C jbd#_journal_commit_transaction: T_LOCKED [B.#]", fp('barrier cPhase commitKick commitsLeft spaceShort tx', 'commitKick commitsLeft', 'commitKick commitsLeft tx', { cPhase: 'IDLE' })],
  ["C jbd#_journal_wait_updates -> T_SWITCH [B.#]", fp('barrier spaceShort tUpdates tx', '', 'tx', { tx: 'T_LOCKED' })],
  ["C T_FLUSH: wake_up_all(j_wait_transaction_locked) [B.#]", fp('barrier spaceShort tx', 'ordered', 'cCursor cOrdered cPhase commitKick ordered spaceShort tx', { tx: 'T_SWITCH' })],
  ["F writeback_iter (skip folio) [B.#]", fp('cached dirty fCursor fPc folioWriteback', 'fCursor fPassesLeft', 'fCursor fPassesLeft fPc', { fPc: 'SCAN' })],
  ["F folio_lock (writeback_iter, WB_SYNC_NONE) [C.#]", fp('cached dirty fCursor fPc folioWriteback lockedBy', 'fCursor', 'fPc lockedBy', { fPc: 'SCAN' })],
  ["F ext#_iomap_writepages: submit, folio_unlock (no allocation) [B.#]", fp('cow fCursor fPc folioWriteback map', 'cow fCursor fPassesLeft iDiskSize iSize io map pc', 'cow cowDisk dirty disk fCursor fPassesLeft fPc folioWriteback iDiskSize io ioEnd ioReserved lockedBy map pc wHead', { fPc: 'LOCKED' })],
  ["F folio_start_writeback, then ext#_iomap_writeback_range [B.#]", fp('cow fCursor fPc folioWriteback map', 'fCursor', 'dirty fPc folioWriteback', { fPc: 'LOCKED' })],
  ["F add_transaction_credits: log space short [B.#]", fp('barrier cached cow dirty fCursor fPc folioWriteback map spaceShort spaceUsed tx', '', 'commitKick spaceShort spaceUsed')],
  ["F ext#_iomap_map_one_extent: ext#_journal_start, allocate, submit, stop, unlock [B.#]", fp('barrier fPc spaceShort tx', 'cow fCursor fPassesLeft handleOf iDiskSize iSize io map pc tUpdates tx', 'cow cowDisk dirty disk fCursor fPassesLeft fPc folioWriteback handleOf iDiskSize io ioEnd ioReserved lockedBy map pc tUpdates tx wHead', { fPc: 'HANDLE' })],
  ["Z i_size -> # + pagecache_isize_extended [D#]", fp('iSize lockedBy zPc', 'cached dirty iDiskSize iSize zStage', 'iDiskSize iSize pc zFlushCursor zMapEnd zPc zPos zSized zStage', { zPc: 'SIZE' })],
  ["F folio_lock (writeback_iter, WB_SYNC_ALL) [C.#]", fp('cached dirty fCursor fPc lockedBy', 'fCursor', 'fPc lockedBy', { fPc: 'SCAN' })],
  ["B jbd#_journal_lock_updates: j_barrier_count++ [B.#]", fp('bPc', '', 'bPc barrier', { bPc: 'START' })],
  ["B jbd#_journal_lock_updates: reserved handles used [B.#]", fp('bPc fRsvAttached ioReserved', '', 'bPc', { bPc: 'WAIT_RSV' })],
  ["B jbd#_journal_wait_updates (barrier) [B.#]", fp('bPc tUpdates', 'tx', 'bPc commitKick', { bPc: 'WAIT_UPDATES' })],
  ["B jbd#_journal_flush -> jbd#_journal_unlock_updates [B.#]", fp('bPc barrier cPhase spaceShort tx', '', 'bPc barrier commitKick', { bPc: 'FLUSH' })],
  ["Z truncate_setsize(#) [B.#]", fp('cached folioWriteback lockedBy zPc', 'cached iDiskSize zStage', 'cached dirty iDiskSize iSize pc zPc zStage', { zPc: 'SETSIZE' })],
  ["Z ext#_ext_remove_space (blocks from #) [B.#]", fp('zPc', 'zStage', 'cow disk map zPc zStage', { zPc: 'FREE' })],
  ["Z iomap_fill_dirty_folios: kmalloc fails [B.#]", fp('zPc', '', 'zIlock zKmallocFailed zPc', { zPc: 'FILL' })],
  ["Z ext#_journal_start (after zeroing) [B.#]", fp('barrier spaceShort tx zPc', 'cached dirty handleOf tUpdates tx', 'handleOf ordered tUpdates tx zPc', { zPc: 'START_AFTER' })],
  ["Z add_transaction_credits: log space short (after zeroing) [B.#]", fp('barrier spaceShort spaceUsed tx zPc', '', 'commitKick spaceShort spaceUsed', { zPc: 'START_AFTER' })],
  ["Z ext#_iomap_writepages (WB_SYNC_ALL, in caller task) for truncate [B.#]", fp('barrier cached cow dirty folioWriteback handleOf lockedBy map spaceShort tx zPc', 'cached cow dirty handleOf iDiskSize iSize io map pc', 'cow cowDisk dirty disk folioWriteback iDiskSize io ioEnd ioReserved map pc wHead zPc', { zPc: 'TFLUSH_WRITE' })],
  ["Z __filemap_fdatawait_range for truncate [B.#]", fp('folioWriteback zPc', '', 'zPc', { zPc: 'TFLUSH_WAIT' })],
  ["Z __ext#_block_zero_page_range [B.#]", fp('iSize lockedBy zPc zPos', 'cached disk handleOf map zPos', 'cached dirty ordered pc zPc zPos', { zPc: 'BH_ZERO' })],
  ["Z __ext#_block_zero_page_range returns [B.#]", fp('zPc', '', 'zPc zZeroed', { zPc: 'ZERO_DONE' })],
  ["W ext#_end_bio -> folio_end_writeback f# [B.#]", fp('io', 'cow cowDisk iDiskSize io ioEnd map', 'cow cowDisk disk folioWriteback iDiskSize io ioEnd ioReserved map wHead')],
  ["W ext#_end_io_rsv_work: ext#_journal_start (normal) f# [B.#]", fp('barrier io ioReserved spaceShort tx wBusy wHead', 'handleOf tUpdates tx', 'handleOf tUpdates tx wBusy wFolio', { wBusy: false })],
  ["W jbd#_journal_start_reserved f# [B.#]", fp('barrier io ioReserved spaceShort tx wBusy wHead', 'handleOf tUpdates tx', 'handleOf ioReserved tUpdates tx wBusy wFolio', { wBusy: false })],
  ["W ext#_end_io_end: convert, stop, folio_end_writeback [B.#]", fp('wBusy', 'cow cowDisk handleOf iDiskSize io ioEnd map tUpdates tx wFolio', 'cow cowDisk disk folioWriteback handleOf iDiskSize io ioEnd ioReserved map tUpdates tx wBusy wFolio wHead', { wBusy: true })],
  ["C journal_submit_data_buffers: folio_lock [B.#]", fp('cCursor cPhase lockedBy', 'cCursor', 'lockedBy', { cPhase: 'FLUSH_DATA' })],
  ["C journal_submit_data_buffers: submit mapped blocks, folio_unlock [B.#]", fp('cCursor cPhase folioWriteback lockedBy', 'cCursor cOrdered cached cow dirty iDiskSize iSize io map pc', 'cPhase cow cowDisk dirty disk folioWriteback iDiskSize io ioEnd ioReserved lockedBy map pc wHead', { cPhase: 'FLUSH_DATA' })],
  ["C journal_finish_inode_data_buffers [B.#]", fp('cOrdered cPhase folioWriteback', '', 'cCursor cOrdered cPhase commitKick spaceShort', { cPhase: 'WAIT_DATA' })],
  ["F mpage_prepare_extent_to_map (skip folio) [B.#]", fp('cached dirty fCursor fPc folioWriteback', 'fCursor fPassesLeft', 'fCursor fPassesLeft fPc', { fPc: 'SCAN' })],
  ["F ext#_writepages pass #: folio_lock + submit (mapped, no handle) [B.#]", fp('cached cow dirty fCursor fPc folioWriteback lockedBy map', 'cow fCursor fPassesLeft iDiskSize iSize io map pc', 'cow cowDisk dirty disk fCursor fPassesLeft fPc folioWriteback iDiskSize io ioEnd ioReserved map pc wHead', { fPc: 'SCAN' })],
  ["F folio_lock (mpage_prepare_extent_to_map, pass #, WB_SYNC_NONE) [B.#]", fp('cached cow dirty fCursor fPc folioWriteback lockedBy map', 'fCursor', 'fPc lockedBy', { fPc: 'SCAN' })],
  ["F ext#_writepages pass #: submit, folio_unlock [B.#]", fp('fCursor fPc folioWriteback', 'cow dirty fCursor fPassesLeft iDiskSize iSize io map pc', 'cow cowDisk dirty disk fCursor fPassesLeft fPc folioWriteback iDiskSize io ioEnd ioReserved lockedBy map pc wHead', { fPc: 'LOCKED' })],
  ["F ext#_journal_start_with_reserve [B.#]", fp('barrier cached cow dirty fCursor fPc folioWriteback map spaceShort tx', 'handleOf tUpdates tx', 'fPc fRsvAttached handleOf tUpdates tx', { fPc: 'SCAN' })],
  ["F folio_lock (mpage_prepare_extent_to_map, under the handle) [B.#]", fp('fCursor fPc lockedBy', 'fCursor', 'fPc lockedBy', { fPc: 'HANDLE' })],
  ["F mpage_map_and_submit_extent + stop + unlock [B.#]", fp('fCursor fPc folioWriteback', 'cached cow dirty fCursor fPassesLeft fRsvAttached folioWriteback handleOf iDiskSize iSize io map pc tUpdates tx', 'cow cowDisk dirty disk fCursor fPassesLeft fPc fRsvAttached folioWriteback handleOf iDiskSize io ioEnd ioReserved lockedBy map pc tUpdates tx wHead', { fPc: 'HANDLE_LOCKED' })],
  ["F folio_lock (mpage_prepare_extent_to_map, pass #, WB_SYNC_ALL) [B.#]", fp('cached cow dirty fCursor fPc folioWriteback lockedBy map', 'fCursor', 'fPc lockedBy', { fPc: 'SCAN' })],
  ["Z xfs_buffered_write_iomap_begin: ILOCK, lookup (->iomap_begin) [B.#]", fp('zPc zPos', 'cached cow dirty folioWriteback iSize lockedBy map zIters zPos', 'zBatch zBatchFlag zFlushCursor zIlock zIters zKmallocFailed zMapEnd zMapType zPc', { zPc: 'BEGIN' })],
  ["Z iomap_fill_dirty_folios (under the ILOCK), xfs_iunlock [B.#]", fp('zPc', 'cached dirty folioWriteback lockedBy zMapEnd zPos', 'zBatch zBatchFlag zIlock zMapEnd zPc', { zPc: 'FILL' })],
  ["Z filemap_write_and_wait_range (xfs_buffered_write_iomap_begin, ILOCK dropped) [B.#]", fp('cached dirty folioWriteback lockedBy zFlushCursor zPc', 'cached cow dirty iDiskSize iSize io map pc zFlushCursor', 'cow cowDisk dirty disk folioWriteback iDiskSize io ioEnd ioReserved map pc wHead zFlushCursor zPc', { zPc: 'XLIFT_WRITE' })],
  ["Z __filemap_fdatawait_range, goto restart (V# lift) [B.#]", fp('folioWriteback zPc zPos', 'zIters', 'zIters zPc', { zPc: 'XLIFT_WAIT' })],
  ["Z xfs_vm_writepages (WB_SYNC_ALL, in caller task) [B.#]", fp('barrier cached cow dirty folioWriteback handleOf lockedBy map spaceShort tx zFlushCursor zPc', 'cached cow dirty handleOf iDiskSize iSize io map pc zFlushCursor', 'cow cowDisk dirty disk folioWriteback iDiskSize io ioEnd ioReserved map pc wHead zFlushCursor zPc', { zPc: 'FLUSH_WRITE' })],
  ["Z xfs_zero_range returns [B.#]", fp('zPc', 'zStage', 'zPc zStage zZeroed', { zPc: 'ZERO_DONE' })],
  ["Z filemap_write_and_wait_range: writepages (size-flush) [B.#]", fp('cached dirty folioWriteback lockedBy zFlushCursor zPc zStage', 'cached cow dirty iDiskSize iSize io map pc zFlushCursor zMapEnd', 'cow cowDisk dirty disk folioWriteback iDiskSize io ioEnd ioReserved map pc wHead zFlushCursor zPc', { zPc: 'XFLUSH_WRITE' })],
  ["Z __filemap_fdatawait_range (size-flush) [B.#]", fp('folioWriteback zMapEnd zPc zPos zStage', 'iDiskSize iSize zStage', 'iDiskSize zFlushCursor zMapEnd zPc zPos zStage', { zPc: 'XFLUSH_WAIT' })],
  ["F xfs_vm_writepages: submit, folio_unlock (no allocation) [B.#]", fp('cow fCursor fPc folioWriteback map', 'cow fCursor fPassesLeft iDiskSize iSize io map pc', 'cow cowDisk dirty disk fCursor fPassesLeft fPc folioWriteback iDiskSize io ioEnd ioReserved lockedBy map pc wHead', { fPc: 'LOCKED' })],
  ["F folio_start_writeback, then xfs_map_blocks [B.#]", fp('cow fCursor fPc folioWriteback map', 'fCursor', 'dirty fPc folioWriteback', { fPc: 'LOCKED' })],
  ["F xfs_bmapi_convert_delalloc: transaction, ILOCK, allocate UNWRITTEN, commit, submit, unlock [B.#]", fp('fPc zIlock', 'cow fCursor fPassesLeft iDiskSize iSize io map pc', 'cow cowDisk dirty disk fCursor fPassesLeft fPc folioWriteback iDiskSize io ioEnd ioReserved lockedBy map pc wHead', { fPc: 'HANDLE' })],
  ["W xfs_end_bio -> folio_end_writeback f# [B.#]", fp('io', 'cow cowDisk iDiskSize io ioEnd map', 'cow cowDisk disk folioWriteback iDiskSize io ioEnd ioReserved map wHead')],
  ["W xfs_end_io -> xfs_end_ioend_write: ILOCK, convert/remap, setfilesize, folio_end_writeback f# [B.#]", fp('io zIlock', 'cow cowDisk iDiskSize io ioEnd map', 'cow cowDisk disk folioWriteback iDiskSize io ioEnd ioReserved map wHead')],
  ["Z xfs_flush_unmap_range: writepages (shift-flush) [B.#]", fp('cached dirty zFlushCursor zPc zStage', 'cached dirty zFlushCursor zMapEnd', 'zPc', { zPc: 'XFLUSH_WRITE' })],
  ["Z __filemap_fdatawait_range (shift-flush) [B.#]", fp('folioWriteback zMapEnd zPc zPos zStage', 'cached dirty zPos zStage', 'cached pc zPc zStage', { zPc: 'XFLUSH_WAIT' })],
  ["Z xfs_insert_file_space: cancel COW, shift extents from # by # [B.#]", fp('zPc zStage', 'disk map zStage', 'cow disk map zPc zStage', { zPc: 'XSTAGE' })],
  ["Z filemap_write_and_wait_range: writepages (eof-flush) [B.#]", fp('cached dirty folioWriteback lockedBy zFlushCursor zPc zStage', 'cached cow dirty iDiskSize iSize io map pc zFlushCursor zMapEnd', 'cow cowDisk dirty disk folioWriteback iDiskSize io ioEnd ioReserved map pc wHead zPc', { zPc: 'XFLUSH_WRITE' })],
  ["Z __filemap_fdatawait_range (eof-flush) [B.#]", fp('folioWriteback zMapEnd zPc zPos zStage', 'zStage', 'zPc zPos zStage', { zPc: 'XFLUSH_WAIT' })],
  ["Z kmalloc(GFP_KERNEL) -> fs_reclaim -> xfs_reclaim_inodes_nr -> xfs_ilock [C.#]", fp('zIlock zPc', '', 'zPc', { zPc: 'FILL' })],
];

const byPattern = new Map(TABLE.map(([name, f]) => [name, f]));

/** The rule's name with every number written `#`: the table's key. */
export function footprintKey(name: string): string {
  return name.replace(/\d+/g, '#');
}

/** The rules with their declared footprints attached (a rule the table does not name keeps none). */
export function withFootprints(rules: readonly Rule[]): Rule[] {
  return rules.map((r) => {
    const footprint = byPattern.get(footprintKey(r.name));
    return footprint === undefined ? r : { ...r, footprint };
  });
}
