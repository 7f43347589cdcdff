/**
 * The scenarios of spec section C as setup programs plus a caller and the other threads, each
 * with its story. A scenario's start is what its setup program leaves (src/model/setup), so it
 * is a state a real file can be in; the same scenario runs on every profile, which then shows
 * what each kernel does with it.
 *
 * Why thread sets differ: each story needs only some actors (C.1 has no flusher; C.6 needs
 * one). Leaving the others out keeps each state space small, and a verdict then speaks about
 * exactly the interleavings the story is about; the layout sweep adds the rest.
 *
 * The setups themselves (folios, setup program, caller, actors) are in scenarioSetups.ts.
 */
import type { ProfileBehaviour } from './profiles/index.ts';
import { scenarioSetup, type ScenarioId } from './scenarioSetups.ts';

export type { ScenarioId } from './scenarioSetups.ts';

export interface ScenarioInfo {
  readonly id: ScenarioId;
  readonly title: string;
  readonly story: string;
  readonly cite: string;
}

export const SCENARIOS: readonly ScenarioInfo[] = [
  {
    id: 'C1',
    title: 'core cycle: flush under handle, conversion needs a normal handle',
    story:
      'fallocate 2 blocks, write them: one dirty folio over an UNWRITTEN extent below EOF. The caller punches block 0: truncate_pagecache_range, then (prototype) its handle, then iomap_zero_range. Without a batch iomap flushes: ->writepages runs nested in the handle and the zeroer waits on PG_writeback; the commit locks the transaction and waits for t_updates == 0; the end-I/O worker needs a normal handle to convert and waits for T_FLUSH. Threads: Z, W, C.',
    cite: 'spec C.1, C.2; D1/D2 expected results',
  },
  {
    id: 'C1-EOF',
    title: 'UNWRITTEN beyond EOF: no batch is filled, the flush runs under the handle',
    story:
      "fallocate KEEP_SIZE 2 blocks, write block 0: one dirty folio whose second block is UNWRITTEN beyond EOF. The caller zeroes block 1 (zero range, KEEP_SIZE). The thread-era ext4 prototype fills a batch only below EOF, so iomap sees a dirty UNWRITTEN mapping without a batch and flushes under the handle in every version: the C.1 cycle by the unwritten-without-batch route. -next v2 fills every UNWRITTEN mapping and zeroes outside the handle. Threads: Z, W, C.",
    cite: 'spec D1 ("With V4 alone ... fails via UNWRITTEN-without-batch (C.1)"), B.6 (fill below EOF)',
  },
  {
    id: 'C3',
    title: '[hhuu] punch: the hole flush writes back the unwritten half of the folio',
    story:
      'fallocate and write 4 blocks in one folio, then punch blocks 0-1: the folio stays dirty over [HOLE HOLE UNWRITTEN UNWRITTEN] (the thread\'s [hhhhuuuu] at half the size). The caller punches block 0 (a hole). ext4 fills no batch for a hole, so V1c/V2/V3 flush the remaining range; writeback is per folio, so blocks 2-3 are written and need conversion: the C.1 cycle. V2a/V4 skip holes. Threads: Z, W, C.',
    cite: 'spec C.3; S2 seed',
  },
  {
    id: 'C4',
    title: 'mapping/batch race with sync_file_range',
    story:
      "Two 2-block folios, each dirty over its own UNWRITTEN extent; zero range (KEEP_SIZE) [1, 3) takes the second block of folio 0 and the first of folio 1, so truncate_pagecache_range zeroes both in place. The zeroer looks up extent 1 at block 1 (no fs lock held), sync_file_range writes back folio 0 and the worker converts it, then the fill helper finds folio 0 clean and leaves it out. With the flag set anyway the extent is skipped (a data-integrity hazard unless the caller pre-zeroed); with the flag set only when folios are found (Zhang's reading) iomap flushes under the handle. Threads: Z, F (sync_file_range over folio 0), W, C.",
    cite: 'spec C.4; S2 (Zhang 2025-08-06, 9c09377d-...@huaweicloud.com); E.1',
  },
  {
    id: 'C5',
    title: 'kmalloc failure in iomap_fill_dirty_folios',
    story: "The C1 start, but the fill helper's kmalloc(GFP_KERNEL) may fail (V2/V2a): fbatch stays NULL, the mapping is not trimmed, and iomap falls back to the flush under the handle: the C.1 cycle. V3+ have no allocation. Threads: Z, W, C.",
    cite: 'spec C.5; S2 (Zhang 07-18, Brian 07-18)',
  },
  {
    id: 'C6',
    title: 'folio lock vs handle order',
    story:
      "Write 2 blocks: a dirty folio over DELALLOC. The flusher locks the folio (writeback_iter) and then needs a handle to allocate; the commit has locked the transaction, so it waits for T_FLUSH holding the folio lock. The zeroer holds its handle and zeroes through the page cache: folio_lock waits for the flusher; the commit waits for the zeroer's handle. No flush is involved. Threads: Z, F, W, C.",
    cite: 'spec C.6; S13 07/22, 17/22',
  },
  {
    id: 'MIXED',
    title: 'a folio over UNWRITTEN and DELALLOC: the presumed-dirty batch folio',
    story:
      "fallocate block 0, then write blocks 0-1: one dirty folio over [UNWRITTEN DELALLOC]. The caller punches block 0. The fill puts the dirty folio in the batch; meanwhile the flusher locks it and needs a handle to allocate the DELALLOC block, and the commit has locked the transaction. iomap_zero_iter blocks on the batch folio's lock while the zeroer holds its handle; the commit waits for that handle. V2..V4 all keep the folio in the batch. Threads: Z, F (one background pass), W, C.",
    cite: 'spec B.5 (presumed dirty), C.6; issue 8 (layout V4:2:UD:d:0-1:eof2)',
  },
  {
    id: 'EOF',
    title: 'post-EOF mmap store, then truncate up',
    story:
      "Write block 0 of a 2-block folio (i_size 1 block) and write it back; an mmap store then leaves garbage in the post-EOF block 1 and dirties the folio. The caller extends the file to 2 blocks (ext4_setattr): ext4_block_truncate_page zeroes what lies past the old EOF, then pagecache_isize_extended. The hole flush would have had writeback zero the post-EOF part; without it (V2a/V4) only the zeroing and pagecache_isize_extended protect the newly exposed block. Threads: Z, F (one background pass), W, C.",
    cite: 'spec B.4 V1b rationale (7d9b474ee4cc), D5; S9, S11',
  },
  {
    id: 'ISIZE',
    title: 'truncate up inside the EOF folio: pagecache_isize_extended under the handle',
    story:
      "Write block 0 of a 2-block folio (i_size 1, the folio dirty). The caller truncates up to 2 blocks: its handle, the zeroing of the old EOF block's tail, then i_size and pagecache_isize_extended, which locks the EOF folio, still under the handle in the thread-era prototype. A background flusher has locked that folio and waits in T_LOCKED to start its allocation handle; the commit waits for the caller's handle. v7.1 moved pagecache_isize_extended out of the handle (1ad0f4282329); -next v2 zeroes and extends before its handle. Found by the 2-block layout sweep (layout 2:U1-2>2:bg:w0-1). Threads: Z, F (one background pass), W, C.",
    cite: 'research A3, R13 (1ad0f4282329 "move pagecache_isize_extended() out of active handle"); spec D5, C.6',
  },
  {
    id: 'SYNC',
    title: 'fsync beside the zeroer: WB_SYNC_ALL waits for writeback holding the folio lock',
    story:
      'The C1 start with fsync running: sync writeback locks the folio and waits for writeback in progress while holding the lock (buffer heads: also holding its handle). Whatever the zeroer submits or locks, the sync flusher may hold the folio it needs. Threads: Z, F (WB_SYNC_ALL, two passes), W, C.',
    cite: 'spec B.2 (3), D1 scope note; research B1, A1 (folio_prepare_writeback)',
  },
  {
    id: 'BARRIER',
    title: 'the updates barrier instead of a commit: EXT4_IOC_CHECKPOINT',
    story:
      'The C1 start while another task runs EXT4_IOC_CHECKPOINT: jbd2_journal_lock_updates blocks new normal handles and waits for t_updates == 0; a reserved handle passes it, a normal conversion handle waits. No timer commit: the barrier\'s own jbd2_journal_flush commits. Threads: Z, W, C, B.',
    cite: 'spec A.4 (j_barrier_count), B.7; research B5',
  },
  {
    id: 'TRUNC',
    title: 'truncate down with a dirty EOF block: data=ordered at commit',
    story:
      'Write 2 blocks and write them back, then overwrite them (dirty over WRITTEN). The caller truncates to 1 block: truncate_setsize, then ext4_block_truncate_page zeroes the new EOF block; on buffer heads that block is data=ordered, written back by the commit thread in T_FLUSH (locking the folio) and waited on in T_COMMIT; -next v2 flushes it before the truncate handle. Threads: Z, F (one background pass), W, C.',
    cite: 'spec B.9 (S12 19/27), D4 crash note; research A3, B4',
  },
  {
    id: 'X-COW',
    title: 'XFS: dirty data over a COW-backed data-fork hole, truncate down into it',
    story:
      "A reflink file: COW preallocation over blocks 0-1 (data-fork holes), then write 0-2: the data goes to the COW blocks and the data fork stays a hole. The caller truncates to 1 block: xfs_truncate_page zeroes the new EOF block's tail first. Before the v7.1 series ->iomap_begin reports the range as a HOLE: the hole flush (V1c-V3) writes the folio back, the completion remaps the COW blocks, and the restarted lookup zeroes WRITTEN blocks; V2a skips the dirty hole; V4 flushes it in XFS; v7.1 fills a batch over the COW-fronted hole. Threads: Z, F (one background pass), W.",
    cite: 'research XFS 3, 4 (M4 3/8, 8/8 log: "historically been reported as a hole to iomap, which then has grown a flush hack")',
  },
  {
    id: 'X-EOF',
    title: "XFS: generic/363's post-EOF block: insert range over a dirty EOF folio with post-EOF COW blocks",
    story:
      "Write block 0 (i_size 1) of a 2-block folio, COW preallocation over blocks 1-2 (past EOF), an mmap store past EOF (the EOF folio dirty). The caller inserts one block at 0: xfs_falloc_setsize zeroes [1, 2) at the old size, raises i_size, flushes; xfs_prepare_shift flushes and unmaps, cancels COW, and the shift moves block 1 to block 2. If writeback ran with the raised i_size over the still-dirty folio, it wrote block 1 into its COW block and the completion remapped it: the shift leaves a WRITTEN block past EOF (generic/363's later zero-range WARN). The hole flush (V1c-V3), the V4 lift and v7.1's EOF flush (4/8) write the folio back at the old size first. Threads: Z, W. (INFERRED: Brian's account reduced to one insert; research XFS 5.)",
    cite: 'research XFS 5 (M1 Brian 2025-08-05; M4 4/8 c35a3e273e86; T6 xfs_falloc_insert_range)',
  },
  {
    id: 'X-C4',
    title: "XFS: the mapping/batch race of C.4 under the ILOCK (Brian's argument)",
    story:
      "fallocate 0-2 and write 0-2: one dirty folio over an UNWRITTEN extent. The caller truncates to 1 block: xfs_truncate_page zeroes block 0's tail over UNWRITTEN, with no page-cache pre-zeroing. A background flusher writes the folio back and the completion converts the extent. XFS holds the ILOCK from the lookup through the fill, and the conversion needs the ILOCK: the fill sees the folio dirty, locked or under writeback, or the lookup already sees WRITTEN. The counterfactual ilock-across-fill=no drops the ILOCK between them: the race of C.4. Threads: Z, F (one background pass), W.",
    cite: 'spec C.4, D6, C.7; research XFS 7 (T1, T2, M1, M6)',
  },
];

