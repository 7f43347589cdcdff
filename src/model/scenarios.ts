/**
 * The scenarios of spec section C as initial layouts plus thread sets, each with its story.
 *
 * Why thread sets differ: each story needs only some actors (C.1 has no flusher; C.6 needs
 * one). Leaving the others out keeps each state space to a few thousand states, and a
 * verdict then speaks about exactly the interleavings the story is about.
 */
import type { GeneratedLayout, ScenarioId } from './types.ts';

export interface ScenarioInfo {
  readonly id: ScenarioId;
  readonly title: string;
  readonly story: string;
  readonly cite: string;
}

/** How a scenario is set up; the layout may be replaced by a generated one. */
export interface ScenarioSetup {
  readonly layout: GeneratedLayout;
  /** Per block: an extent boundary lies before the block (beyond mapping-type changes). */
  readonly extentBreaks?: readonly number[];
  readonly caller: string;
  /** Whether this caller runs truncate_pagecache_range first (then the pre-zero assumption). */
  readonly callerPreZeroes: boolean;
  /** The caller never holds a journal handle (XFS-like raw iomap_zero_range). */
  readonly neverHandle: boolean;
  readonly newSize: number;
  readonly flusher: { readonly first: number; readonly last: number; readonly passes: number } | undefined;
  readonly commits: number;
  readonly kmallocMayFail: boolean;
}

export const SCENARIOS: readonly ScenarioInfo[] = [
  {
    id: 'C1',
    title: 'core cycle: flush under handle, conversion needs a normal handle',
    story:
      'Folio 0 (2 blocks) is dirty over an UNWRITTEN extent below EOF. The zeroer (ext4 punch hole) starts a handle and zeroes block 0 through iomap_zero_range. Without a batch iomap flushes: ->writepages runs nested in the handle, so the io_end gets no reserved handle; the zeroer then waits on PG_writeback. The commit thread locks the transaction (T_LOCKED) and waits for t_updates == 0; the end-I/O worker needs a handle to convert and waits for T_FLUSH. Threads: Z, W, C.',
    cite: 'spec C.1, C.2; D1/D2 expected results',
  },
  {
    id: 'C3',
    title: '[hhuu] punch: hole flush writes back the unwritten half of the folio',
    story:
      'One dirty folio of 4 blocks, blocks 0-1 HOLE and 2-3 UNWRITTEN. ext4_punch_hole zeroes the page cache, starts a handle and zeroes block 0 (a hole). ext4 fills no batch for a hole, so V1c/V2/V3 flush the remaining range; writeback is per folio, so blocks 2-3 are written and need conversion: the C.1 cycle. V2a/V4 skip holes. Threads: Z, W, C.',
    cite: 'spec C.3; S2 seed',
  },
  {
    id: 'C4',
    title: 'mapping/batch race with sync_file_range',
    story:
      "Two 2-block folios, each dirty over its own UNWRITTEN extent; the zero range [1, 3) takes the second block of folio 0 and the first of folio 1, so the caller's truncate_pagecache_range zeroes both in place and both stay cached and dirty. The zeroer looks up extent 1 at block 1 (no fs lock held), sync_file_range writes back folio 0 and the worker converts it, then the fill helper finds folio 0 clean and leaves it out. With the flag set anyway the extent is skipped (data-integrity hazard unless the caller pre-zeroed); if the flag is set only when folios are found (Zhang's reading) iomap flushes folios 0+1 under the handle: deadlock. Threads: Z, F (sync_file_range over folio 0), W, C.",
    cite: 'spec C.4; S2 (Zhang after 08-05); E.1',
  },
  {
    id: 'C5',
    title: 'kmalloc failure in iomap_fill_dirty_folios',
    story:
      'The C1 layout, but the fill helper\'s kmalloc(GFP_KERNEL) may fail (V2/V2a): fbatch stays NULL, the mapping is not trimmed, and iomap falls back to the flush under the handle: the C.1 cycle. V3+ have no allocation. Threads: Z, W, C.',
    cite: 'spec C.5; S2 (Zhang 07-18, Brian 07-18)',
  },
  {
    id: 'C6',
    title: 'folio lock vs handle order',
    story:
      'Folio 0 is dirty over DELALLOC. The flusher locks folio 0 (writeback_iter) and then needs a handle to allocate; the commit thread has locked the transaction, so it waits for T_FLUSH while holding the folio lock. The zeroer holds its handle and zeroes through the page cache: folio_lock waits for the flusher. The commit waits for the zeroer\'s handle. No flush is involved. Threads: Z, F, W, C.',
    cite: 'spec C.6; S13 07/22, 17/22',
  },
  {
    id: 'EOF',
    title: 'post-EOF mmap write behind the hole flush',
    story:
      'A folio of 2 blocks straddles EOF (i_size = 1 block). Block 1 is a HOLE beyond EOF, dirtied with garbage by an mmap write. The caller (XFS-like size extension, no journal handle) zeroes [1, 2) and then raises i_size to 2 blocks. The hole flush makes writeback zero the post-EOF part; without it (V2a/V4) only pagecache_isize_extended zeroing protects the newly exposed block. Threads: Z, F (one background pass), W.',
    cite: 'spec B.4 V1b rationale (7d9b474ee4cc), D5; S9, S11',
  },
];

