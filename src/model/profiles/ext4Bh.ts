/**
 * Profile `ext4-bh`: mainline ext4 on buffer heads (v6.13..v7.0, and v7.1 which zeroes partial
 * blocks outside the handle). Writeback starts its handle (with a reserved handle for the
 * dioread_nolock conversion) before it locks folios; the end-I/O conversion uses that reserved
 * handle, which may join a locked transaction; zeroing goes through buffer heads: no
 * iomap_zero_range, so no flush and no folio batch; truncate zeroing is data=ordered, written
 * back by the commit thread in T_FLUSH and waited on in T_COMMIT.
 *
 * Sources: spec A.7, B.7, B.8, B.9, C.2 (S14, S16, S17, S18) and research R13, R16, R17, R18,
 * R20, R23, R33, R34.
 */
import { COMMON_ASSUMPTIONS, counterfactualOverrides } from './shared.ts';
import type { Profile } from './profile.ts';

export const EXT4_BH: Profile = {
  id: 'ext4-bh',
  title: 'ext4 on buffer heads (mainline ext4_writepages, reserved conversion handles)',
  summary:
    'ext4_do_writepages starts ext4_journal_start_with_reserve before mpage_prepare_extent_to_map locks folios; the io_end takes the reserved handle for the dioread_nolock conversion (jbd2_journal_start_reserved: joins T_LOCKED, waits only in T_SWITCH); zeroing goes through buffer heads under the handle (v7.0) or before it (v7.1), and truncate zeroing is data=ordered.',
  cite: 'spec A.7, B.7, B.8, B.9, C.2; S14, S16, S17, S18; research R13, R16, R17, R18, R20, R23, R33, R34',
  facts: [
    {
      id: 'lock-order',
      text: 'ext4_do_writepages starts the handle (ext4_journal_start_with_reserve) before mpage_prepare_extent_to_map locks folios: transaction start -> folio lock(s) -> i_data_sem.',
      status: 'VERIFIED',
      cite: 'spec A.7 (S16); R1 (super.c lock-order comment)',
    },
    {
      id: 'reserve',
      text: 'With dioread_nolock the writeback handle carries a reserved handle; mpage_map_one_extent hands it to the io_end (io_end->handle = h_rsv_handle) when it allocates UNWRITTEN.',
      status: 'VERIFIED',
      cite: 'spec B.8; R17',
    },
    {
      id: 'conversion-handle',
      text: 'The conversion (ext4_end_io_rsv_work -> ext4_end_io_end -> ext4_convert_unwritten_io_end_vec) starts the reserved handle with jbd2_journal_start_reserved: it may join a T_LOCKED transaction and waits only in T_SWITCH; then ext4_release_io_end ends writeback.',
      status: 'VERIFIED',
      cite: 'spec B.7, B.8, C.2; R18, R34',
    },
    {
      id: 'dioread-nolock',
      text: 'dioread_nolock is the mount default since 244adf6426ee (v5.6): DELALLOC is allocated UNWRITTEN and converted at I/O end; without it, DELALLOC is allocated WRITTEN and an UNWRITTEN extent (fallocate) is converted in writepages under its handle (EXT4_GET_BLOCKS_CREATE without IO_CREATE_EXT: ext4_ext_handle_unwritten_extents -> ext4_ext_convert_to_initialized), so I/O end converts nothing.',
      status: 'VERIFIED',
      cite: 'R23 (ext4_should_dioread_nolock); settles spec E.6; mpage_map_one_extent and ext4_ext_handle_unwritten_extents (fs/ext4/inode.c, extents.c)',
    },
    {
      id: 'disksize',
      text: 'mpage_map_and_submit_extent raises i_disksize in the writeback handle, after submission; I/O end never touches it.',
      status: 'VERIFIED',
      cite: 'spec A.3 (S16); R17',
    },
    {
      id: 'endio-order',
      text: 'Conversions of an inode are taken first in, first out (i_rsv_conversion_list, one work item); written-only io_ends end writeback in bio context.',
      status: 'VERIFIED',
      cite: 'R18 (ext4_add_complete_io, ext4_end_io_rsv_work)',
    },
    {
      id: 'zero-path',
      text: '__ext4_block_zero_page_range zeroes through buffer heads: __filemap_get_folio(FGP_LOCK|FGP_CREAT) under the handle, no flush, no writeback wait.',
      status: 'INFERRED',
      cite: 'spec B.9 (function body not fully read)',
    },
    {
      id: 'zero-handle',
      text: 'Up to v7.0 every partial-block zeroing caller runs inside its handle; v7.1 (c4602a1d09ec, 1ad0f4282329) moves it, and pagecache_isize_extended, before the handle.',
      status: 'VERIFIED',
      cite: 'spec B.9 (v6.13 text); R13, R16 (2026-04-18 push)',
    },
    {
      id: 'data-ordered',
      text: 'Truncate and EOF zeroing register the zeroed range as data=ordered (ext4_jbd2_inode_add_write); the commit thread writes it back in T_FLUSH (ext4_normal_submit_inode_data_buffers: WB_SYNC_ALL, can_map=0, no handle, locks folios) and waits for it in T_COMMIT.',
      status: 'VERIFIED',
      cite: 'spec B.7, B.9; R16, R17, R20, R33',
    },
    {
      id: 'punch-eof',
      text: 'ext4_punch_hole returns at once when the range starts at or beyond i_size.',
      status: 'VERIFIED',
      cite: 'R30',
    },
  ],
  behaviour: {
    lockOrder: 'handle-then-folio',
    conversionHandle: 'reserved',
    allocation: 'dioread-nolock',
    disksizeAtIoEnd: false,
    dataOrdered: true,
    writebackBitBeforeHandle: false,
    endioOrder: 'fifo',
    zeroPath: 'buffer-head',
    journal: 'jbd2',
    ilockAcrossFill: false,
    cowFork: false,
    callers: ['punch', 'zero-range', 'zero-range-extend', 'truncate-down', 'truncate-up'],
  },
  names: {
    writepages: 'ext4_writepages',
    writebackLock: 'mpage_prepare_extent_to_map',
    writebackMap: 'mpage_map_and_submit_extent',
    writebackHandle: 'ext4_journal_start_with_reserve',
    endBio: 'ext4_end_bio',
    endioWork: 'ext4_end_io_rsv_work',
    endioFinish: 'ext4_end_io_end',
    zeroBegin: '(none: buffer heads)',
    zeroEntry: '__ext4_block_zero_page_range',
  },
  versions: [
    {
      id: 'bh-v7.0',
      title: 'mainline up to v7.0: buffer-head zeroing inside the caller\'s handle',
      description:
        'ext4_zero_partial_blocks(handle, ...) and ext4_block_truncate_page(handle, ...) zero through buffer heads after the caller starts its handle; truncate zeroing is ordered data.',
      cite: 'spec B.9 (S16, S11); R17',
    },
    {
      id: 'bh-v7.1',
      title: 'mainline v7.1: buffer-head zeroing before the handle',
      description:
        '"refactor partial block zero-out for iomap conversion" (c4602a1d09ec, 1ad0f4282329, 3f60efd65412): the zeroing and pagecache_isize_extended run before the caller starts its handle; truncate zeroing stays ordered.',
      cite: 'R13, R16; research "facts that differ" 1',
    },
  ],
  foreignVersions: ['V0', 'V1c', 'V2', 'V2a', 'V3', 'V4', 'next-v2', 'v7.1'].map((id) => ({
    id,
    why: `${id} is a version of iomap_zero_range (or of ext4 on iomap); buffer-head ext4 zeroes through __ext4_block_zero_page_range and never calls iomap_zero_range (use --profile ext4-iomap)`,
    counterfactual: false,
  })),
  assumptions: [
    ...COMMON_ASSUMPTIONS,
    {
      id: 'dioread-nolock',
      values: ['yes', 'no'],
      default: 'yes',
      description:
        "The mount option: 'yes' (the default, VERIFIED) allocates DELALLOC UNWRITTEN at writeback and converts at I/O end with the reserved handle; 'no' (nodioread_nolock, data=journal, nodelalloc) allocates WRITTEN and converts fallocated UNWRITTEN extents in writepages, under its own handle.",
      cite: 'R23; spec A.2, B.8',
    },
  ],
  overrides: counterfactualOverrides('ext4-bh'),
};
