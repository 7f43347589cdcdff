/**
 * Entry of a matrix cell worker process (forked by matrixPool.ts with tsx registered). Receives
 * jobs over IPC, runs each with runCell, sends back the outcome and its wall time.
 *
 * Why processes: cells are independent and CPU-bound; two processes use both cores, and a cell
 * that crashes or runs out of memory takes down only its worker. Ctrl-C is left to the parent
 * (which kills the workers), so a worker never dies half-way through a reply.
 */
import { loadCatalog, type Catalog } from './matrixCatalog.ts';
import { runCell } from './matrixCell.ts';
import type { CellJob, CellOutcome } from './matrixTypes.ts';

export type WorkerRequest = { readonly type: 'job'; readonly id: number; readonly job: CellJob };
export type WorkerReply = { readonly type: 'result'; readonly id: number; readonly outcome: CellOutcome; readonly ms: number };

const catalogs = new Map<string, Catalog>();

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  const t0 = performance.now();
  let outcome: CellOutcome;
  try {
    let cat = catalogs.get(req.job.catalogUrl);
    if (cat === undefined) {
      const loaded = await loadCatalog(req.job.catalogUrl);
      if (!loaded.ok) throw new Error(loaded.error);
      cat = loaded.catalog;
      catalogs.set(req.job.catalogUrl, cat);
    }
    outcome = runCell(cat, req.job);
  } catch (e) {
    outcome = { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  return { type: 'result', id: req.id, outcome, ms: performance.now() - t0 };
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
