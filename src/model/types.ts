/**
 * Shared vocabulary of the kernel model: block-mapping and content names, the file state a
 * scenario starts from, the callers, the version semantics, and the resolved configuration
 * every module reads.
 *
 * Why one file: the layout, the threads, the setup programs and the properties all speak about
 * the same blocks, folios, callers and versions; keeping the names in one place stops them
 * drifting apart.
 */
import type { ProfileBehaviour, ProfileNames, ResolvedProfile } from './profiles/index.ts';

/** iomap mapping types (spec A.2). Index order is the enum order in the state. */
export const MAP_TYPES = ['HOLE', 'DELALLOC', 'UNWRITTEN', 'WRITTEN'] as const;
export type MapName = (typeof MAP_TYPES)[number];
export const HOLE = 0;
export const DELALLOC = 1;
export const UNWRITTEN = 2;
export const WRITTEN = 3;

/** Content of a block, in page cache or on disk (spec A.8: values {0, D, G}). */
export const CONTENTS = ['zero', 'data', 'stale'] as const;
export type ContentName = (typeof CONTENTS)[number];
export const ZERO = 0;
export const DATA = 1;
export const STALE = 2;

/** Page-cache state of a folio. */
export type FolioInit = 'absent' | 'clean' | 'dirty';

/**
 * A file as it stands before the scenario's threads run: per block its mapping, its on-disk
 * content and (if its folio is cached) its page-cache content; per folio whether it is cached
 * and dirty; the in-memory and on-disk sizes, in blocks. Produced by a setup program
 * (src/model/setup), so only states a real file can be in.
 */
/**
 * COW-fork state of a block (XFS reflink): none; a delalloc reservation (cowextsize
 * preallocation); allocated UNWRITTEN in the COW fork (writeback's allocation); written,
 * waiting for the completion to remap it into the data fork.
 */
export const COW_STATES = ['none', 'delalloc', 'unwritten', 'written'] as const;
export const COW_NONE = 0;
export const COW_DELALLOC = 1;
export const COW_UNWRITTEN = 2;
export const COW_WRITTEN = 3;

export interface FileState {
  /** COW fork per block (XFS reflink; always none elsewhere). */
  readonly cow: readonly number[];
  readonly map: readonly number[];
  readonly disk: readonly number[];
  readonly pc: readonly number[];
  readonly cached: readonly boolean[];
  readonly dirty: readonly boolean[];
  readonly iSize: number;
  readonly iDiskSize: number;
}

/**
 * The caller that zeroes (spec B.9), and what it does around the zeroing:
 * - `punch`: ext4_punch_hole: returns at once when the range starts at or beyond i_size;
 *   truncate_pagecache_range first; zeroes the partial blocks.
 * - `zero-range`: ext4_zero_range with FALLOC_FL_KEEP_SIZE: like punch, no size change.
 * - `zero-range-extend`: ext4_zero_range without KEEP_SIZE: may raise i_size to the range end
 *   (pagecache_isize_extended) after zeroing.
 * - `truncate-down`: truncate_setsize to the new size, then ext4_block_truncate_page zeroes the
 *   new EOF block; data=ordered on buffer heads, a flush before the handle on -next v2.
 * - `truncate-up`: ext4_setattr extending: ext4_block_truncate_page(old size) zeroes what lies
 *   beyond the old EOF in the EOF folio, then the size is raised (pagecache_isize_extended).
 */
export type CallerKind = 'punch' | 'zero-range' | 'zero-range-extend' | 'truncate-down' | 'truncate-up' | 'insert-range';
export const CALLER_KINDS: readonly CallerKind[] = ['punch', 'zero-range', 'zero-range-extend', 'truncate-down', 'truncate-up', 'insert-range'];

/** The kernel function each caller is, on ext4 (a profile's names may say otherwise: ProfileNames.callers). */
export const CALLER_FUNCTION: Readonly<Record<CallerKind, string>> = {
  punch: 'ext4_punch_hole',
  'zero-range': 'ext4_zero_range',
  'zero-range-extend': 'ext4_zero_range',
  'truncate-down': 'ext4_truncate',
  'truncate-up': 'ext4_setattr',
  'insert-range': 'ext4_insert_range',
};

