/**
 * Counterexamples as ITF (Informal Trace Format, Apalache ADR-015; `.itf.json`), the canonical
 * export every other view is derived from, and the input of `zrcheck replay`.
 *
 * Layout: `vars` are the layout's fields plus Quint's `mbt::actionTaken` (the action name;
 * `init` for state 0) and `mbt::nondetPicks` (which thread was scheduled), so Quint-aware
 * tools show who moved. `#meta` carries everything needed to rebuild and re-execute the trace:
 * how to rebuild the model (module path + params, or scenario/variant/assumptions), the model
 * hash, the tool version, the property and the step at which it is violated, the fuzz seed and
 * path when the trace came from fast-check, and per step the thread, kernel function and spec
 * section. Each state's own `#meta` repeats its step's action info for readers of one state.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { DeadlockMode, Model } from '../explorer/model.ts';
import type { Violation } from '../explorer/outcome.ts';
import type { ModelSource } from '../source/modelSource.ts';
import type { TraceMetrics } from '../minimize/metrics.ts';
import { behaviourHash, modelHash } from './modelHash.ts';
import { stateToItf, type ItfFieldValue } from './itfValues.ts';

export { ACTION_TAKEN, NONDET_PICKS, ITF_SPEC_URL } from './itfTypes.ts';
export type { ItfSource, ItfStepMeta, ItfMeta, ItfNondetPick, ItfState, ItfTrace } from './itfTypes.ts';
import { ACTION_TAKEN, NONDET_PICKS, ITF_SPEC_URL, type ItfSource, type ItfStepMeta, type ItfMeta, type ItfNondetPick, type ItfState, type ItfTrace } from './itfTypes.ts';

/** What the caller knows beyond the model and the violation (all optional). */
export interface TraceMeta {
  /** How the model was loaded; without it the trace cannot be replayed from the file. */
  readonly source?: ModelSource;
  readonly profile?: string;
  readonly scenario?: string;
  readonly variant?: string;
  readonly description?: string;
  /** The named mechanism of the violation (kernel models). */
  readonly mechanism?: string;
  /** Why the run is a mix no kernel ships; shown in every header when non-empty. */
  readonly counterfactual?: readonly string[];
  readonly seed?: number;
  readonly fastCheckPath?: string;
  readonly fastCheckVersion?: string;
  readonly minimized?: { readonly before: TraceMetrics; readonly after: TraceMetrics };
  readonly deadlockMode?: DeadlockMode;
}

let cachedVersion: string | undefined;
/** zrcheck's version, from package.json. */
export function toolVersion(): string {
  if (cachedVersion === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    cachedVersion = pkg.version ?? '0.0.0';
  }
  return cachedVersion;
}

/** The ITF source recorded for a model source; module paths relative to `itfDir` if given. */
export function itfSourceOf(source: ModelSource | undefined, itfDir?: string): ItfSource {
  if (source === undefined) return { kind: 'inline' };
  if (source.kind === 'kernel') return source;
  const path = itfDir !== undefined && isAbsolute(source.path) ? relative(itfDir, source.path) || source.path : source.path;
  return {
    kind: 'module',
    path: path.split('\\').join('/'),
    ...(isAbsolute(source.path) ? { absolutePath: source.path } : {}),
    ...(source.sha256 !== undefined ? { sha256: source.sha256 } : {}),
    params: source.params,
  };
}

/** Step info of one action, as recorded in `#meta.steps` and each state's `#meta`. */
function stepInfo(model: Model, action: number): Omit<ItfStepMeta, 'step'> {
  const a = model.actions[action]!;
  return {
    action: a.name,
    thread: model.threads[a.thread]?.name ?? `#${a.thread}`,
    ...(a.kernelFunction !== undefined ? { kernelFunction: a.kernelFunction } : {}),
    ...(a.specSection !== undefined ? { specSection: a.specSection } : {}),
  };
}

/** Index of `state` among the model's initial states, or 0 when it is none of them. */
function initialIndex(model: Model, state: Uint32Array): number {
  const inits = model.initialStates();
  const i = inits.findIndex((s) => s.length === state.length && s.every((w, j) => w === state[j]));
  return i < 0 ? 0 : i;
}

/** Builds the ITF document of a violation. `itfDir` makes module paths relative to it. */
export function toItf(model: Model, violation: Violation, meta: TraceMeta = {}, itfDir?: string): ItfTrace {
  const fields = model.layout.fieldList.map((f) => f.name);
  const steps: ItfStepMeta[] = violation.trace.steps.map((s, i) => ({ step: i + 1, ...stepInfo(model, s.action) }));
  const none: ItfNondetPick = { tag: 'None', value: { '#tup': [] } };
  const states: ItfState[] = [
    stateRecord(model, violation.trace.initial, { index: 0 }, 'init', none),
    ...violation.trace.steps.map((s, i) => {
      const info = stepInfo(model, s.action);
      return stateRecord(model, s.state, { index: i + 1, ...info }, info.action, { tag: 'Some', value: info.thread });
    }),
  ];
  const description =
    meta.description ??
    `${violation.kind} ${violation.property} violated after ${steps.length} steps in ${model.name}` +
      (meta.scenario !== undefined ? ` (${meta.scenario}${meta.variant !== undefined ? ` / ${meta.variant}` : ''})` : '');
  const itfMeta: ItfMeta = {
    format: 'ITF',
    'format-description': ITF_SPEC_URL,
    description,
    tool: 'zrcheck',
    toolVersion: toolVersion(),
    model: { name: model.name, hash: modelHash(model), behaviourHash: behaviourHash(model), params: model.params ?? {} },
    source: itfSourceOf(meta.source, itfDir),
    ...(meta.profile !== undefined ? { profile: meta.profile } : {}),
    ...(meta.scenario !== undefined ? { scenario: meta.scenario } : {}),
    ...(meta.variant !== undefined ? { variant: meta.variant } : {}),
    ...(meta.mechanism !== undefined ? { mechanism: meta.mechanism } : {}),
    ...(meta.counterfactual !== undefined && meta.counterfactual.length > 0 ? { counterfactual: meta.counterfactual } : {}),
    property: violation.property,
    violationKind: violation.kind,
    violationState: steps.length,
    ...(meta.deadlockMode !== undefined ? { deadlockMode: meta.deadlockMode } : {}),
    initialStateIndex: initialIndex(model, violation.trace.initial),
    ...(meta.seed !== undefined ? { seed: meta.seed } : {}),
    ...(meta.fastCheckPath !== undefined ? { fastCheckPath: meta.fastCheckPath } : {}),
    ...(meta.fastCheckVersion !== undefined ? { fastCheckVersion: meta.fastCheckVersion } : {}),
    ...(meta.minimized !== undefined ? { minimized: meta.minimized } : {}),
    threads: model.threads.map((t) => t.name),
    steps,
  };
  return { '#meta': itfMeta, vars: [...fields, ACTION_TAKEN, NONDET_PICKS], states };
}

function stateRecord(
  model: Model,
  state: Uint32Array,
  meta: ItfState['#meta'],
  actionTaken: string,
  pick: ItfNondetPick,
): ItfState {
  const values: Record<string, ItfFieldValue> = stateToItf(model.layout, state);
  return { '#meta': meta, ...values, [ACTION_TAKEN]: actionTaken, [NONDET_PICKS]: { thread: pick } };
}

/** Pretty JSON text of an ITF document (two-space indent, trailing newline). */
export function itfText(itf: ItfTrace): string {
  return `${JSON.stringify(itf, null, 2)}\n`;
}

