/**
 * Profile `ext4-iomap`: ext4 with Zhang Yi's buffered-I/O-on-iomap series, the kernel the
 * thread is about. The thread-era prototype (July/August 2025) zeroes partial blocks through
 * iomap_zero_range inside the caller's journal handle; the series' `-next v2` (2026-02-03)
 * moves that zeroing out of the handle and WARNs if called under one. Writeback locks the
 * folio first and starts a normal handle under it; the end-I/O worker converts and raises
 * i_disksize under a normal handle; there is no data=ordered mode.
 *
 * Sources: spec S1-S13, S21 and the research notes' R1 (-next v2 13/22), R2 (17/22), R3
 * (07/22), R5 (18/22), R9 (v4 07/23), R27 (iomap_writeback_folio).
 */
import { COMMON_ASSUMPTIONS, counterfactualOverrides } from './shared.ts';
import type { Profile } from './profile.ts';

export const EXT4_IOMAP: Profile = {
  id: 'ext4-iomap',
  title: 'ext4 on iomap (Zhang Yi\'s series: the thread-era prototype and -next v2)',
  summary:
    'Buffered I/O through iomap: writeback_iter locks the folio, PG_writeback is set, then ext4 starts a normal EXT4_HT_WRITE_PAGE handle to allocate (always UNWRITTEN); I/O end converts and raises i_disksize under a normal EXT4_HT_EXT_CONVERT handle, then ends writeback; no data=ordered.',
  cite: 'spec A.7, B.6, B.8 (iomap writeback), C.6; S12, S13; research R1, R2, R3, R5, R9, R27',
  facts: [
    {
      id: 'lock-order',
      text: 'Writeback takes the folio lock (writeback_iter) before it starts the journal handle: folio lock -> transaction start -> i_data_sem.',
      status: 'VERIFIED',
      cite: 'spec A.7 (S13 cover, 07/22, 17/22); R1 (super.c lock-order comment)',
    },
    {
      id: 'writeback-bit',
      text: 'iomap_writeback_folio sets PG_writeback ("Set the writeback bit ASAP") before ->writeback_range starts the allocation handle.',
      status: 'INFERRED',
      cite: 'R27 (iomap_writeback_folio diff context); R1',
    },
    {
      id: 'allocation',
      text: 'Writeback allocates DELALLOC blocks UNWRITTEN whatever dioread_nolock says ("always allocate unwritten blocks"), under the folio lock.',
      status: 'VERIFIED',
      cite: 'R1 (ext4_iomap_map_one_extent: EXT4_GET_BLOCKS_CREATE_UNWRIT_EXT)',
    },
    {
      id: 'writeback-handle',
      text: 'The writeback handle is a normal ext4_journal_start(EXT4_HT_WRITE_PAGE) with no reserved handle attached.',
      status: 'VERIFIED',
      cite: 'R1; spec B.8 ("don\'t use reserved journal handle")',
    },
    {
      id: 'conversion-handle',
      text: 'The end-I/O worker (ext4_iomap_end_io -> ext4_iomap_finish_ioend) starts a normal EXT4_HT_EXT_CONVERT handle, converts UNWRITTEN extents, raises i_disksize, stops the handle, and only then calls iomap_finish_ioends (folio_end_writeback).',
      status: 'VERIFIED',
      cite: 'R1 (page-io.c); settles spec E.7',
    },
    {
      id: 'disksize',
      text: 'An ioend is deferred to the worker when it is UNWRITTEN or extends i_disksize (WRITTEN ones too); others end writeback in bio context.',
      status: 'VERIFIED',
      cite: 'R1 (ext4_iomap_end_bio)',
    },
    {
      id: 'endio-order',
      text: 'The worker takes the inode\'s deferred ioends sorted by file offset (iomap_sort_ioends) in one work item on rsv_conversion_wq: a blocked handle start holds up the later ones.',
      status: 'VERIFIED',
      cite: 'R1 (ext4_iomap_end_io); research "facts that differ" 3, 6',
    },
    {
      id: 'no-ordered',
      text: 'Inodes on the iomap path do not use data=ordered: the commit thread never writes back or waits on their pages.',
      status: 'VERIFIED',
      cite: 'R5 (ext4_should_order_data); R9 (v4 07/23 gives the deadlock it avoids)',
    },
    {
      id: 'zero-path',
      text: 'Partial blocks are zeroed by ext4_iomap_block_zero_range -> iomap_zero_range with ext4_iomap_buffered_zero_begin as ->iomap_begin; the thread-era prototype fills a folio batch for UNWRITTEN mappings below EOF, -next v2 for every UNWRITTEN mapping.',
      status: 'VERIFIED',
      cite: 'spec B.6 (S2 seed, S13 17/22)',
    },
    {
      id: 'zero-handle',
      text: 'The thread-era prototype zeroes inside the caller\'s handle (punch hole, zero range, truncate); -next v2 zeroes before the handle starts and WARNs (-EINVAL) under one; its truncate flushes the zeroed EOF block before the truncate handle.',
      status: 'VERIFIED',
      cite: 'spec B.6, B.9; S13 07/22, 17/22; R2, R3, R4',
    },
    {
      id: 'punch-eof',
      text: 'ext4_punch_hole returns at once when the range starts at or beyond i_size ("No need to punch hole beyond i_size").',
      status: 'VERIFIED',
      cite: 'R30',
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
    journal: 'jbd2',
    ilockAcrossFill: false,
    cowFork: false,
    callers: ['punch', 'zero-range', 'zero-range-extend', 'truncate-down', 'truncate-up'],
  },
  names: {
    writepages: 'ext4_iomap_writepages',
    writebackLock: 'writeback_iter',
    writebackMap: 'ext4_iomap_writeback_range',
    writebackHandle: 'ext4_iomap_map_one_extent',
    endBio: 'ext4_iomap_end_bio',
    endioWork: 'ext4_iomap_end_io',
    endioFinish: 'ext4_iomap_finish_ioend',
    zeroBegin: 'ext4_iomap_buffered_zero_begin',
    zeroEntry: 'ext4_iomap_block_zero_range',
  },
  versions: [
    {
      id: 'V1c',
      title: 'iomap v6.13..v6.18 under the prototype\'s handle',
      description:
        'range_dirty computed once before any lookup; the first HOLE/UNWRITTEN mapping with range_dirty flushes the remaining range (iomap_zero_iter_flush_and_stale), inside the ext4 caller\'s handle. No folio batch.',
      cite: 'spec B.4 V1c; S9, S15; S2 (Zhang 07-19: "I can reproduce the deadlock issue easily without this series")',
    },
    {
      id: 'V2',
      title: 'folio batch as posted (v3..v5, v6.19-rc1), prototype under the handle',
      description:
        "ext4 fills a kmalloc'd folio batch for UNWRITTEN mappings below EOF; fbatch != NULL means batch-driven zeroing (an empty batch skips). kmalloc may fail: iomap falls back to the flush.",
      cite: 'spec B.4 V2, B.5, B.6; S1, S4',
    },
    {
      id: 'V2a',
      title: "V2 + Zhang's tested change (no hole flush)",
      description: 'As V2, but the flush happens only for UNWRITTEN mappings (range_dirty && UNWRITTEN).',
      cite: 'spec B.4 V2a; S2 seed',
    },
    {
      id: 'V3',
      title: 'stack batch + IOMAP_F_FOLIO_BATCH (v6.19-rc5), prototype under the handle',
      description: 'Batch on the stack of iomap_zero_range, no allocation failure; the fill helper sets IOMAP_F_FOLIO_BATCH. Hole flush retained.',
      cite: 'spec B.4 V3; S6',
    },
    {
      id: 'V4',
      title: 'hole flush lifted into XFS (xfs-linux for-next 2026-03), prototype under the handle',
      description: 'As V3, but iomap flushes only for UNWRITTEN mappings without the batch flag and with range_dirty.',
      cite: 'spec B.4 V4; S8 v3 3/8',
    },
    {
      id: 'next-v2',
      title: 'ext4 -next v2 (2026-02-03): zeroing outside the handle, over V3 iomap',
      description:
        'ext4_iomap_block_zero_range runs before the caller starts its handle (WARN under one); the fill helper runs for every UNWRITTEN mapping; truncate flushes the zeroed EOF block before its handle. iomap side V3 (or V4 by assumption).',
      cite: 'spec B.6 -next v2, B.9; S13 07/22, 17/22; R2, R3, R4',
    },
  ],
  foreignVersions: [
    {
      id: 'V0',
      why: 'ext4 on iomap never ran on pre-6.12 iomap (its first posting, 2024-10, is on a 6.12 base): V0 with ext4-iomap is a mix no kernel ships',
      counterfactual: true,
    },
    { id: 'v7.1', why: 'v7.1 is the XFS zero range series (use --profile xfs)', counterfactual: false },
    { id: 'bh-v7.0', why: 'bh-v7.0 is buffer-head ext4 zeroing; ext4-iomap inodes zero through iomap_zero_range (use --profile ext4-bh)', counterfactual: false },
    { id: 'bh-v7.1', why: 'bh-v7.1 is buffer-head ext4 zeroing; ext4-iomap inodes zero through iomap_zero_range (use --profile ext4-bh)', counterfactual: false },
  ],
  assumptions: [
    ...COMMON_ASSUMPTIONS,
    {
      id: 'fill-flag',
      values: ['always', 'if-found'],
      default: 'always',
      description:
        "Whether iomap_fill_dirty_folios marks the batch (V2: fbatch != NULL; V3+: IOMAP_F_FOLIO_BATCH) even when it found no folio ('always', merged code, VERIFIED) or only when it found one ('if-found', Zhang's implied semantics in the C.4 trace, open question E.1).",
      cite: 'spec B.4 V2/V3, C.4, E.1',
    },
    {
      id: 'ext4-fill',
      values: ['by-version', 'below-eof', 'all-unwritten'],
      default: 'by-version',
      description:
        "Which UNWRITTEN mappings ext4's ->iomap_begin fills a batch for. 'by-version': the thread-era prototype (below EOF only) for V2..V4, -next v2 (every UNWRITTEN) for next-v2; pairing the prototype with V3/V4 is INFERRED.",
      cite: 'spec B.6',
    },
    {
      id: 'next-v2-iomap',
      values: ['V3', 'V4'],
      default: 'V3',
      description:
        "iomap side under next-v2: V3 (stack batch, hole flush kept; the -next v2 base, INFERRED from its date) or V4 (hole flush lifted into XFS). Spec D1 expects -next v2 ext4 to hold with either.",
      cite: 'spec D1 expected results; B.4 V3/V4; S13',
    },
    {
      id: 'writeback-bit-first',
      values: ['yes', 'no'],
      default: 'yes',
      description:
        "Whether iomap writeback sets PG_writeback before ext4 starts the allocation handle ('yes', INFERRED from iomap_writeback_folio's \"Set the writeback bit ASAP\") or only at submission ('no').",
      cite: 'R27; research A1 (INFERRED)',
    },
  ],
  overrides: counterfactualOverrides('ext4-iomap'),
};
