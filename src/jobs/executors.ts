/**
 * A fixed set of job worker processes (src/jobs/worker.ts) that stay up and take jobs one at a
 * time each, for a long-lived `zrcheck worker` (the local pool, pool.ts, owns its own for one
 * list of jobs). Each job runs in a child process so the worker's own event loop stays free to
 * renew its queue locks while a search runs for minutes; a job can be stopped by killing its
 * process (a replacement is forked); a child that dies mid-job fails that job only.
 */
import type { ChildProcess } from 'node:child_process';
import { forkJobWorker } from './pool.ts';
import type { JobKind } from './registry.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

export interface Execution {
  readonly result: Promise<{ readonly result: unknown; readonly ms: number }>;
  /** Kills the process running it (the result then rejects with JobStopped). */
  stop(): void;
}

/** The job was stopped (cancelled, or the executors closed). */
export class JobStopped extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'JobStopped';
  }
}

/** The handler threw: a bug or a bad payload; running it again gives the same. */
export class JobCrashed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobCrashed';
  }
}

interface Slot {
  child: ChildProcess;
  busy: boolean;
  settle?: (r: { result: unknown; ms: number } | Error) => void;
  stopping?: string;
}

export class Executors {
  private readonly slots: Slot[] = [];
  private closed = false;
  private seq = 0;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { child: forkJobWorker(), busy: false };
    slot.child.on('message', (m: WorkerReply) => {
      const s = slot.settle;
      slot.settle = undefined;
      slot.busy = false;
      if (m?.type === 'result') s?.({ result: m.result, ms: m.ms });
      else if (m?.type === 'crash') s?.(new JobCrashed(m.message));
    });
    slot.child.on('exit', (code, signal) => {
      const s = slot.settle;
      slot.settle = undefined;
      slot.busy = false;
      s?.(slot.stopping !== undefined ? new JobStopped(slot.stopping) : new Error(`its worker process exited (code ${code ?? 'none'}, signal ${signal ?? 'none'})`));
      if (!this.closed) {
        const i = this.slots.indexOf(slot);
        if (i >= 0) this.slots[i] = this.spawn();
      }
    });
    slot.child.on('error', () => {});
    return slot;
  }

  /** Runs a job on an idle process (the caller never asks for more than `size` at once). */
  run(kind: JobKind, payload: unknown): Execution {
    const slot = this.slots.find((s) => !s.busy);
    if (slot === undefined || this.closed) return { result: Promise.reject(new JobStopped('no free worker process')), stop: () => {} };
    slot.busy = true;
    slot.stopping = undefined;
    const result = new Promise<{ result: unknown; ms: number }>((resolve, reject) => {
      slot.settle = (r) => (r instanceof Error ? reject(r) : resolve(r));
    });
    const req: WorkerRequest = { type: 'job', id: this.seq++, kind, payload };
    slot.child.send(req);
    return {
      result,
      stop: () => {
        if (slot.settle === undefined) return;
        slot.stopping = 'stopped';
        slot.child.kill('SIGKILL');
      },
    };
  }

  /** Kills every process; running jobs reject with JobStopped. */
  close(reason = 'the worker is shutting down'): void {
    this.closed = true;
    for (const s of this.slots) {
      s.stopping = reason;
      if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    }
  }
}
