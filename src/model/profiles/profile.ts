/**
 * A profile is a coherent kernel: the facts that go together in one filesystem's code path
 * (lock order, handle kinds, allocation policy, which writeback and I/O-end functions run,
 * the names every step prints), with their citations. The model reads behaviour only from the
 * resolved profile, so a trace can never show a fact of another kernel.
 *
 * Inside a profile:
 * - `versions` are the versions of the zeroing code this kernel runs (iomap_zero_range V1c..V4
 *   under the thread-era ext4 prototype; the -next v2 ext4 that zeroes outside the handle; the
 *   buffer-head zeroing of mainline ext4), each with its citation;
 * - `assumptions` are what the spec marks INFERRED or UNVERIFIED within this kernel: switches
 *   whose every value is a kernel someone could run;
 * - `overrides` change a fact of the profile to the value another kernel has: the result is a
 *   mix no kernel ships, refused unless the user asks for a counterfactual run, and labelled
 *   counterfactual wherever it appears.
 *
 * Why a data object and not a class per filesystem: the thread programs are shared (the same
 * iomap_zero_range loop runs under ext4 and XFS); a profile chooses among their behaviours and
 * names them. A third filesystem is a new file here plus its own writeback/end-I/O steps.
 */

export type ProfileId = 'ext4-iomap' | 'ext4-bh' | 'xfs';

/** Status of a fact, as the spec tags it. */
export type FactStatus = 'VERIFIED' | 'INFERRED' | 'UNVERIFIED';

export interface ProfileFact {
  readonly id: string;
  /** The fact, as one sentence a kernel developer can check. */
  readonly text: string;
  readonly status: FactStatus;
  /** Spec section and sources (S1..S21 of the spec, R#/T# of the research notes). */
  readonly cite: string;
}

import type { CallerKind } from '../types.ts';

/**
 * The behaviour the thread programs read. Every field is a fact of the profile (or, when an
 * override is applied, of a counterfactual mix).
 */
export interface ProfileBehaviour {
  /** Writeback: the folio lock before the journal handle (iomap writeback_iter), or after it (ext4_do_writepages). */
  readonly lockOrder: 'folio-then-handle' | 'handle-then-folio';
  /** The handle the end-I/O unwritten conversion starts: a normal one, or the writeback's reserved one. */
  readonly conversionHandle: 'normal' | 'reserved';
  /** Delalloc allocation at writeback: always UNWRITTEN, or UNWRITTEN only with dioread_nolock. */
  readonly allocation: 'always-unwritten' | 'dioread-nolock';
  /** Whether i_disksize is raised at I/O end under a handle (iomap), or in writepages under its handle (buffer head). */
  readonly disksizeAtIoEnd: boolean;
  /** Whether zeroing registers data=ordered ranges that the commit thread writes back in T_FLUSH. */
  readonly dataOrdered: boolean;
  /** Whether writeback sets PG_writeback on the folio before it starts the allocation handle. */
  readonly writebackBitBeforeHandle: boolean;
  /** How the end-I/O worker takes pending completions: by file offset (iomap_sort_ioends) or first in, first out. */
  readonly endioOrder: 'offset' | 'fifo';
  /** How partial blocks are zeroed: through iomap_zero_range, or through buffer heads (no flush, no batch). */
  readonly zeroPath: 'iomap' | 'buffer-head';
  /**
   * The journal: jbd2 (handles, t_updates, the commit thread) or XFS (transactions that never
   * wait for each other in this model, taken only by writeback allocation and I/O completion,
   * each with the ILOCK; zeroing holds no transaction).
   */
  readonly journal: 'jbd2' | 'xfs';
  /** XFS: ->iomap_begin holds the ILOCK across the lookup and the fill (trylock only under it). */
  readonly ilockAcrossFill: boolean;
  /** XFS reflink: blocks may have COW-fork blocks over them (writes and writeback use them). */
  readonly cowFork: boolean;
  /** The zeroing callers this kernel has (the layout sweep's callers). */
  readonly callers: readonly CallerKind[];
}

/** Kernel function names per step kind: what traces print on this profile. */
export interface ProfileNames {
  /** ->writepages of the flusher and of the zeroer's flush. */
  readonly writepages: string;
  /** Where writeback locks the folio (and skips or waits). */
  readonly writebackLock: string;
  /** Where writeback maps and allocates under its handle. */
  readonly writebackMap: string;
  /** The allocation handle start of writeback. */
  readonly writebackHandle: string;
  /** bio completion that ends writeback at once. */
  readonly endBio: string;
  /** The end-I/O work that starts the conversion handle. */
  readonly endioWork: string;
  /** The conversion (and disksize update) under that handle, then folio_end_writeback. */
  readonly endioFinish: string;
  /** ->iomap_begin of the zeroing. */
  readonly zeroBegin: string;
  /** The zeroing entry point the caller calls. */
  readonly zeroEntry: string;
  /** The kernel function of each caller, where it differs from ext4's (CALLER_FUNCTION). */
  readonly callers?: Partial<Readonly<Record<CallerKind, string>>>;
}

/** One version of the zeroing code, as this profile runs it. */
export interface ProfileVersion {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly cite: string;
}

/** A free switch inside the profile (INFERRED or UNVERIFIED, or a mount option). */
export interface AssumptionInfo {
  readonly id: string;
  readonly values: readonly string[];
  readonly default: string;
  readonly description: string;
  readonly cite: string;
}

/**
 * A switch that replaces a fact of the profile with another kernel's value: a counterfactual
 * mix. `values[0]` is the profile's own value.
 */
export interface FactOverride {
  readonly id: string;
  readonly values: readonly string[];
  /** Which profile the other value belongs to, and why it conflicts here. */
  readonly conflict: string;
  readonly cite: string;
  /** Applies the value to the behaviour. */
  apply(b: ProfileBehaviour, value: string): ProfileBehaviour;
}

export interface Profile {
  readonly id: ProfileId;
  readonly title: string;
  readonly summary: string;
  readonly cite: string;
  readonly facts: readonly ProfileFact[];
  readonly behaviour: ProfileBehaviour;
  readonly names: ProfileNames;
  readonly versions: readonly ProfileVersion[];
  /** Versions that exist in other profiles but not in this one, and why (refused, or counterfactual). */
  readonly foreignVersions: readonly { readonly id: string; readonly why: string; readonly counterfactual: boolean }[];
  readonly assumptions: readonly AssumptionInfo[];
  readonly overrides: readonly FactOverride[];
}
