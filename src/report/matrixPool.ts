/**
 * Runs cell jobs on N forked worker processes (cellWorker.ts), one job per worker at a time,
 * and gathers the results. Stops early, killing its workers, when asked to (Ctrl-C).
 *
 * Why fork + tsx: workers must run the same TypeScript sources as the parent without a build;
 * `--import <tsx loader>` registers tsx in the child (a resolved file URL, so it works from any
 * working directory). Results come back in completion order; the caller sorts them.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkerReply, WorkerRequest } from './cellWorker.ts';
import type { CellJob, CellResult } from './matrixTypes.ts';

export type PoolOutcome =
  | { readonly kind: 'done'; readonly results: readonly CellResult[] }
  | { readonly kind: 'interrupted'; readonly completed: number }
  | { readonly kind: 'failed'; readonly error: string };

export interface PoolOptions {
  readonly workers: number;
  /** Called after each finished job, with the count done so far. */
  readonly onResult?: (r: CellResult, done: number, total: number) => void;
  /** Registers the stop request (e.g. io.onInterrupt); returns an unregister function. */
  readonly onStop?: (stop: () => void) => () => void;
}

const WORKER = fileURLToPath(new URL('./cellWorker.ts', import.meta.url));

function tsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

export function runPool(jobs: readonly CellJob[], opts: PoolOptions): Promise<PoolOutcome> {
  const n = Math.max(1, Math.min(opts.workers, jobs.length));
  return new Promise((resolve) => {
    const results: CellResult[] = [];
    const children: ChildProcess[] = [];
    const retired = new Set<ChildProcess>();
    let next = 0;
    let finished = false;
    let unregister: () => void = () => {};
    const finish = (o: PoolOutcome) => {
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
      const req: WorkerRequest = { type: 'job', id, job: jobs[id]! };
      child.send(req);
    };
    for (let w = 0; w < n; w++) {
      const child = fork(WORKER, [], {
        execArgv: ['--import', tsxLoaderUrl()],
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        serialization: 'advanced',
      });
      children.push(child);
      child.on('message', (msg: WorkerReply) => {
        if (finished || msg?.type !== 'result') return;
        const job = jobs[msg.id]!;
        const r: CellResult = { scenario: job.scenario, variant: job.variant, assumptions: job.assumptions, outcome: msg.outcome, ms: msg.ms };
        results.push(r);
        opts.onResult?.(r, results.length, jobs.length);
        if (results.length === jobs.length) finish({ kind: 'done', results });
        else give(child);
      });
      child.on('exit', (code, signal) => {
        if (finished || retired.has(child)) return;
        if (signal === 'SIGINT') finish({ kind: 'interrupted', completed: results.length });
        // A worker that leaves with work outstanding (crash, out of memory) fails the run: a
        // matrix with a silently missing cell would read as complete.
        else finish({ kind: 'failed', error: `a cell worker exited (code ${code ?? 'none'}, signal ${signal ?? 'none'}) with ${jobs.length - results.length} cells unfinished` });
      });
      child.on('error', (e) => finish({ kind: 'failed', error: `cell worker: ${e.message}` }));
      give(child);
    }
  });
}
