/**
 * Re-executing an ITF counterexample against a model: the check behind `zrcheck replay`.
 *
 * A trace is reproduced when the model is the one that wrote it (the same names and layout,
 * and the same behaviour on its first states: modelHash and behaviourHash), state 0 is the
 * recorded initial state of the model, every recorded action belongs to the recorded thread,
 * is enabled in turn and leads to exactly the recorded next state, and the recorded property is
 * first violated at the last state. Otherwise the result says why: the model changed, or the
 * run diverges at a named step (unknown action, wrong thread, not enabled, a field differs,
 * violated earlier or never).
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { DeadlockMode, Model } from '../explorer/model.ts';
import type { ModelSource } from '../source/modelSource.ts';
import { violationPredicate } from '../minimize/target.ts';
import { ACTION_TAKEN, type ItfTrace } from './itfTypes.ts';
import { encodeState, firstDifference } from './itfValues.ts';
import { behaviourHash, modelHash } from './modelHash.ts';

export type ItfReplayResult =
  | {
      readonly kind: 'reproduced';
      readonly property: string;
      /** The step (= state index) at which the property is violated. */
      readonly step: number;
    }
  /** The model is not the one the trace was written for (a hash differs); not replayed. */
  | { readonly kind: 'model-changed'; readonly reason: string }
  | { readonly kind: 'diverged'; readonly step: number; readonly reason: string }
  /** The file's property or deadlock mode does not exist in the model. */
  | { readonly kind: 'error'; readonly error: string };

/** Replays `itf` on `model`. `deadlock` overrides the mode recorded in the file. */
export function replayItf(model: Model, itf: ItfTrace, deadlock?: DeadlockMode): ItfReplayResult {
  const meta = itf['#meta'];
  const hash = modelHash(model);
  if (meta.model.hash !== hash) {
    return { kind: 'model-changed', reason: `the model's names or layout changed since the trace was written (model hash ${hash}, the trace records ${meta.model.hash})` };
  }
  if (meta.model.behaviourHash !== undefined) {
    const b = behaviourHash(model);
    if (b !== meta.model.behaviourHash) {
      return {
        kind: 'model-changed',
        reason: `the model behaves differently from when the trace was written (a guard, update or invariant changed: behaviour hash ${b}, the trace records ${meta.model.behaviourHash})`,
      };
    }
  }
  const pred = violationPredicate(model, { property: meta.property, kind: meta.violationKind }, deadlock ?? meta.deadlockMode);
  if (!pred.ok) return { kind: 'error', error: pred.error };
  const diverged = (step: number, reason: string): ItfReplayResult => ({ kind: 'diverged', step, reason });

  const states = itf.states;
  const first = encodeState(model.layout, states[0]!);
  if (!first.ok) return diverged(0, `state 0: ${first.error}`);
  let cur = first.state;
  const inits = model.initialStates();
  const recorded = inits[meta.initialStateIndex];
  if (recorded === undefined || !recorded.every((w, i) => w === cur[i])) {
    return diverged(0, inits.some((s) => s.every((w, i) => w === cur[i])) ? `state 0 is an initial state, but not number ${meta.initialStateIndex} as recorded` : 'state 0 is not an initial state of the model');
  }
  const byName = new Map(model.actions.map((a, i) => [a.name, i]));
  const ids = new Int32Array(Math.max(1, model.actions.length));
  const last = states.length - 1;
  if (pred.violated(cur) && last > 0) return diverged(0, `${meta.property} is already violated in state 0, but the file goes on for ${last} steps`);
  for (let i = 1; i <= last; i++) {
    const name = states[i]![ACTION_TAKEN];
    const action = typeof name === 'string' ? byName.get(name) : undefined;
    if (action === undefined) return diverged(i, `action ${JSON.stringify(name)} is not an action of model ${model.name}`);
    const thread = model.threads[model.actions[action]!.thread]?.name;
    if (meta.steps[i - 1]!.thread !== thread) return diverged(i, `action ${name as string} belongs to thread ${thread}, the file says ${meta.steps[i - 1]!.thread}`);
    const n = model.enabled(cur, ids);
    if (!Array.from(ids.subarray(0, n)).includes(action)) return diverged(i, `action ${name as string} is not enabled`);
    const next = new Uint32Array(model.layout.words);
    model.next(cur, action, next);
    const diff = firstDifference(model.layout.describe(next), states[i]!);
    if (diff !== undefined) return diverged(i, `after ${name as string} the state differs: ${diff}`);
    cur = next;
    const violated = pred.violated(cur);
    if (violated && i < last) return diverged(i, `${meta.property} is violated at step ${i}, but the file goes on to step ${last}`);
    if (!violated && i === last) return diverged(i, `${meta.property} is not violated at step ${i}, the last one`);
  }
  if (last === 0 && !pred.violated(cur)) return diverged(0, `${meta.property} is not violated in state 0`);
  return { kind: 'reproduced', property: meta.property, step: last };
}

export type ItfSourceResult = { readonly ok: true; readonly source: ModelSource } | { readonly ok: false; readonly error: string };

/**
 * How to rebuild the file's model. A module is looked for next to the trace first (its path
 * relative to the file's folder), then at the absolute path it had when exported; the loader
 * then checks its sha256.
 */
export function modelSourceOfItf(itf: ItfTrace, itfFile: string): ItfSourceResult {
  const src = itf['#meta'].source;
  if (src.kind === 'inline') {
    return { ok: false, error: `${itfFile} was exported from an in-process model and does not say how to rebuild it` };
  }
  if (src.kind === 'kernel') {
    return {
      ok: true,
      source: {
        kind: 'kernel',
        ...(src.profile !== undefined ? { profile: src.profile } : {}),
        ...(src.scenario !== undefined ? { scenario: src.scenario } : {}),
        variant: src.variant,
        assumptions: src.assumptions,
        ...(src.layout !== undefined ? { layout: src.layout } : {}),
        ...(src.counterfactual === true ? { counterfactual: true } : {}),
      },
    };
  }
  const relativeTo = isAbsolute(src.path) ? src.path : resolve(dirname(itfFile), src.path);
  const candidates = [relativeTo, ...(src.absolutePath !== undefined && src.absolutePath !== relativeTo ? [src.absolutePath] : [])];
  const path = candidates.find((p) => existsSync(p));
  if (path === undefined) {
    return { ok: false, error: `the model module of ${itfFile} is at neither ${candidates.join(' nor ')}` };
  }
  return { ok: true, source: { kind: 'module', path, params: src.params, ...(src.sha256 !== undefined ? { sha256: src.sha256 } : {}) } };
}
