/**
 * The model-author's part of the public API (src/index.ts), from the explorer alone: what a
 * model module usually imports. The command line bundles a model against this module when
 * the model uses nothing else (src/cli/bundleModel.ts), so running it does not load the
 * kernel model, the reports, the minimiser and fast-check first. The values are the very
 * ones src/index.ts exports (the same module instances).
 */
export { defineLayout, bool, range, oneOf, Layout, Field, LayoutRangeError, LayoutIndexError, LayoutNameError } from './layout.ts';
export type { FieldSpec } from './layout.ts';
export { defineModel, ruleset, ModelDefinitionError, RuleError } from './define.ts';
export type { Rule, ModelDefinition } from './define.ts';
export { intParam, enumParam, boolParam, stringParam, resolveParams, describeParam } from './params.ts';
export type { ParamSpec, ParamSpecs, ParamsOf, ParamValue, IntParamSpec, EnumParamSpec, BoolParamSpec, StringParamSpec } from './params.ts';
export { DEADLOCK } from './model.ts';
export type { Model, ThreadInfo, ActionInfo, Invariant, WaitInfo, DeadlockMode, Scalarset } from './model.ts';
export { check, validateModel } from './check.ts';
export type { CheckOptions } from './options.ts';
export { limitText } from './outcome.ts';
export { VerdictTally } from './verdicts.ts';
export { replayActions, buildTrace, lastState } from './trace.ts';
