/**
 * 1-minimality: no single step and no whole thread can be removed from the interleaving with
 * the same property still violated (the remaining actions replayed strictly: every one enabled
 * when taken, see replay.ts).
 *
 * `reduceToOneMinimal` first runs ddmin (Zeller's delta debugging: remove chunks of halving
 * size) so long fuzz traces shrink fast, then alternates whole-thread and single-step removal
 * until neither applies. A removal never increases context switches (dropping x[i] replaces
 * the pairs (i-1, i), (i, i+1) with (i-1, i+1)), so this pass preserves switch minimality.
 */
import type { Model } from '../explorer/model.ts';
import { threadsOf } from './metrics.ts';
import { runCandidate } from './replay.ts';

type Violated = (state: Uint32Array) => boolean;

/** Replays a candidate; returns it cut at its first violation, or undefined. */
function attempt(model: Model, initial: Uint32Array, actions: readonly number[], violated: Violated): number[] | undefined {
  const r = runCandidate(model, initial, actions, violated);
  return r.kind === 'violates' ? actions.slice(0, r.length) : undefined;
}

/** Delta debugging over the step list (complement removal). `actions` must violate. */
export function ddmin(model: Model, initial: Uint32Array, actions: readonly number[], violated: Violated): number[] {
  let cur = actions.slice();
  let n = 2;
  while (cur.length >= 2) {
    const chunk = Math.ceil(cur.length / n);
    let reduced = false;
    for (let start = 0; start < cur.length; start += chunk) {
      const candidate = [...cur.slice(0, start), ...cur.slice(start + chunk)];
      const ok = attempt(model, initial, candidate, violated);
      if (ok !== undefined) {
        cur = ok;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= cur.length) break;
      n = Math.min(n * 2, cur.length);
    }
  }
  return cur;
}

/** Removes whole threads, then single steps, until neither applies. `actions` must violate. */
export function removeToFixpoint(model: Model, initial: Uint32Array, actions: readonly number[], violated: Violated): number[] {
  let cur = actions.slice();
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of threadsOf(model, cur)) {
      const ok = attempt(model, initial, cur.filter((a) => model.actions[a]!.thread !== t), violated);
      if (ok !== undefined) {
        cur = ok;
        changed = true;
      }
    }
    for (let i = cur.length - 1; i >= 0; i--) {
      const ok = attempt(model, initial, [...cur.slice(0, i), ...cur.slice(i + 1)], violated);
      if (ok !== undefined) {
        cur = ok;
        changed = true;
        i = Math.min(i, cur.length);
      }
    }
  }
  return cur;
}

/** ddmin, then fixpoint of whole-thread and single-step removal. */
export function reduceToOneMinimal(model: Model, initial: Uint32Array, actions: readonly number[], violated: Violated): number[] {
  return removeToFixpoint(model, initial, ddmin(model, initial, actions, violated), violated);
}

/** Why an interleaving is not 1-minimal, or undefined when it is (and does violate). */
export function oneMinimalityProblem(
  model: Model,
  initial: Uint32Array,
  actions: readonly number[],
  violated: Violated,
): string | undefined {
  const r = runCandidate(model, initial, actions, violated);
  if (r.kind === 'invalid') return `step ${r.step + 1} is not enabled when taken`;
  if (r.kind === 'holds') return 'the interleaving does not violate the property';
  if (r.length !== actions.length) return `the property is already violated after step ${r.length}`;
  for (const t of threadsOf(model, actions)) {
    const rest = actions.filter((a) => model.actions[a]!.thread !== t);
    if (runCandidate(model, initial, rest, violated).kind === 'violates') {
      return `thread ${model.threads[t]?.name ?? t} can be removed`;
    }
  }
  for (let i = 0; i < actions.length; i++) {
    const rest = [...actions.slice(0, i), ...actions.slice(i + 1)];
    if (runCandidate(model, initial, rest, violated).kind === 'violates') {
      return `step ${i + 1} (${model.actions[actions[i]!]?.name}) can be removed`;
    }
  }
  return undefined;
}
