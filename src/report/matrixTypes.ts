/**
 * Types of the verdict matrix: what a cell run asks for, what it returns, and what the matrix
 * files hold. Types first, because three processes (the command, the pool, the cell workers)
 * and two files (matrix.md, matrix.json) must agree on them.
 */
import type { ViolationKind } from '../explorer/outcome.ts';

/** A version x scenario pair run under one assumption setting (non-default values only). */
export interface CellKey {
  readonly scenario: string;
  readonly variant: string;
  /** Assumptions that differ from their defaults; empty for the default row. */
  readonly assumptions: Readonly<Record<string, string>>;
}

/** One run asked of a cell worker. */
export interface CellJob extends CellKey {
  /** file: URL of the catalogue module (kernel model or a test fake), see matrixCatalog.ts. */
  readonly catalogUrl: string;
  /** Property ids to report, in order (e.g. D1, D1-literal, D2, ...). */
  readonly properties: readonly string[];
  /** Per-cell state cap (deterministic, unlike a time limit). */
  readonly maxStates: number;
  /** The catalogue is the kernel model: traces record a replayable kernel source. */
  readonly kernel: boolean;
}

/** The verdict of one property in one cell. */
export type PropertyCell =
  | { readonly status: 'holds' }
  | {
      readonly status: 'violated';
      readonly kind: ViolationKind;
      /** Number of steps of the (BFS-shortest) trace. */
      readonly traceLength: number;
      /** Path of the trace file relative to the results folder (forward slashes). */
      readonly traceFile: string;
      /** One-line wait-for summary (`Z -> W -> C -> Z`), for deadlocks and D1/D8 violations. */
      readonly waitFor?: string;
      /** Edges of that cycle lockdep cannot see (spec C.1 lockdep note); absent without a cycle. */
      readonly lockdepInvisible?: number;
    }
  | { readonly status: 'incomplete' }
  /** The property is not checked by this scenario's model, or the cell cannot be built. */
  | { readonly status: 'n/a'; readonly reason: string };

/** A trace file a cell produced, written by the command (only commands write). */
export interface CellFile {
  readonly path: string;
  readonly content: string;
}

/** What a worker returns for one job. */
export type CellOutcome =
  | {
      readonly kind: 'checked';
      readonly properties: Readonly<Record<string, PropertyCell>>;
      readonly states: number;
      readonly transitions: number;
      readonly depth: number;
      readonly collisionProbability: number;
      /** 'holds' | 'violated' | 'incomplete' of the whole run. */
      readonly verdict: string;
      readonly limit?: string;
      readonly files: readonly CellFile[];
    }
  /** buildKernelModel refused the combination: every property is n/a with this reason. */
  | { readonly kind: 'not-applicable'; readonly reason: string }
  /** The model failed (range error, throw): reported, never hidden. */
  | { readonly kind: 'error'; readonly message: string };

export interface CellResult extends CellKey {
  readonly outcome: CellOutcome;
  /** Wall time of the run: goes to timings.json only, never into the reproducible files. */
  readonly ms: number;
}

/** Expectation of a cell from the thread or the spec. */
export interface Expectation {
  readonly id: string;
  readonly expect: 'holds' | 'violated';
  /** Where it comes from, e.g. `spec D1 "Fails for V1c via C.1, C.3 and C.5"`. */
  readonly cite: string;
  /** 'stated': the spec or thread says it; 'derived': a spec rule applied to this cell. */
  readonly basis: 'stated' | 'derived';
}

/** How a cell's verdict compares with its expectation. */
export type Comparison = 'match' | 'mismatch' | 'no-expectation' | 'unchecked';
