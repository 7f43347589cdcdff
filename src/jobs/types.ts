/**
 * What a job runner (the local pool, src/jobs/pool.ts, or the Redis queue, src/jobs/redis)
 * takes and returns. The callers (matrix, sweep, swarm) see only these, so a run moves from
 * this machine's cores to many machines by one option, and assembles the same results.
 */
import type { JobKind } from './registry.ts';

/** One unit of work: its kind (src/jobs/registry.ts) and a plain, serialisable payload. */
export interface JobSpec<P> {
  readonly kind: JobKind;
  readonly payload: P;
}

export interface JobDone<R> {
  /** Index of the job in the list given to the runner. */
  readonly index: number;
  readonly result: R;
  /** Wall time of the job where it ran. */
  readonly ms: number;
}

export type RunOutcome<R> =
  | { readonly kind: 'done'; readonly results: readonly JobDone<R>[] }
  | { readonly kind: 'interrupted'; readonly completed: number }
  | { readonly kind: 'failed'; readonly error: string };

/** How a queued run stands (src/jobs/redis): for the progress line. */
export interface QueueStatus {
  readonly done: number;
  readonly total: number;
  /** Jobs active on some worker now (all of this queue's, not only this run's). */
  readonly running: number;
  /** This run's jobs that failed for good. */
  readonly failed: number;
  /** This run's jobs that were taken over after their worker was lost (stalled). */
  readonly retried: number;
  /** Results found already in Redis when the run started (--resume). */
  readonly resumed: number;
}

export interface RunOptions<R> {
  /** Local worker processes (ignored by the queue, whose workers are `zrcheck worker`s). */
  readonly workers: number;
  /** Called after each finished job, with the count done so far. */
  readonly onResult?: (r: JobDone<R>, done: number, total: number) => void;
  /** Registers the stop request (e.g. io.onInterrupt); returns an unregister function. */
  readonly onStop?: (stop: () => void) => () => void;
  /** What a job is called in messages ("cell", "layout batch"). */
  readonly noun?: string;
}

/** Where a queued run goes (`--queue redis://HOST:PORT`), and how. */
export interface QueueTarget {
  /** `redis://HOST:PORT` (or `redis://HOST:PORT/DB`). */
  readonly url: string;
  /** Keep results already in Redis for these jobs (--resume); otherwise they are recomputed. */
  readonly resume: boolean;
  /** The model the jobs run (src/jobs/modelRef.ts): its source hash goes with every job. */
  readonly model: string;
  /** Progress of the queued run, a few times a second. */
  readonly onStatus?: (s: QueueStatus) => void;
  /** On stop, remove the run's waiting jobs and cancel its running ones (a swarm that found its violation). */
  readonly cancelOnStop?: boolean;
}
