/**
 * A stable hash of what a model *is*: name, params, layout (field names and specs, in order),
 * thread names and the action table (name, thread, kernel function, spec section).
 *
 * Why: an exported trace names actions by name and states by field; if any of these change,
 * the trace may no longer mean the same thing. The hash is recorded in every ITF file and
 * compared on replay, so "this trace came from a different model" is said, not guessed.
 * Canonical JSON (sorted param keys) so the hash does not depend on object key order.
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