/** A caller with its arguments, in blocks. */
export interface CallerSpec {
  readonly kind: CallerKind;
  /** Zero range [zeroStart, zeroEnd) for punch and zero range; derived for truncate. */
  readonly zeroStart: number;
  readonly zeroEnd: number;
  /** The new i_size for truncate and an extending zero range; unused otherwise. */
  readonly newSize?: number;
  /** The range starts inside block zeroStart (V1c's partial-EOF special case applies). */
  readonly unalignedStart?: boolean;
  /** insert-range: the block at which `zeroEnd - zeroStart` blocks are inserted (below the old size). */
  readonly insertAt?: number;
}

/** The other threads a scenario runs beside the caller. */
export interface ActorSpec {
  /**
   * The flusher: `background` (WB_SYNC_NONE: skips folios under writeback), `sync` (fsync /
   * sync_file_range with WAIT: WB_SYNC_ALL, locks and waits for writeback), or none.
   */
  readonly flusher: 'none' | 'background' | 'sync';
  /** Folios the flusher covers (inclusive) and its passes. */
  readonly flusherFirst?: number;
  readonly flusherLast?: number;
  readonly flusherPasses?: number;
  /** Timer commits of the jbd2 commit thread (0: no commit thread). */
  readonly commits: number;
  /** An updates barrier (EXT4_IOC_CHECKPOINT: jbd2_journal_lock_updates, flush, unlock). */
  readonly barrier: boolean;
  /** Nondeterministic kmalloc failure in iomap_fill_dirty_folios (V2/V2a only). */
  readonly kmallocMayFail: boolean;
}

/** How iomap_zero_range and its ext4 caller behave in a version (spec B.4, B.6, B.9). */
export interface VersionSemantics {
  /** V0: HOLE/UNWRITTEN are always skipped, dirty or not. */
  readonly skipUnwrittenAndHole: boolean;
  /** Folio batch support: none (V0/V1c), kmalloc'd pointer (V2/V2a), stack + flag (V3+). */
  readonly batch: 'none' | 'kmalloc' | 'stack';
  /** Whether a dirty HOLE mapping without batch triggers the flush (false in V2a/V4). */
  readonly holeFlush: boolean;
  /** Whether ext4 runs the zeroing inside the caller's journal handle. */
  readonly underHandle: boolean;
  /** Which UNWRITTEN mappings ext4 fills a batch for: the prototype's below-EOF test or all. */
  readonly fillBelowEofOnly: boolean;
  /** V1c's partial-EOF special case [S10]. */
  readonly partialFirstBlock: boolean;
  /** -next v2 truncate: filemap_write_and_wait_range of the zeroed EOF block before the handle (R2). */
  readonly truncateFlush: boolean;
  /** XFS V4 (3/8): ->iomap_begin flushes a dirty data-fork hole itself, after dropping the ILOCK, and restarts. */
  readonly xfsLift: boolean;
  /** XFS v7.1 (6/8-8/8): a COW-fronted hole within EOF is filled under the ILOCK (no flush for holes). */
  readonly xfsCowBatch: boolean;
  /** XFS v7.1 (4/8): insert range writes back the EOF folio before it raises i_size. */
  readonly xfsInsertEofFlush: boolean;
}

/** Everything a built model depends on, resolved from profile, version, scenario, assumptions, start. */
export interface KernelConfig {
  readonly profile: ResolvedProfile;
  /** The behaviour every thread reads (the profile's facts, or a labelled counterfactual mix). */
  readonly b: ProfileBehaviour;
  /** The kernel function names traces print on this profile. */
  readonly names: ProfileNames;
  readonly scenario: string;
  readonly version: string;
  readonly sem: VersionSemantics;
  /** The profile's assumptions, every one with its value. */
  readonly assumptions: Readonly<Record<string, string>>;
  /** Non-empty: the run is a counterfactual mix, and why. */
  readonly counterfactual: readonly string[];
  /** Static geometry. */
  readonly blocks: number;
  readonly folios: number;
  /** folioOf[b] = folio index of block b. */
  readonly folioOf: readonly number[];
  readonly folioStart: readonly number[];
  readonly folioEnd: readonly number[];
  /** extentStart[b]: an extent boundary lies before block b (lookups stop there). */
  readonly extentStart: readonly boolean[];
  readonly init: FileState;
  readonly caller: CallerSpec;
  readonly actors: ActorSpec;
  /** The caller runs truncate_pagecache_range before zeroing (punch, zero range; pre-zero=yes). */
  readonly preZero: boolean;
  /** The setup program the start comes from (for traces and the layout id). */
  readonly setup: string;
}
