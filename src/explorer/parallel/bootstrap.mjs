// A helper thread of the parallel search, started from the TypeScript sources (src/, under
// tsx or vitest): registers tsx in this thread, then loads the real entry (worker.ts). From
// dist/ the coordinator starts dist/explorer/parallel/worker.js directly and skips this.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
