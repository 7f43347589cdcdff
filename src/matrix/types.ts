/**
 * Types of the verdict matrix: what a cell run asks for, what it returns, and what the matrix
 * files hold. Types first, because three processes (the command, the pool, the cell workers)
 * and two files (matrix.md, matrix.json) must agree on them.
 *
 * A cell is one coherent kernel (a profile and one of its versions, with its assumption
 * setting) on one scenario. A counterfactual cell (a version or fact of no real kernel) says
 * so in its key, so every file that shows it can label it.
 */
import type { ViolationKind } from '../explorer/outcome.ts';

export interface CellKey {
  readonly profile: string;
  readonly scenario: string;
  readonly variant: string;
  /** Assumptions that differ from their defaults; empty for the default row. */
  readonly assumptions: Readonly<Record<string, string>>;
  /** A mix no kernel ships (labelled wherever it appears). */
  readonly counterfactual?: boolean;
}

/** One run asked of a cell worker. */
export interface CellJob extends CellKey {
  /**
   * The catalogue module (the kernel's, or a test fake), see catalog.ts: a file URL in the
   * plan, a model ref (src/jobs/modelRef.ts, `src/kernel/catalog.ts`) in a job's payload.
   */
  readonly catalogUrl: string;
  /** Property ids to report, in order (e.g. D1, D1-literal, D2, ...). */
  readonly properties: readonly string[];
  /** Per-cell state cap (deterministic, unlike a time limit). */
  readonly maxStates: number;
  /** Check with partial-order reduction (`matrix --por`). */
  readonly por?: boolean;
}

/** The verdict of one property (or one mechanism of it) in one cell. */
export type PropertyCell =
  | { readonly status: 'holds' }
  | {
      readonly status: 'violated';
      readonly kind: ViolationKind;
      /** Number of steps of the (BFS-shortest) trace. */
      readonly traceLength: number;
      /** Path of the trace file relative to the results folder (forward slashes). */
      readonly traceFile: string;
      /** The named way it broke (src/properties/kernel/mechanisms.ts), when the catalogue classifies it. */
      readonly mechanism?: string;
      /** One-line wait-for summary (`Z -> W -> C -> Z`), for deadlocks and waits. */
      readonly waitFor?: string;
      /** Edges of that cycle lockdep cannot see; absent without a cycle. */
      readonly lockdepInvisible?: number;
    }
  | { readonly status: 'incomplete' }
  /** The property is not checked by this cell's model, or the cell cannot be built. */
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
      /** Per-mechanism verdicts (`D2:C1-no-batch`), for the mechanisms the model checks. */
      readonly mechanisms: Readonly<Record<string, PropertyCell>>;
      readonly states: number;
      readonly transitions: number;
      readonly depth: number;
      readonly collisionProbability: number;
      /** The cell ran with partial-order reduction (`states` is the reduced count). */
      readonly por?: true;
      /** 'holds' | 'violated' | 'incomplete' of the whole run. */
      readonly verdict: string;
      readonly limit?: string;
      readonly files: readonly CellFile[];
    }
  /** The catalogue refused the combination: every property is n/a with this reason. */
  | { readonly kind: 'not-applicable'; readonly reason: string }
  /** The model failed (range error, throw): reported, never hidden. */
  | { readonly kind: 'error'; readonly message: string };

export interface CellResult extends CellKey {
  readonly outcome: CellOutcome;
  /** Wall time of the run: goes to timings.json only, never into the reproducible files. */
  readonly ms: number;
}

/** How a cell's verdict compares with an expectation. */
export type Comparison = 'match' | 'mismatch' | 'unchecked';