/**
 * Why a scenario does not apply to a kernel, or undefined when it does: its setup program must
 * run there (a COW preallocation needs a reflink inode) and its caller must be one of that
 * kernel's zeroing callers (XFS punch and zero range flush and unmap before they zero).
 */
export function scenarioApplies(id: ScenarioId, b: ProfileBehaviour, profileId: string): string | undefined {
  const setup = scenarioSetup(id);
  if (setup.only !== undefined && !setup.only.includes(profileId)) return `scenario ${id} is a story about ${setup.only.join(', ')}, not ${profileId}`;
  if (!b.callers.includes(setup.caller.kind)) {
    return `scenario ${id} zeroes through ${setup.caller.kind}, which profile ${profileId} does not model (its zeroing callers: ${b.callers.join(', ')})`;
  }
  if (!b.cowFork && setup.program.some((op) => op.op === 'cow-prealloc')) return `scenario ${id} needs COW-fork blocks (reflink), which profile ${profileId} has not`;
  return undefined;
}

/** The scenarios a kernel runs (those whose setup and caller apply to it). */
export function scenariosFor(profile: { readonly id: string; readonly behaviour: ProfileBehaviour }): ScenarioInfo[] {
  return SCENARIOS.filter((s) => scenarioApplies(s.id, profile.behaviour, profile.id) === undefined);
}

export function isScenarioId(s: string): s is ScenarioId {
  return SCENARIOS.some((x) => x.id === s);
}
