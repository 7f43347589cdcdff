/**
 * Replaying a candidate interleaving strictly: every action must be enabled when taken
 * (a candidate that needs an action skipped is simply invalid), and the run ends at the first
 * state where the target property is violated.
 *
 * Why strict: a minimised trace must be a real execution of the model, so that exporting it
 * and replaying it later shows exactly the steps a person reads.
 */
import type { Model } from '../explorer/model.ts';

export type CandidateResult =
  /** Violated after `length` steps (the candidate is cut there). */
  | { readonly kind: 'violates'; readonly length: number }
  /** Every action was enabled but the property was never violated. */
  | { readonly kind: 'holds' }
  /** Action `step` (0-based) was not enabled when its turn came. */
  | { readonly kind: 'invalid'; readonly step: number };

/** Replays `actions` from `initial`, checking `violated` at every state including the first. */
export function runCandidate(
  model: Model,
  initial: Uint32Array,
  actions: readonly number[],
  violated: (state: Uint32Array) => boolean,
): CandidateResult {
  const ids = new Int32Array(Math.max(1, model.actions.length));
  let cur = initial.slice();
  let nxt = new Uint32Array(cur.length);
  if (violated(cur)) return { kind: 'violates', length: 0 };
  for (let i = 0; i < actions.length; i++) {
    const a = actions[i]!;
    const n = model.enabled(cur, ids);
    let enabled = false;
    for (let j = 0; j < n; j++) {
      if (ids[j] === a) {
        enabled = true;
        break;
      }
    }
    if (!enabled) return { kind: 'invalid', step: i };
    model.next(cur, a, nxt);
    const t = cur;
    cur = nxt;
    nxt = t;
    if (violated(cur)) return { kind: 'violates', length: i + 1 };
  }
  return { kind: 'holds' };
}
