/**
 * Schedules as fast-check data, valid by construction: a schedule is a list of naturals, and
 * step i takes enabled action number `schedule[i] mod (count of enabled actions)`. Any list is
 * a valid schedule of any model, so fast-check never rejects a value and every shrink (shorter
 * list, smaller numbers) is again a valid schedule. Shrinking moves toward "take the first
 * enabled action", the deterministic completion the walker uses once the list runs out.
 *
 * Why not fc.scheduler: it reorders promises and does not shrink (fast-check 4 source:
 * "Not supported yet"); explicit data does both.
 */
import fc from 'fast-check';
import type { Model } from '../explorer/model.ts';

export type Schedule = readonly number[];

export interface ScheduleConstraints {
  /** Longest schedule generated (default 64); the walker completes past it with choice 0. */
  readonly maxLength?: number;
  /** Largest choice generated (default: actions - 1, enough to reach any enabled action). */
  readonly maxChoice?: number;
}

/** The schedule arbitrary for a model. */
export function scheduleArbitrary(model: Model, c: ScheduleConstraints = {}): fc.Arbitrary<number[]> {
  const maxChoice = c.maxChoice ?? Math.max(1, model.actions.length - 1);
  return fc.array(fc.nat({ max: maxChoice }), { maxLength: c.maxLength ?? 64 });
}
