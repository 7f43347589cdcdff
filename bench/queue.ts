/**
 * The job queue's figures (README "Scaling"), measured on this machine with a redis-server of
 * its own on a free loopback port: `npx tsx bench/queue.ts`.
 *
 * 1. The full matrix locally (`--jobs 2`) and through the queue with 3 `zrcheck worker`
 *    processes: wall time of each, and whether the files are byte-identical (timings.json
 *    apart).
 * 2. The per-job overhead, on one in-process worker taking the matrix's 803 cells back to back:
 *    the queue round trip (from one job's result to the next job's start: result SET, BullMQ
 *    completion and fetch, the model-hash check) and the hand-off to the job process (IPC both
 *    ways, beyond the job's own time). Prints one JSON object last.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedis } from '../test/helpers/redis.ts';
import { parseQueueUrl, type RedisAddress } from '../src/jobs/redis/connection.ts';
import { startQueueWorker } from '../src/jobs/redis/worker.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'zr-qbench-'));

/** Runs the CLI without blocking this process (an in-process worker must keep serving). */
function run(args: string[]): Promise<{ ms: number; code: number | null; stderr: string }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const c = spawn(process.execPath, ['bin/zrcheck.js', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    c.stderr.on('data', (d) => (stderr += d));
    c.on('exit', (code) => resolve({ ms: performance.now() - t0, code, stderr }));
  });
}

function snapshot(dir: string): Map<string, string> {
  const m = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e !== 'timings.json') m.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return m;
}

const same = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

const redis = await startRedis();
try {
  const local = await run(['matrix', '--out', join(tmp, 'local'), '--jobs', '2']);
  console.error(`local matrix: ${(local.ms / 1000).toFixed(1)} s (exit ${local.code})`);
  const workers = [0, 1, 2].map(() => spawn(process.execPath, ['bin/zrcheck.js', 'worker', '--queue', redis.url, '--concurrency', '1'], { cwd: root, stdio: 'ignore', detached: true }));
  await new Promise((r) => setTimeout(r, 2500));
  const queued = await run(['matrix', '--out', join(tmp, 'queued'), '--queue', redis.url]);
  console.error(`queued matrix (3 workers): ${(queued.ms / 1000).toFixed(1)} s (exit ${queued.code})`);
  const identical = same(snapshot(join(tmp, 'local')), snapshot(join(tmp, 'queued')));
  console.error(`byte-identical: ${identical}`);
  for (const w of workers) process.kill(-w.pid!, 'SIGKILL');

  // Per-job overhead on one worker in this process.
  const a = parseQueueUrl(redis.url) as RedisAddress;
  let lastDone = 0;
  let started = 0;
  const gaps: number[] = [];
  const handoff: number[] = [];
  const w = await startQueueWorker({
    address: a,
    concurrency: 1,
    lockMs: 10_000,
    onEvent: (e) => {
      const now = performance.now();
      if (e.type === 'start') {
        if (lastDone > 0) gaps.push(now - lastDone);
        started = now;
      } else if (e.type === 'done') {
        lastDone = now;
        handoff.push(now - started - e.ms);
      }
    },
  });
  const one = await run(['matrix', '--out', join(tmp, 'one'), '--queue', redis.url]);
  await w.close();
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const median = (xs: number[]) => [...xs].sort((p, q) => p - q)[xs.length >> 1] ?? 0;
  const out = {
    cells: handoff.length,
    localMatrixS: Number((local.ms / 1000).toFixed(2)),
    queuedMatrix3WorkersS: Number((queued.ms / 1000).toFixed(2)),
    queuedMatrix1WorkerS: Number((one.ms / 1000).toFixed(2)),
    byteIdentical: identical,
    queueRoundTripMs: { mean: Number(mean(gaps).toFixed(2)), median: Number(median(gaps).toFixed(2)) },
    jobProcessHandoffMs: { mean: Number(mean(handoff).toFixed(2)), median: Number(median(handoff).toFixed(2)) },
    redisUsedMemory: spawnSync('redis-cli', ['-p', String(redis.port), 'info', 'memory'], { encoding: 'utf8' }).stdout.match(/used_memory_human:(\S+)/)?.[1],
  };
  console.log(JSON.stringify(out));
} finally {
  await redis.stop();
  rmSync(tmp, { recursive: true, force: true });
}
