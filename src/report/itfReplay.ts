/**
 * Re-executing an ITF counterexample against a model: the check behind `zrcheck replay`.
 *
 * A trace is reproduced when state 0 is an initial state of the model, every recorded action
 * is enabled in turn and leads to exactly the recorded next state, and the recorded property
 * is first violated at the recorded state. Otherwise the result names the step where the run
 * diverges and why (unknown action, not enabled, a field differs, violated earlier or never),
 * so a person can tell a changed model from a corrupted file.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { DeadlockMode, Model } from '../explorer/model.ts';
import type { ModelSource } from '../cli/loadModule.ts';
import { violationPredicate } from '../minimize/target.ts';
import { ACTION_TAKEN, type ItfTrace } from './itf.ts';
import { encodeState, firstDifference } from './itfValues.ts';
import { modelHash } from './modelHash.ts';

export type ItfReplayResult =
  | {
      readonly kind: 'reproduced';
      readonly property: string;
      /** The step (= state index) at which the property is violated. */
      readonly step: number;
      readonly warnings: readonly string[];
    }
  | { readonly kind: 'diverged'; readonly step: number; readonly reason: string; readonly warnings: readonly string[] }
  /** The file's property or deadlock mode does not exist in the model. */
  | { readonly kind: 'error'; readonly error: string };

/** Replays `itf` on `model`. `deadlock` overrides the mode recorded in the file. */
export function replayItf(model: Model, itf: ItfTrace, deadlock?: DeadlockMode): ItfReplayResult {
  const meta = itf['#meta'];
  const warnings: string[] = [];
  const hash = modelHash(model);
  if (meta.model?.hash !== undefined && meta.model.hash !== hash) {
    warnings.push(`model hash differs (file ${meta.model.hash}, model ${hash}): the model changed since the trace was written`);
  }
  const pred = violationPredicate(model, { property: meta.property, kind: meta.violationKind }, deadlock ?? meta.deadlockMode);
  if (!pred.ok) return { kind: 'error', error: pred.error };
  const diverged = (step: number, reason: string): ItfReplayResult => ({ kind: 'diverged', step, reason, warnings });

  const states = itf.states;
  const first = encodeState(model.layout, states[0]!);
  if (!first.ok) return diverged(0, `state 0: ${first.error}`);
  let cur = first.state;
  if (!model.initialStates().some((s) => s.every((w, i) => w === cur[i]))) {
    return diverged(0, 'state 0 is not an initial state of the model');
  }
  const byName = new Map(model.actions.map((a, i) => [a.name, i]));
  const ids = new Int32Array(Math.max(1, model.actions.length));
  const target = meta.violationState ?? states.length - 1;
  let violatedAt = pred.violated(cur) ? 0 : -1;
  for (let i = 1; i < states.length && violatedAt < 0; i++) {
    const name = states[i]![ACTION_TAKEN];
    const action = typeof name === 'string' ? byName.get(name) : undefined;
    if (action === undefined) return diverged(i, `action ${JSON.stringify(name)} is not an action of model ${model.name}`);
    const n = model.enabled(cur, ids);
    if (!Array.from(ids.subarray(0, n)).includes(action)) return diverged(i, `action ${name as string} is not enabled`);
    const next = new Uint32Array(model.layout.words);
    model.next(cur, action, next);
    const diff = firstDifference(model.layout.describe(next), states[i]!);
    if (diff !== undefined) return diverged(i, `after ${name as string} the state differs: ${diff}`);
    cur = next;
    if (pred.violated(cur)) violatedAt = i;
  }
  if (violatedAt < 0) return diverged(states.length - 1, `${meta.property} is not violated at step ${states.length - 1}`);
  if (violatedAt !== target) {
    return diverged(violatedAt, `${meta.property} is violated at step ${violatedAt}, the file records step ${target}`);
  }
  return { kind: 'reproduced', property: meta.property, step: violatedAt, warnings };
}

export type ItfSourceResult = { readonly ok: true; readonly source: ModelSource } | { readonly ok: false; readonly error: string };

/** How to rebuild the file's model; module paths resolve against the file's directory. */
export function modelSourceOfItf(itf: ItfTrace, itfFile: string): ItfSourceResult {
  const src = itf['#meta'].source;
  if (src.kind === 'inline') {
    return { ok: false, error: `${itfFile} was exported from an in-process model and does not say how to rebuild it` };
  }
  if (src.kind === 'kernel') return { ok: true, source: src };
  const path = isAbsolute(src.path) ? src.path : resolve(dirname(itfFile), src.path);
  return { ok: true, source: { kind: 'module', path, params: src.params } };
}
