/**
 * Shared vocabulary of the kernel model: version and scenario ids, block-mapping and content
 * names, and the resolved configuration every module reads.
 *
 * Why one file: the layout, the threads, the properties and the generator all speak about the
 * same blocks, folios and versions; keeping the names in one place stops them drifting apart.
 */

export type VersionId = 'V0' | 'V1c' | 'V2' | 'V2a' | 'V3' | 'V4' | 'ext4-outside';
export type ScenarioId = 'C1' | 'C3' | 'C4' | 'C5' | 'C6' | 'EOF';

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

/** Initial page-cache state of a folio. */
export type FolioInit = 'absent' | 'clean' | 'dirty';

/**
 * A small initial layout: blocks, how they group into folios, their mappings, the folios'
 * cache state and the zero range (block-granular, [zeroStart, zeroEnd)).
 */
export interface GeneratedLayout {
  readonly id: string;
  readonly blocks: number;
  /** Blocks per folio, in file order; sums to `blocks`; 1 or 2 folios of 1..4 blocks. */
  readonly folioBlocks: readonly number[];
  readonly map: readonly MapName[];
  readonly folios: readonly FolioInit[];
  readonly zeroStart: number;
  readonly zeroEnd: number;
  /** i_size in blocks; defaults to `blocks`. */
  readonly iSize?: number;
  /** The range starts inside block zeroStart (V1c's partial-EOF special case applies). */
  readonly unalignedStart?: boolean;
}

/** How iomap_zero_range behaves in a version (spec B.4). */
export interface VersionSemantics {
  /** V0: HOLE/UNWRITTEN are always skipped, dirty or not. */
  readonly skipUnwrittenAndHole: boolean;
  /** Folio batch support: none (V0/V1c), kmalloc'd pointer (V2/V2a), stack + flag (V3+). */
  readonly batch: 'none' | 'kmalloc' | 'stack';
  /** Whether a dirty HOLE mapping without batch triggers the flush (false in V2a/V4). */
  readonly holeFlush: boolean;
  /** Whether ext4 runs the zeroing inside the caller's journal handle. */
  readonly underHandle: boolean;
  /** Thread-era ext4 prototype fills the batch only below EOF; -next v2 for every UNWRITTEN. */
  readonly fillBelowEofOnly: boolean;
  /**
   * V1c's partial-EOF special case [S10]: an unaligned, dirty first block is zeroed through the
   * page cache whatever its mapping, before range_dirty is computed for the rest.
   */
  readonly partialFirstBlock: boolean;
}

/** Everything a built model depends on, resolved from scenario, version, assumptions, layout. */
export interface KernelConfig {
  readonly scenario: string;
  readonly version: VersionId;
  readonly sem: VersionSemantics;
  readonly assumptions: Readonly<Record<string, string>>;
  /** Static geometry. */
  readonly blocks: number;
  readonly folios: number;
  /** folioOf[b] = folio index of block b. */
  readonly folioOf: readonly number[];
  readonly folioStart: readonly number[];
  readonly folioEnd: readonly number[];
  /** extentStart[b]: an extent boundary lies before block b (lookups stop there). */
  readonly extentStart: readonly boolean[];
  /** Initial per-block state. */
  readonly initMap: readonly number[];
  readonly initDisk: readonly number[];
  readonly initPc: readonly number[];
  readonly initFolio: readonly FolioInit[];
  readonly iSize: number;
  readonly zeroStart: number;
  readonly zeroEnd: number;
  readonly unalignedStart: boolean;
  /** EOF scenario: i_size after the extension that follows the zeroing (0: no extension). */
  readonly newSize: number;
  /** The zeroing runs inside the caller's journal handle (version and caller). */
  readonly underHandle: boolean;
  /** Caller runs truncate_pagecache_range before zeroing (spec B.9). */
  readonly preZero: boolean;
  /** Threads present. */
  readonly withFlusher: boolean;
  /** Flusher range (folios, inclusive) and passes. */
  readonly flusherFirst: number;
  readonly flusherLast: number;
  readonly flusherPasses: number;
  readonly withCommit: boolean;
  readonly commits: number;
  /** Nondeterministic kmalloc failure in iomap_fill_dirty_folios (V2/V2a only). */
  readonly kmallocMayFail: boolean;
  /** The caller, for trace text: punch hole, truncate, zero range, setattr. */
  readonly caller: string;
}
