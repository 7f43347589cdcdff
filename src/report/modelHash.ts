/**
 * Two hashes of a model, recorded in every exported trace and compared on replay:
 *
 * - `modelHash`: what the model is called and how it is laid out: name, params, layout (field
 *   names and specs), thread names and the action table. An exported trace names actions by
 *   name and states by field; if any of these change, the trace may mean something else.
 * - `behaviourHash`: what the model does: a breadth-first walk of its first states (up to
 *   4,096), hashing each state, its enabled actions, the value of every invariant and, at a
 *   terminal state, whether it is a valid end. A changed guard, update or invariant that any
 *   of those states exercises changes it, even when no name changed.
 *
 * Canonical JSON (sorted param keys) so the hashes do not depend on object key order.
 */
import { createHash } from 'node:crypto';
import type { Model } from '../explorer/model.ts';

export function modelHash(model: Model): string {
  const params = model.params ?? {};
  const canonical = {
    name: model.name,
    params: Object.keys(params)
      .sort()
      .map((k) => [k, params[k]]),
    layout: model.layout.fieldList.map((f) => [f.name, f.spec]),
    threads: model.threads.map((t) => t.name),
    actions: model.actions.map((a) => [a.name, a.thread, a.kernelFunction ?? null, a.specSection ?? null]),
  };
  return `sha256:${createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 32)}`;
}

/** States the behaviour hash walks, at most. */
export const BEHAVIOUR_STATES = 4096;

/**
 * Hash of the model's behaviour on its first `limit` states (BFS, deterministic). A model
 * function that throws is hashed as "threw" rather than failing the export or the replay.
 */
export function behaviourHash(model: Model, limit = BEHAVIOUR_STATES): string {
  const h = createHash('sha256');
  const words = model.layout.words;
  const seen = new Set<string>();
  const queue: Uint32Array[] = [];
  const ids = new Int32Array(Math.max(1, model.actions.length));
  const push = (s: Uint32Array) => {
    const key = s.join(',');
    if (seen.has(key) || seen.size >= limit) return;
    seen.add(key);
    queue.push(s);
  };
  try {
    for (const s of model.initialStates()) push(s.slice());
  } catch {
    return 'sha256:initial-states-threw';
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    h.update(`S${s.join(',')}|`);
    let n: number;
    try {
      n = model.enabled(s, ids);
    } catch {
      h.update('enabled-threw;');
      continue;
    }
    const enabled = Array.from(ids.subarray(0, n));
    h.update(`E${enabled.join(',')}|I`);
    for (const inv of model.invariants) {
      let v: string;
      try {
        v = inv.holds(s) ? '1' : '0';
      } catch {
        v = 't';
      }
      h.update(v);
    }
    if (n === 0) {
      let end: string;
      try {
        end = model.isValidEnd?.(s) ? 'V' : 'D';
      } catch {
        end = 't';
      }
      h.update(end);
    }
    h.update(';');
    for (const a of enabled) {
      const next = new Uint32Array(words);
      try {
        model.next(s, a, next);
      } catch {
        h.update(`X${a};`);
        continue;
      }
      push(next);
    }
  }
  h.update(`N${seen.size}`);
  return `sha256:${h.digest('hex').slice(0, 32)}`;
}
