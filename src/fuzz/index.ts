/** fast-check over any model: schedule arbitrary, walker, runner (see each file's header). */
export { scheduleArbitrary, type Schedule, type ScheduleConstraints } from './schedule.ts';
export { walkSchedule, type WalkOptions, type WalkResult } from './walk.ts';
export { fuzzModel, type FuzzOptions, type FuzzResult } from './runner.ts';
