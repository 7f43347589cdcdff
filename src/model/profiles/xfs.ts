/**
 * Profile `xfs`: the other filesystem that runs the shared iomap_zero_range. XFS never zeroes
 * inside a transaction; its ->iomap_begin holds the ILOCK across the extent lookup and the
 * folio-batch fill (so the fill only trylocks folios); writeback allocates UNWRITTEN under the
 * folio lock in a transaction that takes the ILOCK; I/O completion converts (or remaps COW
 * blocks, or raises the on-disk size) in a transaction that takes the ILOCK, and only then ends
 * writeback. On a reflink inode, COW-fork blocks can lie over a data-fork hole: writes and
 * writeback use them, and completion remaps them into the data fork.
 *
 * Versions are the iomap versions XFS ran (V0 before 7d9b474ee4cc, V1c v6.13-v6.18, V2/V2a/V3
 * of the thread, V4 with the hole flush lifted into XFS) and the xfs-7.1 series that replaced
 * the lifted flush by a folio batch over COW-backed holes.
 *
 * Sources: spec A.2, A.7, B.4, B.6, C.4, C.7 and the research notes' XFS facts (T1-T13 code,
 * M1-M9 mail: /work/research/xfs-facts.md, summarised in the citations below).
 */
import type { Profile } from './profile.ts';

