/**
 * The working side of the Redis queue (`zrcheck worker --queue redis://HOST:PORT`): a BullMQ
 * Worker taking up to N jobs at once, each run on its own job process (src/jobs/executors.ts),
 * so this process's event loop only talks to Redis and keeps its job locks renewed.
 *
 * Per job: the envelope's model source hash must equal this checkout's (src/jobs/modelRef.ts),
 * else the job is refused for good with a message naming both hashes (another machine's
 * checkout differs; retrying cannot help). The result is stored under the job id with SET NX
 * before BullMQ completes the job, so a job that ran twice is stored once, and a job whose
 * result is already stored is not run again. A handler that throws fails the job for good
 * (the same payload throws again); a job process that dies is retried (BullMQ attempts).
 *
 * Stopping (Ctrl-C): the job processes are killed and their jobs handed back to the queue
 * (moveToWait) at once, for another worker; a worker that is killed outright has its jobs
 * taken over when their locks expire (`lockMs`, BullMQ's stalled-job check). A cancel key set
 * by the submitter (src/jobs/redis/submit.ts) stops a running job within a second.
 */
import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { modelSourceHash } from '../modelRef.ts';
import { isJobKind } from '../registry.ts';
import { Executors, JobCrashed, JobStopped, type Execution } from '../executors.ts';
import { cancelKey, connectionOptions, QUEUE_NAME, redisClient, RESULT_TTL_SECONDS, resultKey, type RedisAddress } from './connection.ts';
import { thisProcess, type Envelope, type StoredResult } from './envelope.ts';

export type WorkerEvent =
  | { readonly type: 'start'; readonly id: string; readonly kind: string }
  | { readonly type: 'done'; readonly id: string; readonly kind: string; readonly ms: number }
  | { readonly type: 'skipped'; readonly id: string; readonly kind: string }
  | { readonly type: 'refused' | 'failed' | 'cancelled' | 'handed-back'; readonly id: string; readonly kind: string; readonly message: string };

export interface QueueWorkerOptions {
  readonly address: RedisAddress;
  /** Jobs at once (one job process each). */
  readonly concurrency: number;
  /** How long a job's lock lasts without renewal: a killed worker's jobs move on after about this (ms). */
  readonly lockMs: number;
  readonly onEvent?: (e: WorkerEvent) => void;
}

export interface QueueWorker {
  readonly counts: { done: number; failed: number; running: number };
  /** Hands running jobs back to the queue and disconnects. */
  close(): Promise<void>;
}

export async function startQueueWorker(opts: QueueWorkerOptions): Promise<QueueWorker> {
  const me = thisProcess();
  const redis = redisClient(opts.address);
  redis.on('error', () => {});
  await redis.connect();
  const executors = new Executors(opts.concurrency);
  const active = new Map<string, Execution>();
  const cancelled = new Set<string>();
  const counts = { done: 0, failed: 0, running: 0 };
  let closing = false;
  const emit = (e: WorkerEvent) => opts.onEvent?.(e);

  const processor = async (job: Job, token?: string): Promise<string> => {
    const id = job.id!;
    const env = job.data as Partial<Envelope>;
    const kind = String(env?.kind);
    const refuse = (message: string): never => {
      counts.failed++;
      emit({ type: 'refused', id, kind, message });
      throw new UnrecoverableError(message);
    };
    if (env?.v !== 1 || !isJobKind(env.kind) || env.model === undefined) refuse(`refused by worker ${me}: not a zrcheck job of a kind this checkout knows (kind ${JSON.stringify(env?.kind)})`);
    const e = env as Envelope;
    let mine: string;
    try {
      mine = await modelSourceHash(e.model.ref);
    } catch (err) {
      return refuse(`refused by worker ${me}: it cannot read the model ${e.model.ref} (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); every worker needs the submitter's checkout`);
    }
    if (mine !== e.model.hash) {
      refuse(`refused by worker ${me}: model source hash mismatch for ${e.model.ref}: the submitter (${e.from}) has ${e.model.hash}, this worker has ${mine}; run the same commit of zrcheck on every machine`);
    }
    if ((await redis.exists(resultKey(id))) === 1) {
      emit({ type: 'skipped', id, kind });
      return 'stored before';
    }
    emit({ type: 'start', id, kind });
    const ex = executors.run(e.kind, e.payload);
    active.set(id, ex);
    counts.running++;
    try {
      const r = await ex.result;
      const stored: StoredResult = { result: r.result, ms: r.ms, worker: me, retried: job.attemptsMade > 0 || job.stalledCounter > 0 };
      await redis.set(resultKey(id), JSON.stringify(stored), 'EX', RESULT_TTL_SECONDS, 'NX');
      counts.done++;
      emit({ type: 'done', id, kind, ms: r.ms });
      return 'stored';
    } catch (err) {
      if (err instanceof JobStopped && cancelled.has(id)) {
        emit({ type: 'cancelled', id, kind, message: 'cancelled by its submitter' });
        throw new UnrecoverableError('cancelled by its submitter');
      }
      if (err instanceof JobStopped && closing && token !== undefined) {
        await job.moveToWait(token);
        emit({ type: 'handed-back', id, kind, message: 'this worker is stopping' });
        throw new WaitingError();
      }
      counts.failed++;
      const message = err instanceof Error ? err.message : String(err);
      emit({ type: 'failed', id, kind, message });
      if (err instanceof JobCrashed) throw new UnrecoverableError(`the ${kind} handler threw on worker ${me}: ${message}`);
      throw new Error(`on worker ${me}: ${message}`);
    } finally {
      active.delete(id);
      counts.running--;
    }
  };

  const worker = new Worker(QUEUE_NAME, processor, {
    connection: connectionOptions(opts.address),
    concurrency: opts.concurrency,
    lockDuration: opts.lockMs,
    stalledInterval: Math.max(1000, Math.round(opts.lockMs / 2)),
    maxStalledCount: 3,
    // An idle worker polls again after this many seconds: BullMQ wakes one blocked worker per
    // burst of added jobs, the others notice the burst on their next poll.
    drainDelay: 0.5,
  });
  worker.on('error', () => {});
  await worker.waitUntilReady();

  // A submitter that no longer needs a job (a swarm that found its violation) sets its cancel key.
  const poll = setInterval(() => {
    for (const [id, ex] of active) {
      void redis.exists(cancelKey(id)).then((n) => {
        if (n === 1 && !cancelled.has(id)) {
          cancelled.add(id);
          ex.stop();
        }
      }, () => {});
    }
  }, 1000);

  return {
    counts,
    async close() {
      closing = true;
      clearInterval(poll);
      const closed = worker.close();
      executors.close();
      await closed.catch(() => {});
      redis.disconnect();
    },
  };
}
