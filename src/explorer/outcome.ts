/**
 * What a check returns. Types first: every consumer (CLI, matrix, exporters, minimiser)
 * reads these unions, so a verdict can never be a bare boolean or a log line.
 */

/** One step of a counterexample: the action taken and the state after it. */
export interface TraceStep {
  readonly action: number;
  readonly state: Uint32Array;
}

/** A path from an initial state; `steps[i].state` is the state after step i. */
export interface Trace {
  readonly initial: Uint32Array;
  readonly steps: readonly TraceStep[];
}

export type ViolationKind = 'invariant' | 'deadlock' | 'end-check';

export interface Violation {
  /** Property name (`deadlock` for deadlocks). */
  readonly property: string;
  readonly kind: ViolationKind;
  readonly trace: Trace;
}

export interface Stats {
  /** Distinct states stored (in bounded mode: states expanded, revisits included). */
  readonly states: number;
  /** Actions fired (Rumur's "rules fired"). */
  readonly transitions: number;
  /** BFS: deepest level reached; DFS: deepest stack. */
  readonly depth: number;
  readonly wallMs: number;
  readonly statesPerSec: number;
  /** Bytes of the visited set plus parent log, per stored state. */
  readonly bytesPerState: number;
  readonly visitedBytes: number;
  /** Fingerprint mode: TLC's optimistic collision estimate; 0 in exact mode. */
  readonly collisionProbability: number;
  /** Peak resident size of the whole process so far, MB (what `--memory-mb` bounds). */
  readonly peakResidentMb: number;
  readonly search: SearchKind;
  readonly store: StoreKind;
  /** Bitstate runs (src/explorer/bitstate.ts): the table and the coverage estimate. */
  readonly bitstate?: BitstateStats;
  /** The state-space reductions that were active; absent when none was. */
  readonly reductions?: Reductions;
}

/** Which reductions a run used, and what they saved where that is known. */
export interface Reductions {
  readonly symmetry?: SymmetryStats;
  /** Partial-order reduction: what it did (`states` is then the reduced count). */
  readonly por?: PorStats;
}

/** Symmetry reduction (src/explorer/symmetry/): one stored state per orbit. */
export interface SymmetryStats {
  /** The declared sets, by name and size. */
  readonly sets: readonly { readonly name: string; readonly size: number }[];
  /** How the canonical form is computed. */
  readonly method: string;
  /** The group's order (product of n!). */
  readonly groupOrder: number;
  /** Canonical forms computed, and the images built for them (the cost). */
  readonly canonicalizations: number;
  readonly images: number;
  /**
   * Whether the initial states are closed under the permutations. The search is sound either
   * way; without it, the reachable states are not whole orbits and `statesUnreduced` is unknown.
   */
  readonly initialStatesSymmetric: boolean;
  /**
   * The states a search without reduction would store: the sum of the orbit sizes of the
   * stored states. Known only when every stored state was expanded (the search ran to its
   * end), the store is not the bounded cache and the initial states are closed under the
   * permutations.
   */
  readonly statesUnreduced?: number;
}

export type { PorStats } from './por/stubborn.ts';
import { groupedNumber } from './numberText.ts';
import type { PorStats } from './por/stubborn.ts';

export type SearchKind = 'bfs' | 'dfs';
export type StoreKind = 'fingerprint' | 'exact' | 'bounded' | 'bitstate';

/** What a bitstate (Bloom filter) search reports besides the usual statistics. */
export interface BitstateStats {
  /** log2 of the table's size in bits (`--bitstate BITS`). */
  readonly log2Bits: number;
  /** Hash functions (bits set per state, SPIN's -k). */
  readonly hashes: number;
  readonly seed: number;
  /** Bits set at the end. */
  readonly bitsSet: number;
  /** SPIN's hash factor: table bits per stored state (best if > 100). */
  readonly hashFactor: number;
  /** Estimated fraction of the reachable states the search stored (0..1). */
  readonly coverage: number;
  /** Expected number of distinct states the table wrongly took for seen. */
  readonly expectedOmissions: number;
  /** With the `sketch` option: the stored states' HyperLogLog registers (src/explorer/hll.ts). */
  readonly sketch?: Uint8Array;
}

