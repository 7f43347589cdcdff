/**
 * `zrcheck worker --queue redis://HOST:PORT [--concurrency N] [--lock-seconds S] [--verbose]`:
 * serves the job queue that `matrix`, `layouts` and `swarm --queue` submit to, on any machine
 * that has the project (the same commit: a job whose model sources hash differently is refused,
 * with a message). Runs until Ctrl-C or SIGTERM, which hands the running jobs back to the queue
 * and exits 3 (stopped, like every interrupted command).
 */
import { availableParallelism } from 'node:os';
import { parseQueueUrl, unreachable } from '../../jobs/redis/connection.ts';
import { startQueueWorker, type WorkerEvent } from '../../jobs/redis/worker.ts';
import { EXIT, type Command } from '../io.ts';
import { intOption, parseCommand, secondsOption, usageError } from './shared.ts';

const USAGE = 'usage: zrcheck worker --queue redis://HOST:PORT [--concurrency N] [--lock-seconds S] [--verbose]';

const HELP = `${USAGE}

Runs the jobs that \`zrcheck matrix|layouts|swarm --queue redis://HOST:PORT\` enqueue (matrix
cells, layout batches, swarm members), on this machine, until Ctrl-C. Start one or more on
every machine that has this project at the submitter's commit; results go back through Redis.

  --queue redis://HOST:PORT   the Redis that holds the queue (BullMQ)
  --concurrency N             jobs at once, one process each (default: all cores)
  --lock-seconds S            how long a job stays claimed without word from its worker: a
                              killed worker's jobs move to another after about this (default 10)
  --verbose                   one line per job (start, done, refused, failed)

A job whose model sources differ from this checkout's (another commit) is refused, with both
hashes in the message; the submitter stops and prints it.
Exit: 3 when stopped (Ctrl-C, SIGTERM: running jobs are handed back at once); 2 bad input or
an unreachable Redis.`;

export const workerCommand: Command = async (args, io) => {
  const parsed = parseCommand(io, args, { queue: { type: 'string' }, concurrency: { type: 'string' }, 'lock-seconds': { type: 'string' }, verbose: { type: 'boolean' } }, 'worker', HELP);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length > 0) return usageError(io, `worker takes no positional arguments, got '${parsed.positionals[0]}'`, 'worker');
  const v = parsed.values;
  if (v.queue === undefined) return usageError(io, 'worker needs --queue redis://HOST:PORT', 'worker');
  const address = parseQueueUrl(v.queue);
  if (typeof address === 'string') return usageError(io, address, 'worker');
  let concurrency = Math.max(1, availableParallelism());
  if (v.concurrency !== undefined) {
    const n = intOption('concurrency', v.concurrency);
    if (typeof n === 'string') return usageError(io, n, 'worker');
    concurrency = n;
  }
  let lockMs = 10_000;
  if (v['lock-seconds'] !== undefined) {
    const s = secondsOption('lock-seconds', v['lock-seconds']);
    if (typeof s === 'string') return usageError(io, s, 'worker');
    lockMs = Math.max(1000, Math.round(s * 1000));
  }
  const bad = await unreachable(address);
  if (bad !== undefined) return usageError(io, bad, 'worker');
  const verbose = v.verbose === true;
  // One line per reason a job is refused (a whole run of another commit would repeat it per job).
  const refusals = new Set<string>();
  const onEvent = (e: WorkerEvent) => {
    if (e.type === 'refused') {
      if (!refusals.has(e.message) || verbose) io.err(`zrcheck worker: job ${e.id} ${e.message}${refusals.has(e.message) ? '' : ' (further jobs refused for this reason are counted, not printed)'}\n`);
      refusals.add(e.message);
    } else if (!verbose) return;
    else if (e.type === 'start') io.err(`zrcheck worker: start ${e.kind} ${e.id}\n`);
    else if (e.type === 'done') io.err(`zrcheck worker: done ${e.kind} ${e.id} ${Math.round(e.ms)} ms\n`);
    else if (e.type === 'skipped') io.err(`zrcheck worker: skip ${e.kind} ${e.id} (its result is stored already)\n`);
    else io.err(`zrcheck worker: ${e.type} ${e.kind} ${e.id}: ${e.message}\n`);
  };
  const w = await startQueueWorker({ address, concurrency, lockMs, onEvent });
  io.err(`zrcheck worker: serving ${address.url} with ${concurrency} job process${concurrency === 1 ? '' : 'es'} (Ctrl-C stops; running jobs go back to the queue)\n`);
  let last = '';
  const status = setInterval(() => {
    const line = `zrcheck worker: ${w.counts.done} done, ${w.counts.running} running, ${w.counts.failed} failed`;
    if (line !== last) io.err(`${line}\n`);
    last = line;
  }, 5000);
  await new Promise<void>((resolve) => {
    const off = io.onInterrupt(() => {
      off();
      resolve();
    });
    if (io.interrupted()) resolve();
  });
  clearInterval(status);
  await w.close();
  io.err(`zrcheck worker: stopped after ${w.counts.done} jobs (${w.counts.failed} failed)\n`);
  return EXIT.incomplete;
};
