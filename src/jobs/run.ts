/**
 * One door for every caller that runs jobs (matrix, sweep, swarm): on this machine's worker
 * processes (src/jobs/pool.ts, the default), or through the Redis queue when a `QueueTarget`
 * is given (src/jobs/redis/submit.ts, loaded only then: a local run needs no Redis client).
 * Both return the same outcome, results by job index, so the callers assemble them alike.
 */
import { runPool } from './pool.ts';
import type { JobSpec, QueueTarget, RunOptions, RunOutcome } from './types.ts';

export type { JobDone, JobSpec, QueueStatus, QueueTarget, RunOptions, RunOutcome } from './types.ts';

export async function runJobs<P, R>(jobs: readonly JobSpec<P>[], opts: RunOptions<R> & { readonly queue?: QueueTarget | undefined }): Promise<RunOutcome<R>> {
  if (opts.queue === undefined) return runPool<P, R>(jobs, opts);
  const { runQueued } = await import('./redis/submit.ts');
  return runQueued<P, R>(jobs, { ...opts, queue: opts.queue });
}