export function isScenarioId(s: string): s is ScenarioId {
  return SCENARIOS.some((x) => x.id === s);
}

const C1_LAYOUT: GeneratedLayout = {
  id: 'C1',
  blocks: 2,
  folioBlocks: [2],
  map: ['UNWRITTEN', 'UNWRITTEN'],
  folios: ['dirty'],
  zeroStart: 0,
  zeroEnd: 1,
};

const SETUPS: Readonly<Record<ScenarioId, ScenarioSetup>> = {
  C1: {
    layout: C1_LAYOUT,
    caller: 'ext4_punch_hole',
    callerPreZeroes: true,
    neverHandle: false,
    newSize: 0,
    flusher: undefined,
    commits: 2,
    kmallocMayFail: false,
  },
  C3: {
    layout: {
      id: 'C3',
      blocks: 4,
      folioBlocks: [4],
      map: ['HOLE', 'HOLE', 'UNWRITTEN', 'UNWRITTEN'],
      folios: ['dirty'],
      zeroStart: 0,
      zeroEnd: 1,
    },
    caller: 'ext4_punch_hole',
    callerPreZeroes: true,
    neverHandle: false,
    newSize: 0,
    flusher: undefined,
    commits: 2,
    kmallocMayFail: false,
  },
  C4: {
    // Two 2-block folios, one UNWRITTEN extent each; the zero range [1, 3) covers part of
    // each folio. Why not two whole folios: the caller's truncate_pagecache_range (pre-zero)
    // removes every folio that lies wholly inside its range (truncate_inode_pages_range ->
    // truncate_inode_folio; only the partial folios at the ends are zeroed in place by
    // truncate_inode_partial_folio), so with whole folios nothing would be left in the page
    // cache for sync_file_range to write back, and the trace would not be a kernel one.
    layout: {
      id: 'C4',
      blocks: 4,
      folioBlocks: [2, 2],
      map: ['UNWRITTEN', 'UNWRITTEN', 'UNWRITTEN', 'UNWRITTEN'],
      folios: ['dirty', 'dirty'],
      zeroStart: 1,
      zeroEnd: 3,
    },
    extentBreaks: [2],
    caller: 'ext4_zero_range',
    callerPreZeroes: true,
    neverHandle: false,
    newSize: 0,
    flusher: { first: 0, last: 0, passes: 1 },
    commits: 2,
    kmallocMayFail: false,
  },
  C5: {
    layout: { ...C1_LAYOUT, id: 'C5' },
    caller: 'ext4_punch_hole',
    callerPreZeroes: true,
    neverHandle: false,
    newSize: 0,
    flusher: undefined,
    commits: 2,
    kmallocMayFail: true,
  },
  C6: {
    layout: {
      id: 'C6',
      blocks: 2,
      folioBlocks: [2],
      map: ['DELALLOC', 'DELALLOC'],
      folios: ['dirty'],
      zeroStart: 0,
      zeroEnd: 1,
    },
    caller: 'ext4_punch_hole',
    callerPreZeroes: true,
    neverHandle: false,
    newSize: 0,
    flusher: { first: 0, last: 0, passes: 1 },
    commits: 2,
    kmallocMayFail: false,
  },
  EOF: {
    layout: {
      id: 'EOF',
      blocks: 2,
      folioBlocks: [2],
      map: ['WRITTEN', 'HOLE'],
      folios: ['dirty'],
      zeroStart: 1,
      zeroEnd: 2,
      iSize: 1,
    },
    caller: 'xfs_setattr_size',
    callerPreZeroes: false,
    neverHandle: true,
    newSize: 2,
    flusher: { first: 0, last: 0, passes: 1 },
    commits: 0,
    kmallocMayFail: false,
  },
};

export function scenarioSetup(id: ScenarioId): ScenarioSetup {
  return SETUPS[id];
}
