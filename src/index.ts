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
export type { Model, ThreadInfo, ActionInfo, Invariant, WaitInfo, DeadlockMode, Scalarset } from './explorer/model.ts';

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
  Reductions,
  SymmetryStats,
} from './explorer/outcome.ts';
export { replayActions, buildTrace, lastState } from './explorer/trace.ts';
export type { ReplayResult } from './explorer/trace.ts';

// Reading results.
export { traceText, changedFields, contextSwitches } from './report/traceText.ts';
export { analyzeWaits, closingCycle } from './properties/waitFor.ts';
export type { WaitForAnalysis, WaitEdge } from './properties/waitFor.ts';
export { renderWaitFor } from './report/waitForText.ts';

// The kernel model: profiles, scenarios, setup programs, layouts, properties and mechanisms as data.
export { buildKernelModel } from './kernel/build.ts';
export type { KernelBuild } from './kernel/build.ts';
export { catalog as KERNEL_CATALOG } from './kernel/catalog.ts';
export {
  PROFILES,
  DEFAULT_PROFILE,
  resolveProfile,
  SCENARIOS,
  generateLayouts,
  layoutFromId,
  describeLayout,
  runSetup,
  programText,
  reachableStarts,
  CALLER_KINDS,
  FLUSHER_MODES,
} from './model/index.ts';
export type { Profile, ProfileId, ProfileFact, ResolvedProfile, ScenarioId, GeneratedLayout, KernelRequest, SetupOp, FlusherMode, CallerKind } from './model/index.ts';
export { KERNEL_PROPERTIES, applicableProperties, MECHANISMS } from './properties/kernel/index.ts';
export type { MechanismInfo } from './properties/kernel/index.ts';
export { EXPECTATION_RULES } from './properties/kernel/expectations.ts';
export type { ExpectationRule, Expectation } from './properties/kernel/expectations.ts';
export { sweepLayouts } from './sweep/sweep.ts';
export type { SweepRequest, SweepResult, MechanismSweep, PropertySweep } from './sweep/sweep.ts';
export { runMatrix } from './matrix/run.ts';
export type { MatrixRequest, MatrixOutcome } from './matrix/run.ts';
export type { MatrixData, MatrixRow } from './matrix/matrixData.ts';

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
