/**
 * Restricting a model to some of its properties: the `--property NAME` of check, layouts and
 * the API. A model's properties are its invariants, its end checks and the built-in
 * `deadlock` (called D2 in the kernel model); selecting is a view of the model, not a copy of
 * its state space.
 */
import type { Model } from '../explorer/model.ts';

/**
 * Keeps only the named properties (invariants, end checks, and `deadlock`, also called D2 in
 * kernel models). Returns an error line listing the valid names for an unknown one.
 */
export function selectProperties(
  model: Model,
  names: readonly string[],
  explain?: (name: string) => string | undefined,
): { model: Model; deadlockOff: boolean } | string {
  if (names.length === 0) return { model, deadlockOff: false };
  const own = [...model.invariants.map((i) => i.name), ...(model.endChecks ?? []).map((i) => i.name)];
  const aliases = Object.entries(model.propertyAliases ?? {});
  const valid = [...own, 'deadlock', ...aliases.map(([, alias]) => alias)];
  for (const n of names) {
    if (!valid.includes(n)) return explain?.(n) ?? `unknown property '${n}'; valid: ${valid.join(', ')}`;
  }
  const keep = new Set(names.map((n) => aliases.find(([, alias]) => alias === n)?.[0] ?? n));
  const wantsDeadlock = keep.has('deadlock');
  return {
    model: {
      ...model,
      enabled: model.enabled.bind(model),
      next: model.next.bind(model),
      initialStates: model.initialStates.bind(model),
      ...(model.isValidEnd ? { isValidEnd: model.isValidEnd.bind(model) } : {}),
      ...(model.waitsFor ? { waitsFor: model.waitsFor.bind(model) } : {}),
      invariants: model.invariants.filter((i) => keep.has(i.name)),
      endChecks: (model.endChecks ?? []).filter((i) => keep.has(i.name)),
    },
    deadlockOff: !wantsDeadlock,
  };
}


/** The model's own name for a property given by one of its aliases (`D2` -> `deadlock`), else the name. */
export function canonicalProperty(model: Model, name: string): string {
  return Object.entries(model.propertyAliases ?? {}).find(([, alias]) => alias === name)?.[0] ?? name;
}
