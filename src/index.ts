/**
 * zrcheck's public API: everything a user needs to write a model in TypeScript, check it,
 * and read the result. Named re-exports only, so nothing is public by accident.
 */

// Writing a model: the state layout and the Murphi-style rule builder.
export { defineLayout, bool, range, oneOf, Layout, Field, LayoutRangeError } from './explorer/layout.ts';
export type { FieldSpec } from './explorer/layout.ts';
export { defineModel, ruleset } from './explorer/define.ts';
export type { Rule, ModelDefinition } from './explorer/define.ts';

// The model contract, for models written by hand.
export { DEADLOCK } from './explorer/model.ts';
export type { Model, ThreadInfo, ActionInfo, Invariant, WaitInfo, DeadlockMode } from './explorer/model.ts';

// Checking.
export { check, validateModel } from './explorer/check.ts';
export type { CheckOptions } from './explorer/options.ts';
export type {
  CheckOutcome,
  PropertyVerdict,
  Violation,
  ViolationKind,
  Trace,
  TraceStep,
  Stats,
  LimitHit,
  Progress,
  ModelError,
  SearchKind,
  StoreKind,
} from './explorer/outcome.ts';
export { replayActions, buildTrace, lastState } from './explorer/trace.ts';
export type { ReplayResult } from './explorer/trace.ts';

// Reading results.
export { traceText, changedFields, contextSwitches } from './report/traceText.ts';
export { analyzeWaits, closingCycle } from './properties/waitFor.ts';
export type { WaitForAnalysis, WaitEdge } from './properties/waitFor.ts';
export { renderWaitFor } from './report/waitForText.ts';
