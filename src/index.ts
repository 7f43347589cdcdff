/**
 * zrcheck's public API: everything a user needs to write a model in TypeScript, check it,
 * and read the result. Named re-exports only, so nothing is public by accident.
 */

// Writing a model: the state layout and the Murphi-style rule builder.
export { defineLayout, bool, range, oneOf, Layout, Field, LayoutRangeError, LayoutIndexError, LayoutNameError } from './explorer/layout.ts';
export type { FieldSpec } from './explorer/layout.ts';
export { defineModel, ruleset, ModelDefinitionError, RuleError } from './explorer/define.ts';
// Declared parameters: `export const params = { N: intParam(3, { min: 2 }) }` beside the factory.
export { intParam, enumParam, boolParam, stringParam, resolveParams, describeParam } from './explorer/params.ts';
export type { ParamSpec, ParamSpecs, ParamsOf, ParamValue, IntParamSpec, EnumParamSpec, BoolParamSpec, StringParamSpec } from './explorer/params.ts';
export type { Rule, ModelDefinition } from './explorer/define.ts';

// The model contract, for models written by hand.
export { DEADLOCK } from './explorer/model.ts';
export type { Model, ThreadInfo, ActionInfo, Invariant, WaitInfo, DeadlockMode } from './explorer/model.ts';

// Checking.
export { check, validateModel } from './explorer/check.ts';
export type { CheckOptions } from './explorer/options.ts';
export { limitText } from './explorer/outcome.ts';
export { VerdictTally } from './explorer/verdicts.ts';
export type { PropertyStatus, PropertyTally } from './explorer/verdicts.ts';
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

// The kernel model: versions, scenarios, assumptions and properties as data.
export {
  buildKernelModel,
  generateLayouts,
  estimateLayouts,
  applicableProperties,
  VERSIONS,
  SCENARIOS,
  ASSUMPTIONS,
  KERNEL_PROPERTIES,
} from './model/index.ts';
export type { VersionId, ScenarioId, GeneratedLayout, KernelRequest, KernelBuild } from './model/index.ts';
export { sweepLayouts, findLayout, describeLayout } from './report/layoutSweep.ts';
export type { SweepRequest, SweepResult } from './report/layoutSweep.ts';

// Random schedules (fast-check), minimal interleavings, exports and replay.
export { scheduleArbitrary, walkSchedule, fuzzModel } from './fuzz/index.ts';
export type { Schedule, ScheduleConstraints, WalkResult, FuzzOptions, FuzzResult } from './fuzz/index.ts';
export { minimizeViolation, minimizeViolations, metricsOf } from './minimize/index.ts';
export type { MinimizeOptions, MinimizeResult, TraceMetrics } from './minimize/index.ts';
export { toItf, itfText, ACTION_TAKEN } from './report/itf.ts';
export type { TraceMeta } from './report/itf.ts';
export { replayItf } from './report/itfReplay.ts';
export { parseItf } from './report/itfParse.ts';
export { modelHash, behaviourHash } from './report/modelHash.ts';
export { traceMarkdown } from './report/traceMarkdown.ts';
export { traceMermaid } from './report/mermaid.ts';
export { traceHtml } from './report/html.ts';
export { exportCounterexample, TRACE_FILES } from './report/exportTrace.ts';
