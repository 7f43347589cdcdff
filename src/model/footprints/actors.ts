/**
 * Footprints of the other threads' rules: the flusher (`F`), the I/O-completion worker (`W`),
 * the jbd2 commit thread (`C`) and the barrier (`B`), by rule name with numbers written `#`
 * (index.ts).
 */
import type { Footprint } from '../../explorer/model.ts';
import { fp } from './fp.ts';

export const ACTOR_FOOTPRINTS: ReadonlyArray<readonly [string, Footprint]> = [
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
  ["F folio_lock (writeback_iter, WB_SYNC_ALL) [C.#]", fp('cached dirty fCursor fPc lockedBy', 'fCursor', 'fPc lockedBy', { fPc: 'SCAN' })],
  ["B jbd#_journal_lock_updates: j_barrier_count++ [B.#]", fp('bPc', '', 'bPc barrier', { bPc: 'START' })],
  ["B jbd#_journal_lock_updates: reserved handles used [B.#]", fp('bPc fRsvAttached ioReserved', '', 'bPc', { bPc: 'WAIT_RSV' })],
  ["B jbd#_journal_wait_updates (barrier) [B.#]", fp('bPc tUpdates', 'tx', 'bPc commitKick', { bPc: 'WAIT_UPDATES' })],
  ["B jbd#_journal_flush -> jbd#_journal_unlock_updates [B.#]", fp('bPc barrier cPhase spaceShort tx', '', 'bPc barrier commitKick', { bPc: 'FLUSH' })],
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
  ["F xfs_vm_writepages: submit, folio_unlock (no allocation) [B.#]", fp('cow fCursor fPc folioWriteback map', 'cow fCursor fPassesLeft iDiskSize iSize io map pc', 'cow cowDisk dirty disk fCursor fPassesLeft fPc folioWriteback iDiskSize io ioEnd ioReserved lockedBy map pc wHead', { fPc: 'LOCKED' })],
  ["F folio_start_writeback, then xfs_map_blocks [B.#]", fp('cow fCursor fPc folioWriteback map', 'fCursor', 'dirty fPc folioWriteback', { fPc: 'LOCKED' })],
  ["F xfs_bmapi_convert_delalloc: transaction, ILOCK, allocate UNWRITTEN, commit, submit, unlock [B.#]", fp('fPc zIlock', 'cow fCursor fPassesLeft iDiskSize iSize io map pc', 'cow cowDisk dirty disk fCursor fPassesLeft fPc folioWriteback iDiskSize io ioEnd ioReserved lockedBy map pc wHead', { fPc: 'HANDLE' })],
  ["W xfs_end_bio -> folio_end_writeback f# [B.#]", fp('io', 'cow cowDisk iDiskSize io ioEnd map', 'cow cowDisk disk folioWriteback iDiskSize io ioEnd ioReserved map wHead')],
  ["W xfs_end_io -> xfs_end_ioend_write: ILOCK, convert/remap, setfilesize, folio_end_writeback f# [B.#]", fp('io zIlock', 'cow cowDisk iDiskSize io ioEnd map', 'cow cowDisk disk folioWriteback iDiskSize io ioEnd ioReserved map wHead')],
];
