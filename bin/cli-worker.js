// Worker side of the zrcheck host (bin/zrcheck.js): runs the command (src/cli/worker.ts),
// from dist/ when the host found it current (bin/distState.js), else from src/ with tsx
// registered so the TypeScript sources load without a build step.
//
// When the command names a model file, esbuild (which bundles it, src/cli/bundleModel.ts) is
// started first: its service process then boots while this thread loads the command, instead
// of after. The same esbuild module instance serves the real build. Not when an earlier run
// left the file's bundle in the cache (bin/bundleCacheName.js, src/cli/bundleCache.ts): the
// command most likely takes it from there and never loads esbuild.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import { hasBundleRecord } from './bundleCacheName.js';

const MODEL_FILE = /\.(?:[mc]?ts|[mc]?js)$/;
const modelArg = (workerData?.argv ?? []).find((a, i) => i > 0 && MODEL_FILE.test(a) && !a.startsWith('-'));
if (modelArg !== undefined && !hasBundleRecord(fileURLToPath(new URL('..', import.meta.url)), modelArg)) {
  try {
    createRequire(import.meta.url)('esbuild')
      .build({ stdin: { contents: '' }, write: false, logLevel: 'silent' })
      .catch(() => {});
  } catch {
    // No esbuild here: the command reports it when it needs it.
  }
}

// The host decides dist/ or src/ while this isolate boots (bin/zrcheck.js), and says so in
// a shared word: 1 dist/, 2 src/. Waiting here costs nothing once the answer is in; with no
// word, or no answer within 30 s (which cannot happen unless the host is broken), src/,
// which is always right.
const flavour = workerData?.flavour instanceof SharedArrayBuffer ? new Int32Array(workerData.flavour) : undefined;
if (flavour !== undefined) Atomics.wait(flavour, 0, 0, 30_000);
if (flavour !== undefined && Atomics.load(flavour, 0) === 1) {
  await import('../dist/cli/worker.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/worker.ts');
}
