/**
 * The statistics of a symmetric search (outcome.ts SymmetryStats): the sets, the method and its
 * cost, and the unreduced state count when it is known.
 */
import type { SymmetryStats } from '../outcome.ts';
import type { SymmetryReduction } from './reduction.ts';

export const SYMMETRY_METHOD = 'exact canonical form: members sorted by their own data, tied members enumerated where a value field tells them apart; least image kept';

export function symmetryStats(sym: SymmetryReduction, complete: boolean): SymmetryStats {
  const c = sym.canon;
  return {
    sets: c.plan.sets.map((s) => ({ name: s.name, size: s.size })),
    method: SYMMETRY_METHOD,
    groupOrder: c.groupOrder,
    canonicalizations: c.canonicalizations,
    images: c.images,
    initialStatesSymmetric: sym.initialClosed,
    ...(complete && sym.initialClosed ? { statesUnreduced: sym.unreduced } : {}),
  };
}
