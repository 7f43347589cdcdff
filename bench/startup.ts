/**
 * The bench's start-up figures: how long after its process starts the command line reaches
 * its first state, for a built-in kernel scenario, a model in this repository and a user's
 * model outside it (a folder with no package.json, importing 'zrcheck'). Each is timed from
 * spawn to the moment the search reports its first state (ZRCHECK_STARTUP_PROBE=1 makes
 * `check` print that instant on stderr); the median of several runs is kept, with the spawn
 * to exit time beside it. Also the buggy zr-wb-jc counterexample, timed from spawn to exit.
 *
 * Beside them, Node's own start (`node -e 0`, spawn to exit): the part of every figure no
 * change to zrcheck can remove. Some environments set variables that make every Node process
 * do work before any JavaScript runs: NODE_EXTRA_CA_CERTS makes Node read and parse that
 * certificate file at each start (measured on this machine with the system bundle: `node -e 0`
 * 0.08-0.11 s with it, 0.02-0.04 s without; zrcheck's first state 257 -> 202 ms, medians of
 * 8). A check opens no TLS connection, so where such a variable is set the bench measures the
 * start-up both ways and says which variable it removed; the targets judge the figures taken
 * as the environment is.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './models/index.ts';
import { median } from './models/peers.ts';

export interface StartupRun {
  readonly label: string;
  readonly args: readonly string[];
  readonly status: 'ok' | 'failed';
  /** Spawn to first state, ms: the median, and every run. */
  readonly firstStateMs?: number;
  readonly runsMs?: readonly number[];
  /** Spawn to exit, ms (median). */
  readonly exitMs?: number;
  readonly note?: string;
}

const now = (): number => performance.timeOrigin + performance.now();

/** A copy of examples/quickstart.ts in `dir`, importing 'zrcheck' as a user's model does. */
function outsideModel(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const text = readFileSync(join(ROOT, 'examples', 'quickstart.ts'), 'utf8').replace("'../src/index.ts'", "'zrcheck'");
  const file = join(dir, 'lost-update.ts');
  writeFileSync(file, text);
  return file;
}

function probe(label: string, args: readonly string[], runs: number, env: NodeJS.ProcessEnv): StartupRun {
  const first: number[] = [];
  const exit: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'zrcheck.js'), 'check', ...args, '--max-states', '1', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...env, ZRCHECK_STARTUP_PROBE: '1' },
    });
    const t1 = now();
    const m = /first state at (\d+(?:\.\d+)?)/.exec(r.stderr ?? '');
    if (m === null) return { label, args, status: 'failed', note: `exit ${r.status}: ${(r.stderr || r.stdout).slice(-400)}` };
    first.push(Number(m[1]) - t0);
    exit.push(t1 - t0);
  }
  return { label, args, status: 'ok', firstStateMs: median(first), runsMs: first, exitMs: median(exit) };
}

/** The three start-up cases, `runs` times each, in environment `env` (default: this one). */
export function measureStartup(work: string, runs = 5, env: NodeJS.ProcessEnv = process.env): StartupRun[] {
  return [
    probe('kernel scenario C1/V1c', ['--scenario', 'C1', '--variant', 'V1c'], runs, env),
    probe('examples/zr-wb-jc.ts', ['examples/zr-wb-jc.ts'], runs, env),
    probe("outside model importing 'zrcheck'", [outsideModel(join(work, 'user-model'))], runs, env),
  ];
}

/** Node's own start: `node -e 0`, spawn to exit, ms (median of `runs`, and every run). */
export function nodeFloor(runs = 5, env: NodeJS.ProcessEnv = process.env): { readonly ms: number; readonly runsMs: readonly number[] } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    spawnSync(process.execPath, ['-e', '0'], { env });
    times.push(now() - t0);
  }
  return { ms: median(times), runsMs: times };
}

/**
 * Variables that make every Node process work before any JavaScript runs, and that a check
 * never needs: NODE_EXTRA_CA_CERTS (certificates for TLS connections, read at each start).
 */
export const START_COST_VARIABLES: readonly string[] = ['NODE_EXTRA_CA_CERTS'];

/**
 * `env` without the START_COST_VARIABLES it sets (a non-empty value), and their names; or
 * undefined when it sets none.
 */
export function withoutStartCosts(env: NodeJS.ProcessEnv): { readonly removed: readonly string[]; readonly env: NodeJS.ProcessEnv } | undefined {
  const removed = START_COST_VARIABLES.filter((v) => (env[v] ?? '') !== '');
  if (removed.length === 0) return undefined;
  const rest: NodeJS.ProcessEnv = { ...env };
  for (const v of removed) delete rest[v];
  return { removed, env: rest };
}

export interface CounterexampleRun {
  readonly status: 'ok' | 'failed';
  /** Spawn to exit, ms: the median, and every run. */
  readonly wallMs?: number;
  readonly runsMs?: readonly number[];
  readonly traceLength?: number;
  readonly note?: string;
}

/** zr-wb-jc buggy through the CLI (default thread count): spawn to exit, as a user waits. */
export function buggyCounterexample(NZR: number, NP: number, runs = 3, env: NodeJS.ProcessEnv = process.env): CounterexampleRun {
  const args = [join(ROOT, 'bin', 'zrcheck.js'), 'check', 'examples/zr-wb-jc.ts', '--param', `NZR=${NZR}`, '--param', `NP=${NP}`, '--param', 'VARIANT=buggy'];
  const times: number[] = [];
  let length: number | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, env });
    times.push(now() - t0);
    // Exit 1 = violated (the CLI's EXIT.violated); anything else means no counterexample was shown.
    const steps = /deadlock\s+VIOLATED \((\d+)-step trace\)/.exec(r.stdout);
    if (r.status !== 1 || !/deadlock/i.test(r.stdout)) return { status: 'failed', note: `exit ${r.status}: ${(r.stderr || r.stdout).slice(-600)}` };
    if (steps) length = Number(steps[1]);
  }
  return { status: 'ok', wallMs: median(times), runsMs: times, ...(length !== undefined ? { traceLength: length } : {}) };
}