export const XFS: Profile = {
  id: 'xfs',
  title: 'XFS (iomap buffered I/O, reflink/COW, the v7.1 zero range series)',
  summary:
    'Zeroing holds IOLOCK and MMAPLOCK but no transaction; ->iomap_begin holds the ILOCK across lookup and fill; writeback allocates UNWRITTEN under the folio lock (transaction, ILOCK); completion converts or remaps under the ILOCK before folio_end_writeback.',
  cite: 'spec A.2, A.7, B.4, B.6, C.4, C.7; research XFS facts T1-T13, M1-M9',
  facts: [
    {
      id: 'no-transaction',
      text: 'XFS never runs iomap_zero_range inside a transaction: every zeroing caller (setattr size change, extending write, punch, zero range, insert/collapse) zeroes and flushes before it allocates its transaction.',
      status: 'INFERRED',
      cite: 'research XFS 1 (T5 xfs_vn_setattr_size, T6, T9; "File data changes must be complete before we start the transaction")',
    },
    {
      id: 'ilock-fill',
      text: 'xfs_buffered_write_iomap_begin holds ILOCK_EXCL from the data- and COW-fork lookups through iomap_fill_dirty_folios; the fill only trylocks (a folio it cannot lock is presumed dirty); the batch folios are locked later, after the ILOCK is dropped.',
      status: 'VERIFIED',
      cite: 'research XFS 2 (T1; M8 filemap_get_folios_dirty; Brian M6 aQySlxEJAHY5vVaC)',
    },
    {
      id: 'lock-order',
      text: 'Lock order: IOLOCK -> MMAPLOCK -> folio lock -> transaction (log reservation) -> ILOCK ("folio lookup -> folio lock -> ILOCK", Dave Chinner).',
      status: 'INFERRED',
      cite: 'research XFS 2c (M6 aQu8B63pEAzGRAkj; T5 comment "page lock->log space reservation")',
    },
    {
      id: 'allocation',
      text: 'Writeback allocates data-fork delalloc UNWRITTEN (XFS_BMAPI_PREALLOC) in xfs_bmapi_convert_delalloc: a tr_write transaction, then ILOCK_EXCL, with the folio locked.',
      status: 'VERIFIED',
      cite: 'research XFS 1 (T2 xfs_map_blocks, T8 xfs_bmapi_convert_one_delalloc)',
    },
    {
      id: 'completion',
      text: 'xfs_end_io (one work item per inode on xfs-conv, ioends sorted by offset) runs xfs_iomap_write_unwritten or xfs_reflink_end_cow, then xfs_setfilesize, each a transaction taking ILOCK_EXCL, and only then iomap_finish_ioends -> folio_end_writeback; ioends needing none of these end in bio context.',
      status: 'VERIFIED',
      cite: 'research XFS 1, 7b-c (T2 xfs_end_ioend_write, xfs_ioend_needs_wq_completion; T3; T10)',
    },
    {
      id: 'cow-over-hole',
      text: 'On a reflink inode COW-fork blocks (cowextsize preallocation) can lie over a data-fork hole; a later write uses them (the data fork stays a hole), writeback writes into them and completion remaps them into the data fork. Before the v7.1 series ->iomap_begin reports such a range as HOLE for zeroing.',
      status: 'VERIFIED',
      cite: 'research XFS 3 (M4 3/8 pre-image xfs_hole_to_iomap; 8/8 log; T7 xfs_reflink_end_cow; T13 cowextsize hint)',
    },
    {
      id: 'lift',
      text: 'V4 (a35bb0dec955, 3/8): iomap flushes only UNWRITTEN mappings without a batch; for zeroing over a data-fork hole XFS checks filemap_range_needs_writeback on the requested range, and if dirty drops the ILOCK, filemap_write_and_wait_range, and restarts the lookup.',
      status: 'VERIFIED',
      cite: 'research XFS 4 (M4 3/8 diff)',
    },
    {
      id: 'v7.1-cow',
      text: 'xfs-7.1 series (6/8-8/8, 388bb26b3d33): a hole fronted by COW blocks within EOF is filled (under the ILOCK); with dirty folios it is reported as the COW mapping with the batch, clean as a HOLE with the batch flag (skipped); at or past EOF a hole gets no batch and no flush ("no zeroing beyond eof").',
      status: 'VERIFIED',
      cite: 'research XFS 3, 4 (T1 final code; M4 6/8, 7/8, 8/8)',
    },
    {
      id: 'insert-eof-flush',
      text: 'xfs-7.1 insert range (c35a3e273e86, 4/8) writes back the EOF folio before it raises i_size: with the size raised first, writeback of a dirty EOF folio can remap a post-EOF COW block into the data fork, which the shift then moves past EOF (a written post-EOF block: generic/363\'s zero-range WARN).',
      status: 'VERIFIED',
      cite: 'research XFS 5 (M4 4/8 log and T6 code; M1 Brian 2025-08-05)',
    },
    {
      id: 'no-journal-info',
      text: 'XFS transactions no longer set current->journal_info and xfs_vm_writepages has no transaction-context check (removed 2024).',
      status: 'VERIFIED',
      cite: 'research XFS 9 (M7; T2)',
    },
  ],
  behaviour: {
    lockOrder: 'folio-then-handle',
    conversionHandle: 'normal',
    allocation: 'always-unwritten',
    disksizeAtIoEnd: true,
    dataOrdered: false,
    writebackBitBeforeHandle: true,
    endioOrder: 'offset',
    zeroPath: 'iomap',
    journal: 'xfs',
    ilockAcrossFill: true,
    cowFork: true,
    callers: ['truncate-down', 'truncate-up', 'zero-range-extend', 'insert-range'],
  },
  names: {
    writepages: 'xfs_vm_writepages',
    writebackLock: 'writeback_iter',
    writebackMap: 'xfs_map_blocks',
    writebackHandle: 'xfs_bmapi_convert_delalloc',
    endBio: 'xfs_end_bio',
    endioWork: 'xfs_end_io',
    endioFinish: 'xfs_end_ioend_write',
    zeroBegin: 'xfs_buffered_write_iomap_begin',
    zeroEntry: 'xfs_zero_range',
    callers: {
      'truncate-down': 'xfs_vn_setattr_size',
      'truncate-up': 'xfs_vn_setattr_size',
      'zero-range-extend': 'xfs_file_write_zero_eof',
      'insert-range': 'xfs_falloc_insert_range',
      punch: 'xfs_free_file_space',
      'zero-range': 'xfs_falloc_zero_range',
    },
  },
  versions: [
    {
      id: 'V0',
      title: 'iomap before 7d9b474ee4cc: HOLE and UNWRITTEN skipped',
      description: 'The iomap XFS ran until 2024: zeroing skips HOLE and UNWRITTEN mappings, dirty or not (the stale-data bug c5c810b94cfd fixed).',
      cite: 'spec B.4 V0; S9',
    },
    {
      id: 'V1c',
      title: 'iomap v6.13..v6.18: flush for dirty HOLE/UNWRITTEN',
      description: 'range_dirty computed once; a dirty HOLE or UNWRITTEN mapping flushes the remaining range (after ->iomap_begin dropped the ILOCK). No batch.',
      cite: 'spec B.4 V1c; S10',
    },
    {
      id: 'V2',
      title: 'folio batch as posted (kmalloc under the ILOCK)',
      description: 'XFS fills a kmalloc\'d batch for UNWRITTEN within EOF, under the ILOCK: the fs_reclaim lockdep report (C.7); the hole flush stays.',
      cite: 'spec B.4 V2, C.7; research XFS 8',
    },
    {
      id: 'V2a',
      title: 'V2 without the hole flush (Zhang\'s change)',
      description: 'As V2, but iomap flushes only UNWRITTEN mappings; XFS does nothing for holes (what Brian reported breaks generic/363).',
      cite: 'spec B.4 V2a; M1',
    },
    {
      id: 'V3',
      title: 'stack batch, IOMAP_F_FOLIO_BATCH (v6.19-rc5)',
      description: 'No allocation; the hole flush in iomap stays.',
      cite: 'spec B.4 V3; S6',
    },
    {
      id: 'V4',
      title: 'hole flush lifted into XFS (3/8, a35bb0dec955)',
      description: 'iomap flushes only UNWRITTEN without a batch; XFS flushes a dirty data-fork hole itself after dropping the ILOCK, then restarts the lookup.',
      cite: 'spec B.4 V4; research XFS 4 (M4 3/8)',
    },
    {
      id: 'v7.1',
      title: 'the xfs-7.1 zero range series (3/8-8/8)',
      description: 'COW-fronted holes within EOF get a batch (reported as the COW mapping when dirty); no flush for holes anywhere; insert range writes back the EOF folio before raising i_size (4/8).',
      cite: 'research XFS 3, 4, 5 (M4 4/8, 6/8, 7/8, 8/8; M5 xfs-7.1-merge)',
    },
  ],
  foreignVersions: [
    { id: 'next-v2', why: 'next-v2 is an ext4 series (zeroing outside the ext4 handle); XFS never zeroes in a transaction (use --profile ext4-iomap)', counterfactual: false },
    { id: 'bh-v7.0', why: 'bh-v7.0 is buffer-head ext4 (use --profile ext4-bh)', counterfactual: false },
    { id: 'bh-v7.1', why: 'bh-v7.1 is buffer-head ext4 (use --profile ext4-bh)', counterfactual: false },
  ],
  assumptions: [
    {
      id: 'isize-zeroing',
      values: ['yes', 'no'],
      default: 'yes',
      description:
        "Whether a size extension zeroes the exposed post-EOF part of a cached, dirty EOF folio (pagecache_isize_extended from truncate_setsize, 52aecaee1c26) or not (UNVERIFIED 2026 report for large folios).",
      cite: 'spec D5, S11; research XFS 6',
    },
    {
      id: 'fill-flag',
      values: ['always', 'if-found'],
      default: 'always',
      description: "Whether iomap_fill_dirty_folios marks the batch even when it found no folio ('always', merged code) or only when it found one ('if-found', E.1).",
      cite: 'spec B.4, E.1',
    },
    {
      id: 'conversion-ilock',
      values: ['yes', 'no'],
      default: 'yes',
      description:
        "Whether the I/O-completion conversion (and COW remap, setfilesize) takes the ILOCK ('yes': spec INFERRED, research VERIFIED in xfs_iomap_write_unwritten -> xfs_trans_alloc_inode) or not.",
      cite: 'spec A.2, B.6; research XFS 2b (T1, T12)',
    },
    {
      id: 'kmalloc-reclaim',
      values: ['lockdep-only', 'blocks'],
      default: 'lockdep-only',
      description:
        "V2's kmalloc(GFP_KERNEL) under the ILOCK enters fs reclaim: 'lockdep-only' (Dave Chinner: a false positive, reclaim locks only unreferenced inodes) or 'blocks' (reclaim waits for the ILOCK the allocating task holds: what the lockdep report would mean if it were real).",
      cite: 'spec C.7; research XFS 8 (M6)',
    },
  ],
  overrides: [
    {
      id: 'ilock-across-fill',
      values: ['yes', 'no'],
      conflict: 'ilock-across-fill=no is a kernel no one ships: xfs_buffered_write_iomap_begin holds the ILOCK from the lookup through iomap_fill_dirty_folios (VERIFIED, T1)',
      cite: 'research XFS 2a, 7 (T1)',
      apply: (b, value) => ({ ...b, ilockAcrossFill: value === 'yes' }),
    },
  ],
};
