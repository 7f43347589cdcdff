/**
 * "Is this property violated here?" for one named property, outside the explorer.
 *
 * The minimiser and the replayer ask it of candidate interleavings. The semantics are the
 * explorer's own (src/explorer/bfs.ts `terminal`, run.ts): an invariant fails in any state; a
 * deadlock is a state with no enabled action that is not a valid end (under 'stuttering', also
 * a state whose every enabled action leads back to itself); an end check fails only at a valid
 * end state with no enabled action.
 */
import { DEADLOCK, type DeadlockMode, type Model } from '../explorer/model.ts';
import type { Violation, ViolationKind } from '../explorer/outcome.ts';

/** A property to reproduce: its name and kind, as a Violation records them. */
export interface PropertyTarget {
  readonly property: string;
  readonly kind: ViolationKind;
}

export type TargetResult =
  | { readonly ok: true; readonly violated: (state: Uint32Array) => boolean }
  | { readonly ok: false; readonly error: string };

/** The deadlock semantics in force: the caller's override, else the model's, else 'stuttering' (as run.ts). */
export function deadlockModeOf(model: Model, override?: DeadlockMode): DeadlockMode {
  return override ?? model.deadlock ?? 'stuttering';
}

/** Builds the violation predicate for `target` (an error value if the model lacks it). */
export function violationPredicate(model: Model, target: PropertyTarget, deadlock?: DeadlockMode): TargetResult {
  const ids = new Int32Array(Math.max(1, model.actions.length));
  const scratch = new Uint32Array(model.layout.words);
  if (target.kind === 'invariant') {
    const inv = model.invariants.find((i) => i.name === target.property);
    if (inv === undefined) return { ok: false, error: `model ${model.name} has no invariant named ${target.property}` };
    return { ok: true, violated: (s) => !inv.holds(s) };
  }
  if (target.kind === 'end-check') {
    const chk = (model.endChecks ?? []).find((i) => i.name === target.property);
    if (chk === undefined) return { ok: false, error: `model ${model.name} has no end check named ${target.property}` };
    return {
      ok: true,
      violated: (s) => model.enabled(s, ids) === 0 && (model.isValidEnd?.(s) ?? false) && !chk.holds(s),
    };
  }
  const mode = deadlockModeOf(model, deadlock);
  if (mode === 'off') return { ok: false, error: `deadlock checking is off for model ${model.name}` };
  if (target.property !== DEADLOCK) return { ok: false, error: `a deadlock violation must be named ${DEADLOCK}, got ${target.property}` };
  return {
    ok: true,
    violated: (s) => {
      const n = model.enabled(s, ids);
      if (n === 0) return !(model.isValidEnd?.(s) ?? false);
      if (mode !== 'stuttering' || (model.isValidEnd?.(s) ?? false)) return false;
      for (let i = 0; i < n; i++) {
        model.next(s, ids[i]!, scratch);
        for (let w = 0; w < scratch.length; w++) if (scratch[w] !== s[w]) return false;
      }
      return true;
    },
  };
}

export function targetOf(v: Violation): PropertyTarget {
  return { property: v.property, kind: v.kind };
}
