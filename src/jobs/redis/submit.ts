/**
 * The submitting side of the Redis queue: the same contract as the local pool (src/jobs/run.ts)
 * with BullMQ doing the distribution. Enqueues every job under its deterministic id
 * (src/jobs/jobId.ts) with the model's source hash, then collects results, which workers
 * (src/jobs/redis/worker.ts) store under the job id, until all are in, one failed for good, or
 * the run is stopped.
 *
 * - Idempotent: a result is stored once per job id (SET NX); a job run twice (its worker was
 *   thought lost, then finished) is counted once. Results come back by job index, so the
 *   callers assemble exactly what a local run assembles.
 * - Retries and stalled-job recovery are BullMQ's (attempts, lock expiry): a worker killed
 *   mid-job has its job taken over by another; the progress shows how many were retried.
 * - Stop (Ctrl-C): collecting stops at once and the outcome is 'interrupted'; the jobs stay
 *   queued and their results stay in Redis (7 days), so `--resume` picks up every finished one.
 *   With `queue.cancelOnStop` (a swarm stopped by its first violation) the run's waiting jobs are
 *   removed and its running ones asked to stop.
 * - Without `resume`, results already stored for these ids are dropped first: the run
 *   recomputes everything. Jobs of these ids that failed in an earlier run are removed, so
 *   they run again.
 */
import { Queue, type Job } from 'bullmq';
import { jobId } from '../jobId.ts';
import { modelSourceHash, toModelRef } from '../modelRef.ts';
import type { JobDone, JobSpec, QueueTarget, RunOptions, RunOutcome } from '../types.ts';
import { cancelKey, connectionOptions, parseQueueUrl, QUEUE_NAME, redisClient, RESULT_TTL_SECONDS, resultKey } from './connection.ts';
import { thisProcess, type Envelope, type StoredResult } from './envelope.ts';

export interface QueuedOptions<R> extends RunOptions<R> {
  readonly queue: QueueTarget;
  /** How often results are collected, ms (default 200). */
  readonly pollMs?: number;
}

