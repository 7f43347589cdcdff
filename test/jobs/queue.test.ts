/**
 * The Redis job queue end to end, with real parts: a redis-server of the test's own on a
 * loopback port, three `zrcheck worker` processes, the real command line. Checks that a queued
 * matrix writes the same files as a local one, byte for byte; that a worker killed in the
 * middle of a job has that job retried elsewhere with nothing lost or counted twice (the sweep
 * equals the local one); that Ctrl-C of a queued run writes nothing and --resume finishes it;
 * that a swarm on the queue finds the deadlock; and that a worker of another checkout refuses
 * the jobs with a message naming both model hashes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NO_REDIS_REASON, REDIS_SERVER, startRedis, type TestRedis } from '../helpers/redis.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Done {
  code: number | null;
  stdout: string;
  stderr: string;
}

let last: ChildProcess | undefined;
/** The process of the last `cli` call. */
const spawnedLast = () => last;

function cli(args: string[], opts: { cwd?: string; onStderr?: (all: string, child: ChildProcess) => void } = {}): Promise<Done> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(opts.cwd ?? root, 'bin/zrcheck.js'), ...args], { cwd: opts.cwd ?? root });
    last = child;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      opts.onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Worker {
  readonly proc: ChildProcess;
  log: string;
}

/** A `zrcheck worker` in its own process group (so its job processes can be killed with it). */
function startWorker(url: string, cwd = root): Worker {
  const proc = spawn(process.execPath, [join(cwd, 'bin/zrcheck.js'), 'worker', '--queue', url, '--concurrency', '1', '--lock-seconds', '2', '--verbose'], { cwd, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const w: Worker = { proc, log: '' };
  proc.stderr!.on('data', (d) => (w.log += d));
  return w;
}

async function untilLogged(w: Worker, re: RegExp, ms = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!re.test(w.log)) {
    if (w.proc.exitCode !== null || Date.now() - t0 > ms) throw new Error(`worker never printed ${re}: ${w.log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function killGroup(w: Worker, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-w.proc.pid!, signal);
  } catch {
    /* gone already */
  }
}

/** Every file under dir, relative, with its bytes (timings.json left out: it is the one that differs). */
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

describe.skipIf(REDIS_SERVER === undefined)(`the Redis job queue${REDIS_SERVER === undefined ? ` (skipped: ${NO_REDIS_REASON})` : ''}`, () => {
  let redis: TestRedis;
  let tmp: string;
  const workers: Worker[] = [];
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'zr-queue-'));
    redis = await startRedis();
    for (let i = 0; i < 3; i++) workers.push(startWorker(redis.url));
    for (const w of workers) await untilLogged(w, /serving redis:/);
  });
  afterAll(async () => {
    for (const w of workers) killGroup(w);
    await redis?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  test('matrix --queue with 3 workers writes the same files as the local run, byte for byte', async () => {
    const local = await cli(['matrix', '--profile', 'ext4-bh', '--out', join(tmp, 'local')]);
    expect(local.code, local.stderr).toBe(0);
    const queued = await cli(['matrix', '--profile', 'ext4-bh', '--out', join(tmp, 'queued'), '--queue', redis.url]);
    expect(queued.code, queued.stderr).toBe(0);
    expect(queued.stderr).toMatch(/queue: (\d+) of \1 cells collected/);
    const a = snapshot(join(tmp, 'local'));
    const b = snapshot(join(tmp, 'queued'));
    expect(a.size).toBeGreaterThan(4);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of a) expect(b.get(k), k).toBe(v);
    // More than one worker took part.
    expect(workers.filter((w) => /done matrix-cell/.test(w.log)).length).toBeGreaterThan(1);
  });

  test('a worker killed in the middle of a job: the job is retried on another, and the sweep equals the local one', async () => {
    const args = ['layouts', '--variant', 'V4', '--max-blocks', '2', '--caller', 'punch', '--flusher', 'none', '--json'];
    const local = await cli([...args, '--jobs', '2']);
    expect(local.code, local.stderr).toBe(1); // V4 deadlocks on some layouts
    for (const w of workers) w.log = '';
    let victim: Worker | undefined;
    const queuedRun = cli([...args, '--queue', redis.url]);
    // Kill (the whole process group: worker and job process) the first worker that starts a batch.
    const t0 = Date.now();
    while (victim === undefined && Date.now() - t0 < 60_000) {
      victim = workers.find((w) => /start layout-batch/.test(w.log));
      if (victim === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    expect(victim, 'no worker started a layout batch').toBeDefined();
    killGroup(victim!);
    const queued = await queuedRun;
    expect(queued.code, queued.stderr).toBe(1);
    expect(queued.stdout).toBe(local.stdout);
    // The killed worker's batch was taken over (BullMQ's stalled-job recovery), counted once.
    expect(queued.stderr).toMatch(/queue: 3 of 3 layout batches collected; [1-9]\d* retried/);
    const started = workers.filter((w) => w !== victim).map((w) => (w.log.match(/done layout-batch/g) ?? []).length);
    expect(started.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(3);
    // A replacement, as an operator would start one.
    const replacement = startWorker(redis.url);
    workers.splice(workers.indexOf(victim!), 1, replacement);
    await untilLogged(replacement, /serving redis:/);
  });

  test('Ctrl-C of a queued matrix writes nothing and exits 3; --resume collects the finished cells and writes the same files', async () => {
    const out = join(tmp, 'resumed');
    for (const w of workers) w.log = '';
    const running = cli(['matrix', '--profile', 'ext4-bh', '--out', out, '--queue', redis.url]);
    // Interrupt the submitter as soon as a worker has finished one of its cells.
    const t0 = Date.now();
    while (!workers.some((w) => /done matrix-cell/.test(w.log)) && Date.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 10));
    const submitter = spawnedLast();
    submitter?.kill('SIGINT');
    const first = await running;
    expect(first.code, first.stderr).toBe(3);
    expect(first.stderr).toMatch(/interrupted after \d+\/\d+ cells; nothing is claimed; .* left unchanged; the cells stay queued: run again with --resume/);
    expect(existsSync(out)).toBe(false);
    const again = await cli(['matrix', '--profile', 'ext4-bh', '--out', out, '--queue', redis.url, '--resume']);
    expect(again.code, again.stderr).toBe(0);
    // The workers went on after the interruption: the resumed run found their results.
    expect(again.stderr).toMatch(/queue: (\d+) of \1 cells collected; \d+ retried after a lost worker or a failed attempt; [1-9]\d* resumed/);
    const a = snapshot(join(tmp, 'local'));
    const b = snapshot(out);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of a) expect(b.get(k), k).toBe(v);
  });

  test('swarm --queue finds the buggy zr-wb-jc(4,4) deadlock on the workers and minimises it to 18 steps', async () => {
    const r = await cli(['swarm', 'examples/zr-wb-jc.ts', '--param', 'NZR=4', '--param', 'NP=4', '--param', 'VARIANT=buggy', '--members', '3', '--bitstate', '24', '--queue', redis.url, '--json']);
    expect(r.code, r.stderr).toBe(1);
    const j = JSON.parse(r.stdout) as { verdict: string; property: string; steps: unknown[] };
    expect(j.verdict).toBe('violated');
    expect(j.property).toBe('deadlock');
    expect(j.steps.length).toBe(18);
  });

  test('a worker whose checkout differs refuses the jobs, and the submitter says why', async () => {
    // The good workers leave first (Ctrl-C/SIGTERM hands back running jobs), so only the stranger serves.
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.proc.exitCode !== null || w.proc.signalCode !== null) return resolve();
            w.proc.on('exit', () => resolve());
            killGroup(w, 'SIGTERM');
          }),
      ),
    );
    expect(workers.every((w) => /stopped after \d+ jobs/.test(w.log) || w.proc.signalCode !== null)).toBe(true);
    // Another checkout: the same project with one model source changed by a comment.
    const other = join(tmp, 'other-checkout');
    mkdirSync(other);
    for (const d of ['bin', 'src', 'examples']) cpSync(join(root, d), join(other, d), { recursive: true });
    for (const f of ['package.json', 'tsconfig.json']) cpSync(join(root, f), join(other, f));
    symlinkSync(join(root, 'node_modules'), join(other, 'node_modules'));
    writeFileSync(join(other, 'src/model/jbd2.ts'), `${readFileSync(join(other, 'src/model/jbd2.ts'), 'utf8')}\n// changed on this machine\n`);
    const stranger = startWorker(redis.url, other);
    workers.push(stranger);
    await untilLogged(stranger, /serving redis:/);
    const r = await cli(['matrix', '--profile', 'ext4-bh', '--scenario', 'C1', '--out', join(tmp, 'refused'), '--queue', redis.url]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/failed on its worker after 1 attempt: refused by worker \S+: model source hash mismatch for src\/kernel\/catalog\.ts: the submitter \(\S+\) has sha256:[0-9a-f]{32}, this worker has sha256:[0-9a-f]{32}; run the same commit of zrcheck on every machine/);
    expect(existsSync(join(tmp, 'refused'))).toBe(false);
  });
});
