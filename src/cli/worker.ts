/**
 * The command side of the zrcheck host: runs in the worker thread that bin/zrcheck.js starts,
 * builds the CliIO over this thread's stdout/stderr and the shared interrupt flag, runs the
 * command and hands the exit code back. The host thread, which stays idle, receives SIGINT and
 * SIGTERM and sets the flag (polled by synchronous loops) and posts a message (for handlers of
 * asynchronous commands, such as the matrix's worker pool).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CliIO } from './io.ts';
import { runCli } from './main.ts';

interface HostData {
  readonly argv: readonly string[];
  readonly interrupt: SharedArrayBuffer;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly columns: number;
}

const data = workerData as HostData;
const flag = new Int32Array(data.interrupt);
const handlers = new Set<() => void>();
parentPort!.on('message', (m: { type?: string }) => {
  if (m?.type === 'interrupt') for (const h of [...handlers]) h();
});
// The port must not keep the worker alive once the command is done.
parentPort!.unref();

const io: CliIO = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  errIsTTY: data.stderrIsTTY,
  errColumns: data.stderrIsTTY ? data.columns : 0,
  cwd: process.cwd(),
  debug: data.argv.includes('--debug'),
  interrupted: () => Atomics.load(flag, 0) !== 0,
  onInterrupt(handler) {
    handlers.add(handler);
    return () => void handlers.delete(handler);
  },
};

const code = await runCli(data.argv, io);
parentPort!.postMessage({ type: 'exit', code });
