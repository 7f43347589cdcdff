/**
 * Entry of a job worker process (forked by pool.ts with tsx registered, for the local pool or
 * for a `zrcheck worker` serving the Redis queue). Receives jobs over IPC, imports the handler
 * module of each job's kind (src/jobs/registry.ts, cached) and calls its `runJob(payload)`,
 * then sends back the result and its wall time.
 *
 * Why processes: jobs are independent and CPU-bound; two processes use both cores, and a job
 * that crashes or runs out of memory takes down only its worker. Ctrl-C is left to the parent
 * (which kills the workers), so a worker never dies half-way through a reply. A handler that
 * throws is a programmer error: reported as a crash, which fails the run.
 */

import { handlerUrl, isJobKind, type JobKind } from './registry.ts';

export type WorkerRequest = { readonly type: 'job'; readonly id: number; readonly kind: JobKind; readonly payload: unknown };
export type WorkerReply =
  | { readonly type: 'result'; readonly id: number; readonly result: unknown; readonly ms: number }
  | { readonly type: 'crash'; readonly id: number; readonly message: string };

type Handler = { runJob(payload: unknown): unknown };
const handlers = new Map<string, Handler>();

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  const t0 = performance.now();
  try {
    if (!isJobKind(req.kind)) throw new Error(`unknown job kind ${JSON.stringify(req.kind)}`);
    const url = handlerUrl(req.kind);
    let h = handlers.get(url);
    if (h === undefined) {
      const mod = (await import(url)) as Partial<Handler>;
      if (typeof mod.runJob !== 'function') throw new Error(`job handler ${url} exports no runJob`);
      h = mod as Handler;
      handlers.set(url, h);
    }
    const result = await h.runJob(req.payload);
    return { type: 'result', id: req.id, result, ms: performance.now() - t0 };
  } catch (e) {
    return { type: 'crash', id: req.id, message: e instanceof Error ? `${e.message}${e.stack ? `\n${e.stack}` : ''}` : String(e) };
  }
}

if (process.send !== undefined) {
  process.on('SIGINT', () => {
    /* the parent stops us */
  });
  process.on('message', (msg: WorkerRequest) => {
    if (msg?.type !== 'job') return;
    void handle(msg).then((reply) => process.send!(reply));
  });
  process.on('disconnect', () => process.exit(0));
}