/** Attempts per job: a job whose worker process dies (crash, out of memory) runs again elsewhere. */
export const ATTEMPTS = 3;
const CHUNK = 500;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export async function runQueued<P, R>(jobs: readonly JobSpec<P>[], opts: QueuedOptions<R>): Promise<RunOutcome<R>> {
  const noun = opts.noun ?? 'job';
  const addr = parseQueueUrl(opts.queue.url);
  if (typeof addr === 'string') return { kind: 'failed', error: addr };
  const ref = toModelRef(opts.queue.model);
  let hash: string;
  try {
    hash = await modelSourceHash(ref);
  } catch (e) {
    return { kind: 'failed', error: `cannot hash the model sources of ${ref}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
  const ids = jobs.map((j) => jobId(j.kind, j.payload, hash));
  const indicesOf = new Map<string, number[]>();
  ids.forEach((id, i) => indicesOf.set(id, [...(indicesOf.get(id) ?? []), i]));
  const unique = [...indicesOf.keys()];
  const envelopeOf = (id: string): Envelope => {
    const j = jobs[indicesOf.get(id)![0]!]!;
    return { v: 1, kind: j.kind, payload: j.payload, model: { ref, hash }, from: thisProcess() };
  };

  const redis = redisClient(addr);
  redis.on('error', () => {});
  const queue = new Queue(QUEUE_NAME, { connection: connectionOptions(addr) });
  queue.on('error', () => {});
  let stopped = false;
  let wake: (() => void) | undefined;
  const unregister = opts.onStop?.(() => {
    stopped = true;
    wake?.();
  });
  const results: JobDone<R>[] = [];
  const pending = new Set(unique);
  let retried = 0;
  let failedCount = 0;
  try {
    await redis.connect();
    // Jobs of ours that failed in an earlier run would block a re-add under the same id.
    for (const j of await ourFailed(queue, pending)) await j.remove().catch(() => {});
    for (const part of chunks(unique)) await redis.del(...part.map(cancelKey));
    if (!opts.queue.resume) for (const part of chunks(unique)) await redis.del(...part.map(resultKey));

    const collect = async (which: readonly string[]) => {
      for (const part of chunks(which)) {
        const raw = await redis.mget(...part.map(resultKey));
        part.forEach((id, k) => {
          const text = raw[k];
          if (text === null || text === undefined || !pending.has(id)) return;
          pending.delete(id);
          const stored = JSON.parse(text) as StoredResult;
          if (stored.retried) retried++;
          for (const index of indicesOf.get(id)!) {
            const r: JobDone<R> = { index, result: stored.result as R, ms: stored.ms };
            results.push(r);
            opts.onResult?.(r, results.length, jobs.length);
          }
        });
      }
    };
    await collect(unique);
    const resumed = results.length;
    const add = async (which: readonly string[]) => {
      for (const part of chunks(which)) {
        await queue.addBulk(
          part.map((id) => ({
            name: jobs[indicesOf.get(id)![0]!]!.kind,
            data: envelopeOf(id),
            opts: { jobId: id, attempts: ATTEMPTS, backoff: { type: 'fixed', delay: 500 }, removeOnComplete: true, removeOnFail: { age: RESULT_TTL_SECONDS } },
          })),
        );
      }
    };
    await add([...pending]);

    const pollMs = opts.pollMs ?? 200;
    let lastReconcile = performance.now();
    while (pending.size > 0 && !stopped) {
      await new Promise<void>((res) => {
        wake = res;
        setTimeout(res, pollMs);
      });
      wake = undefined;
      if (stopped) break;
      await collect([...pending]);
      if (pending.size === 0) break;
      if ((await queue.getFailedCount()) > 0) {
        const failed = await ourFailed(queue, pending);
        if (failed.length > 0) {
          failedCount = failed.length;
          opts.queue.onStatus?.({ done: results.length, total: jobs.length, running: await queue.getActiveCount(), failed: failedCount, retried, resumed });
          const f = failed[0]!;
          return { kind: 'failed', error: `${noun} ${f.id} failed on its worker after ${f.attemptsMade} attempt${f.attemptsMade === 1 ? '' : 's'}: ${f.failedReason}` };
        }
      }
      // A job that left the queue without a result (its result key was deleted, Redis lost
      // it) is added again: the id makes that safe.
      if (performance.now() - lastReconcile > 5000) {
        lastReconcile = performance.now();
        const gone: string[] = [];
        for (const id of pending) if ((await queue.getJobState(id)) === 'unknown') gone.push(id);
        if (gone.length > 0) {
          await collect(gone);
          await add(gone.filter((id) => pending.has(id)));
        }
      }
      opts.queue.onStatus?.({ done: results.length, total: jobs.length, running: await queue.getActiveCount(), failed: failedCount, retried, resumed });
    }
    opts.queue.onStatus?.({ done: results.length, total: jobs.length, running: 0, failed: failedCount, retried, resumed });
    if (pending.size > 0) {
      if (opts.queue.cancelOnStop === true) await cancel(queue, redis, [...pending]);
      return { kind: 'interrupted', completed: results.length };
    }
    return { kind: 'done', results };
  } catch (e) {
    return { kind: 'failed', error: `the queue at ${addr.url}: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    unregister?.();
    await queue.close().catch(() => {});
    redis.disconnect();
  }
}

/** This run's jobs (by id) in the failed set. */
async function ourFailed(queue: Queue, ids: ReadonlySet<string>): Promise<Job[]> {
  if ((await queue.getFailedCount()) === 0) return [];
  return (await queue.getJobs(['failed'])).filter((j) => j !== undefined && j.id !== undefined && ids.has(j.id));
}

/** Removes the waiting ones; asks the workers running the others to stop them (src/jobs/redis/worker.ts). */
async function cancel(queue: Queue, redis: ReturnType<typeof redisClient>, ids: readonly string[]): Promise<void> {
  for (const part of chunks(ids)) {
    const m = redis.multi();
    for (const id of part) m.set(cancelKey(id), '1', 'EX', 3600);
    await m.exec();
  }
  for (const id of ids) {
    const j = await queue.getJob(id);
    if (j !== undefined && (await j.getState()) !== 'active') await j.remove().catch(() => {});
  }
}
