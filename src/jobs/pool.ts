/**
 * Runs jobs on N forked worker processes (worker.ts), one job per worker at a time, and
 * gathers the results: the embedded default runner, no Redis needed (src/jobs/redis is the
 * other). A job names its kind (src/jobs/registry.ts) and carries a plain payload; the worker
 * imports the kind's handler and calls its `runJob(payload)`. Stops early, killing its
 * workers, when asked to (Ctrl-C).
 *
 * Why kinds: this folder knows nothing of what a job computes (a matrix cell, a batch of
 * layouts, a swarm member); the same job runs on another machine that has the project. Why fork
 * + tsx: workers must run the same TypeScript sources as the parent without a build;
 * `--import <tsx loader>` registers tsx in the child (a resolved file URL, so it works from any
 * working directory). Results come back in completion order; callers sort them.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { JobDone, JobSpec, RunOptions, RunOutcome } from './types.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

export type { JobDone, JobSpec } from './types.ts';
export type PoolOutcome<R> = RunOutcome<R>;
export type PoolOptions<R> = RunOptions<R>;

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

/** Forks one job worker process (tsx registered; stderr shared with this process). */
export function forkJobWorker(): ChildProcess {
  return fork(WORKER, [], {
    execArgv: ['--import', tsxLoaderUrl()],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
}

export function runPool<P, R>(jobs: readonly JobSpec<P>[], opts: PoolOptions<R>): Promise<PoolOutcome<R>> {
  const n = Math.max(1, Math.min(opts.workers, jobs.length));
  const noun = opts.noun ?? 'job';
  return new Promise((resolve) => {
    const results: JobDone<R>[] = [];
    const children: ChildProcess[] = [];
    const retired = new Set<ChildProcess>();
    let next = 0;
    let finished = false;
    let unregister: () => void = () => {};
    const finish = (o: PoolOutcome<R>) => {
      if (finished) return;
      finished = true;
      unregister();
      for (const c of children) {
        if (c.exitCode === null && c.signalCode === null) c.kill();
      }
      resolve(o);
    };
    // A stop may arrive during registration itself (Ctrl-C before the pool started).
    const off = opts.onStop?.(() => finish({ kind: 'interrupted', completed: results.length }));
    if (finished) {
      off?.();
      return;
    }
    if (off !== undefined) unregister = off;
    if (jobs.length === 0) {
      finish({ kind: 'done', results });
      return;
    }
    const give = (child: ChildProcess) => {
      if (finished) return;
      if (next >= jobs.length) {
        retired.add(child);
        child.disconnect();
        return;
      }
      const id = next++;
      const req: WorkerRequest = { type: 'job', id, kind: jobs[id]!.kind, payload: jobs[id]!.payload };
      child.send(req);
    };
    for (let w = 0; w < n; w++) {
      const child = forkJobWorker();
      children.push(child);
      child.on('message', (msg: WorkerReply) => {
        if (finished) return;
        if (msg?.type === 'crash') {
          finish({ kind: 'failed', error: `a ${noun} failed in its worker: ${msg.message}` });
          return;
        }
        if (msg?.type !== 'result') return;
        const r: JobDone<R> = { index: msg.id, result: msg.result as R, ms: msg.ms };
        results.push(r);
        opts.onResult?.(r, results.length, jobs.length);
        if (results.length === jobs.length) finish({ kind: 'done', results });
        else give(child);
      });
      child.on('exit', (code, signal) => {
        if (finished || retired.has(child)) return;
        if (signal === 'SIGINT') finish({ kind: 'interrupted', completed: results.length });
        // A worker that leaves with work outstanding (crash, out of memory) fails the run: a
        // result with a silently missing job would read as complete.
        else finish({ kind: 'failed', error: `a ${noun} worker exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}) with ${jobs.length - results.length} ${noun}s unfinished` });
      });
      child.on('error', (e) => finish({ kind: 'failed', error: `${noun} worker: ${e.message}` }));
      give(child);
    }
  });
}
