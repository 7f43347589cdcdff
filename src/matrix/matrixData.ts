/**
 * The assembled verdict matrix, as matrix.json holds it and matrix.md and claims.md read it:
 * rows (a run and its verdicts per cell), the expectation rules judged per cell and across
 * cells, the assumption settings that change an answer, and the mismatches. Types only;
 * assemble.ts builds it from cell results.
 */
import type { Expectation, ExpectationRule } from '../properties/kernel/expectations.ts';
import type { CatalogEntry, CatalogMechanism } from './catalog.ts';
import type { CellKey, Comparison, PropertyCell } from './types.ts';

export type RowRun =
  | {
      readonly kind: 'checked';
      readonly verdict: string;
      readonly states: number;
      readonly transitions: number;
      readonly depth: number;
      readonly collisionProbability: number;
      readonly limit?: string;
      /** Checked with partial-order reduction: `states` is the reduced count. */
      readonly por?: true;
    }
  | { readonly kind: 'not-applicable'; readonly reason: string }
  | { readonly kind: 'error'; readonly message: string };

/** An `absent` rule judged in one cell. */
export interface Judgement {
  readonly rule: string;
  readonly target: string;
  readonly comparison: Comparison;
}

export interface MatrixRow extends CellKey {
  readonly label: string;
  /** 'default' rows use the profile's default assumptions; 'assumption' rows change one and change an answer. */
  readonly role: 'default' | 'assumption';
  /** Properties and mechanisms whose verdict differs from the default row (assumption rows only). */
  readonly changes: readonly string[];
  readonly run: RowRun;
  /** Base properties (D1, D2, ...). */
  readonly cells: Readonly<Record<string, PropertyCell>>;
  /** Per-mechanism verdicts the model checks (`D2:C1-no-batch`). */
  readonly mechanisms: Readonly<Record<string, PropertyCell>>;
  /** Violated targets, `property:mechanism` (`D2:C1-no-batch`, `D3:V0-skip-dirty`), sorted. */
  readonly found: readonly string[];
  /** The `absent` rules that cover this cell. */
  readonly judgements: readonly Judgement[];
}

/** A `present` rule judged across the profile's cells. */
export interface Presence {
  readonly rule: string;
  readonly target: string;
  readonly profile: string;
  readonly variant: string;
  /** Assumption setting label of the cells judged (`defaults` or `k=v`). */
  readonly setting: string;
  readonly comparison: Comparison;
  /** Cells that show it: `<scenario>/<label>` and the trace. */
  readonly witnesses: readonly { readonly cell: string; readonly traceFile: string; readonly traceLength: number }[];
  /** Cells that were judged (scenario ids). */
  readonly judged: readonly string[];
}

export interface AssumptionFinding {
  readonly profile: string;
  /** `k=v` of the setting. */
  readonly setting: string;
  readonly assumptions: Readonly<Record<string, string>>;
  /** The default value of each assumption the setting changes. */
  readonly defaults: Readonly<Record<string, string>>;
  /** Cells (scenario/variant) where this setting changes at least one verdict. */
  readonly changed: readonly { scenario: string; variant: string; properties: readonly string[] }[];
  /** How many cells were run with this setting. */
  readonly tried: number;
}

export interface Mismatch {
  readonly profile: string;
  readonly scenario: string;
  readonly label: string;
  readonly target: string;
  readonly found: string;
  readonly expected: Expectation;
  /** The trace that shows it (absent rules), when there is one. */
  readonly traceFile?: string;
}

export interface MatrixProfile {
  readonly id: string;
  readonly title: string;
  readonly cite: string;
  readonly versions: readonly CatalogEntry[];
  readonly counterfactualVersions: readonly (CatalogEntry & { why: string })[];
  readonly assumptions: readonly { id: string; values: readonly string[]; default: string; description?: string }[];
}

export interface MatrixData {
  readonly profiles: readonly MatrixProfile[];
  readonly scenarios: readonly CatalogEntry[];
  readonly properties: readonly CatalogEntry[];
  readonly mechanisms: readonly CatalogMechanism[];
  readonly expectations: readonly ExpectationRule[];
  readonly rows: readonly MatrixRow[];
  readonly presence: readonly Presence[];
  readonly findings: readonly AssumptionFinding[];
  readonly mismatches: readonly Mismatch[];
  /** Trace files of the kept rows (relative paths, sorted); the next run removes stale ones. */
  readonly traceFiles: readonly string[];
  readonly counts: {
    readonly runs: number;
    readonly rows: number;
    readonly violated: number;
    readonly holds: number;
    readonly notApplicable: number;
    readonly incomplete: number;
    readonly errors: number;
    readonly match: number;
    readonly mismatch: number;
    readonly unchecked: number;
  };
}
