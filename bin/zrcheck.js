#!/usr/bin/env node
// zrcheck process host. The command runs in a worker thread (bin/cli-worker.js); this thread
// only relays signals and the exit code. Why: a search is synchronous, and a signal handler on
// a busy thread never runs; here SIGINT/SIGTERM set a shared flag that every long loop of the
// command polls (Atomics), so Ctrl-C stops a run within a second with its partial statistics
// and exit code 3. A second Ctrl-C exits at once with 130. The command runs from dist/ when it is
// current (bin/distState.js; ZRCHECK_FROM_SOURCE=1 forces src/ through tsx).
//
// Start-up order: the worker is created first, and this thread checks whether dist/ is current
// while the worker's isolate boots (about 40 ms each, on two cores at once); the answer goes
// to the worker through a shared word it waits on (bin/cli-worker.js), so neither waits for
// the other's start-up.
import { Worker } from 'node:worker_threads';

const interrupt = new SharedArrayBuffer(4);
const flag = new Int32Array(interrupt);
// Word 0: 0 while undecided, then 1 (run dist/) or 2 (run src/ through tsx).
const flavour = new Int32Array(new SharedArrayBuffer(4));
let worker;
let exitCode;
let signals = 0;
const onSignal = (signal) => {
  signals++;
  if (signals > 1) {
    process.stderr.write(`zrcheck: ${signal} again: exiting at once\n`);
    process.exit(130);
  }
  process.stderr.write(`\nzrcheck: ${signal}: stopping and reporting what was decided (a second ${signal} exits at once)\n`);
  Atomics.store(flag, 0, 1);
  worker?.postMessage({ type: 'interrupt', signal });
};
// Handlers first: a signal that arrives while the command is still loading is not lost.
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
worker = new Worker(new URL('./cli-worker.js', import.meta.url), {
  workerData: {
    argv: process.argv.slice(2),
    interrupt,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stderr.columns ?? 0,
    flavour: flavour.buffer,
  },
});
worker.on('message', (m) => {
  if (m?.type === 'exit') exitCode = m.code;
});
worker.on('error', (e) => {
  process.stderr.write(`zrcheck: internal error: ${e?.message ?? e}\n${process.argv.includes('--debug') && e?.stack ? `${e.stack}\n` : '(run again with --debug for the stack trace)\n'}`);
  exitCode = 2;
});
worker.on('exit', (code) => {
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.exitCode = exitCode ?? (code === 0 ? 2 : code);
});
// Prebuilt JavaScript when it matches the sources (fast start), else the sources via tsx.
// Loaded after the worker exists (and its handlers are on), so this check overlaps its boot.
{
  let dist = false;
  try {
    dist = process.env.ZRCHECK_FROM_SOURCE !== '1' && (await import('./distState.js')).staleReason() === undefined;
  } catch {
    // An unreadable build record or source: the sources through tsx are always right.
    dist = false;
  }
  Atomics.store(flavour, 0, dist ? 1 : 2);
  Atomics.notify(flavour, 0);
}