/**
 * Why a run stopped before covering the state space. `limit` is in `unit`, the unit the
 * command line takes: states, BFS levels / DFS stack frames, seconds, MB of resident memory;
 * an interruption has no limit (0, unit '').
 */
export interface LimitHit {
  /** 'bitstate': a bitstate search ran to its end, which never decides that a property holds. */
  readonly kind: 'states' | 'depth' | 'time' | 'memory' | 'aborted' | 'bitstate';
  readonly limit: number;
  readonly unit: 'states' | 'steps' | 's' | 'MB' | 'bits' | '';
}

/** `time limit (60 s)`, `memory limit (200 MB)`, `interruption`: the limit as a person reads it. */
export function limitText(l: LimitHit): string {
  if (l.kind === 'aborted') return 'interruption';
  if (l.kind === 'bitstate') return `bitstate search (2^${l.limit} bits)`;
  const unit = l.unit === 'steps' ? ' steps' : l.unit === 'states' ? ' states' : l.unit === '' ? '' : ` ${l.unit}`;
  return `${l.kind === 'depth' ? 'depth' : l.kind} limit (${groupedNumber(l.limit)}${unit})`;
}

/** Per property: holds (exhaustively), violated (with a trace), or not decided. */
export type PropertyVerdict =
  | { readonly property: string; readonly status: 'holds' }
  | { readonly property: string; readonly status: 'violated'; readonly violation: Violation }
  | { readonly property: string; readonly status: 'incomplete' };

/** The result of one check. `incomplete` is never reported as `holds`. */
export type CheckOutcome =
  | { readonly verdict: 'holds'; readonly properties: readonly PropertyVerdict[]; readonly stats: Stats }
  | {
      readonly verdict: 'violated';
      readonly violations: readonly Violation[];
      readonly properties: readonly PropertyVerdict[];
      readonly stats: Stats;
      /** False when the search stopped at the first violation or at a limit. */
      readonly exhaustive: boolean;
      /** The limit that stopped the search, if one did (properties not violated are then incomplete). */
      readonly limit?: LimitHit;
    }
  | {
      readonly verdict: 'incomplete';
      readonly limit: LimitHit;
      readonly violations: readonly Violation[];
      readonly properties: readonly PropertyVerdict[];
      readonly stats: Stats;
    }
  | { readonly verdict: 'error'; readonly error: ModelError };

/** A failure of the user's model (not of zrcheck): reported, never thrown to the user. */
export interface ModelError {
  readonly code: 'ZR_MODEL_RANGE' | 'ZR_MODEL_INDEX' | 'ZR_MODEL_STRAY_BITS' | 'ZR_MODEL_THROW' | 'ZR_MODEL_SHAPE' | 'ZR_MODEL_SYMMETRY' | 'ZR_MODEL_FOOTPRINT';
  /** One line naming what failed: the rule (guard or update), invariant or end check, and why. */
  readonly message: string;
  /**
   * How the failing state was reached: the path from an initial state to the state in which
   * the failing guard, update or property ran (an update's own step is not in it: it failed).
   * Absent for shape errors found before the search.
   */
  readonly trace?: Trace;
  /** The action whose guard or update failed, if one did. */
  readonly action?: number;
  /** The original error, for `--debug` stacks. */
  readonly cause?: unknown;
}

/** Progress event, emitted every few seconds on long runs. */
export interface Progress {
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly queued: number;
  readonly elapsedMs: number;
  readonly statesPerSec: number;
  /** Resident size of the process, MB (what `--memory-mb` bounds). */
  readonly residentMb: number;
  /** The state limit, when one is set: progress can give an ETA against it. */
  readonly maxStates?: number;
}
