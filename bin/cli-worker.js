// Worker side of the zrcheck host (bin/zrcheck.js): runs the command (src/cli/worker.ts),
// from dist/ when the host found it current (bin/distState.js), else from src/ with tsx
// registered so the TypeScript sources load without a build step.
import { workerData } from 'node:worker_threads';

if (workerData?.dist === true) {
  await import('../dist/cli/worker.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/worker.ts');
}
