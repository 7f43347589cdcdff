/**
 * `fuzzModel`: fast-check over any model. Generates schedules (schedule.ts), walks each one
 * (walk.ts), and on a violation lets fast-check shrink the schedule, then replays the shrunk
 * schedule into a Violation and, if asked, hands it to the minimiser.
 *
 * Reproducibility: the result carries fast-check's `seed` and counterexample `path`; running
 * again with `{ seed, path }` walks straight to the same shrunk schedule (fast-check replays a
 * path with `endOnFailure`). Paths are stable for the same model, constraints and fast-check
 * version, which is why all three are part of what `zrcheck fuzz` prints.
 */
import fc from 'fast-check';
import type { DeadlockMode, Model } from '../explorer/model.ts';
import type { Violation } from '../explorer/outcome.ts';
import { minimizeViolation, type MinimizeOptions, type MinimizeResult } from '../minimize/minimize.ts';
import { scheduleArbitrary, type ScheduleConstraints } from './schedule.ts';
import { walkSchedule, type WalkOptions } from './walk.ts';

export interface FuzzOptions extends ScheduleConstraints, WalkOptions {
  /** Schedules to try (default 1000). */
  readonly runs?: number;
  /** fast-check seed (default: a fresh one, printed so the run can be repeated). */
  readonly seed?: number;
  /** fast-check replay path of a previous failure (needs its seed). */
  readonly path?: string;
  /** Only these properties count as failures (default: all). */
  readonly properties?: readonly string[];
  /** Minimise the shrunk counterexample (default false); options go to the minimiser. */
  readonly minimize?: boolean | MinimizeOptions;
  readonly deadlock?: DeadlockMode;
  /** Polled before every run: true ends the fuzzing (an 'interrupted' result, or the failure found so far). */
  readonly shouldAbort?: () => boolean;
}

export type FuzzResult =
  /** No violation in `runs` random schedules: not a proof of anything. */
  | { readonly kind: 'passed'; readonly runs: number; readonly seed: number }
  /** Interrupted before a violation was found, after `runs` schedules. */
  | { readonly kind: 'interrupted'; readonly runs: number; readonly seed: number }
  | {
      readonly kind: 'violated';
      readonly seed: number;
      /** fast-check path of the shrunk counterexample: replay with { seed, path }. */
      readonly path: string;
      /** The shrunk schedule. */
      readonly schedule: readonly number[];
      /** The violation the shrunk schedule produces. */
      readonly violation: Violation;
      readonly runs: number;
      readonly shrinks: number;
      /** fast-check's version: a path replays only under the same one. */
      readonly fastCheckVersion: string;
      /** Present when minimisation was asked for. */
      readonly minimized?: MinimizeResult;
    };

export function fuzzModel(model: Model, opts: FuzzOptions = {}): FuzzResult {
  const seed = opts.seed ?? (Date.now() ^ (Math.random() * 0x100000000)) | 0;
  const arb = scheduleArbitrary(model, opts);
  const walkOpts: WalkOptions = {
    ...(opts.maxSteps !== undefined ? { maxSteps: opts.maxSteps } : {}),
    ...(opts.deadlock !== undefined ? { deadlock: opts.deadlock } : {}),
    ...(opts.properties !== undefined ? { properties: opts.properties } : {}),
  };
  // An interruption makes every later run (and shrink attempt) pass at once: fast-check then
  // ends quickly, keeping the smallest failure it had, if any.
  const abort = opts.shouldAbort;
  let aborted = false;
  let walkedRuns = 0;
  const holds = (schedule: number[]) => {
    if (abort !== undefined && (aborted || abort())) {
      aborted = true;
      return true;
    }
    walkedRuns++;
    return walkSchedule(model, schedule, walkOpts).kind !== 'violation';
  };
  const details = fc.check(fc.property(arb, holds), {
    seed,
    numRuns: opts.runs ?? 1000,
    ...(opts.path !== undefined ? { path: opts.path, endOnFailure: true } : {}),
  });
  if (!details.failed || details.counterexample === null) {
    return aborted ? { kind: 'interrupted', runs: walkedRuns, seed } : { kind: 'passed', runs: details.numRuns, seed };
  }
  const schedule = details.counterexample[0];
  // Walking again re-raises a model that threw (fast-check counts a throw as a failure).
  const walked = walkSchedule(model, schedule, walkOpts);
  if (walked.kind !== 'violation') throw new Error('fast-check reported a schedule that does not fail when walked again');
  const base = {
    kind: 'violated' as const,
    seed,
    path: details.counterexamplePath ?? '',
    schedule,
    violation: walked.violation,
    runs: details.numRuns,
    shrinks: details.numShrinks,
    fastCheckVersion: fc.__version,
  };
  if (opts.minimize === undefined || opts.minimize === false) return base;
  const minimized = minimizeViolation(model, walked.violation, {
    ...(typeof opts.minimize === 'object' ? opts.minimize : {}),
    ...(opts.deadlock !== undefined ? { deadlock: opts.deadlock } : {}),
    ...(abort !== undefined ? { shouldAbort: abort } : {}),
  });
  return { ...base, minimized };
}
