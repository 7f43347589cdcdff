/**
 * The ITF document as zrcheck writes and reads it (Informal Trace Format, Apalache ADR-015):
 * the var names Quint uses for the action taken and the scheduled thread, and the `#meta`
 * block. Its own file so the writer (itf.ts) and the reader (itfParse.ts) share the types
 * without importing each other.
 */
import type { DeadlockMode } from '../explorer/model.ts';
import type { ViolationKind } from '../explorer/outcome.ts';
import type { TraceMetrics } from '../minimize/metrics.ts';
import type { ParamValues } from '../source/modelSource.ts';

export const ACTION_TAKEN = 'mbt::actionTaken';
export const NONDET_PICKS = 'mbt::nondetPicks';
export const ITF_SPEC_URL = 'https://apalache-mc.org/docs/adr/015adr-trace.html';

/**
 * How to rebuild the model. A module is found by `path` relative to the ITF file's folder (so
 * a copied results folder still replays next to its model) or else by `absolutePath` (so a
 * trace copied elsewhere still replays on this machine); `sha256` says it is the same file.
 */
export type ItfSource =
  | { readonly kind: 'module'; readonly path: string; readonly absolutePath?: string; readonly sha256?: string; readonly params: ParamValues }
  | {
      readonly kind: 'kernel';
      readonly profile?: string;
      readonly scenario?: string;
      readonly variant: string;
      readonly assumptions: ParamValues;
      readonly layout?: string;
      readonly counterfactual?: boolean;
    }
  /** The model was built in-process and cannot be rebuilt from the file alone. */
  | { readonly kind: 'inline' };

export interface ItfStepMeta {
  /** 1-based: step i leads from state i-1 to state i. */
  readonly step: number;
  readonly action: string;
  readonly thread: string;
  readonly kernelFunction?: string;
  readonly specSection?: string;
}

export interface ItfMeta {
  readonly format: 'ITF';
  readonly 'format-description': string;
  readonly description: string;
  readonly tool: 'zrcheck';
  readonly toolVersion: string;
  readonly model: { readonly name: string; readonly hash: string; readonly behaviourHash?: string; readonly params: ParamValues };
  readonly source: ItfSource;
  readonly profile?: string;
  readonly scenario?: string;
  readonly variant?: string;
  /** The named mechanism of the violation (kernel models). */
  readonly mechanism?: string;
  /** Why the run is a mix no kernel ships (absent for real kernels). */
  readonly counterfactual?: readonly string[];
  readonly property: string;
  readonly violationKind: ViolationKind;
  /** Index of the state in `states` where the property is violated (the last one). */
  readonly violationState: number;
  readonly deadlockMode?: DeadlockMode;
  /** Index into `model.initialStates()` of state 0. */
  readonly initialStateIndex: number;
  readonly seed?: number;
  /** fast-check replay path (with `seed`), when the trace came from `zrcheck fuzz`. */
  readonly fastCheckPath?: string;
  /** Paths replay only under the same fast-check version. */
  readonly fastCheckVersion?: string;
  readonly minimized?: { readonly before: TraceMetrics; readonly after: TraceMetrics };
  readonly threads: readonly string[];
  readonly steps: readonly ItfStepMeta[];
}

export type ItfNondetPick =
  | { readonly tag: 'Some'; readonly value: string }
  | { readonly tag: 'None'; readonly value: { readonly '#tup': readonly [] } };

export interface ItfState {
  readonly '#meta': { readonly index: number } & Partial<Omit<ItfStepMeta, 'step'>>;
  readonly [field: string]: unknown;
}

export interface ItfTrace {
  readonly '#meta': ItfMeta;
  readonly vars: readonly string[];
  readonly states: readonly ItfState[];
}

