/**
 * The bench's start-up figures: how long after its process starts the command line reaches
 * its first state, for a built-in kernel scenario, a model in this repository and a user's
 * model outside it (a folder with no package.json, importing 'zrcheck'). Each is timed from
 * spawn to the moment the search reports its first state (ZRCHECK_STARTUP_PROBE=1 makes
 * `check` print that instant on stderr); the median of several runs is kept, with the spawn
 * to exit time beside it. Also the buggy zr-wb-jc counterexample, timed from spawn to exit.
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

function probe(label: string, args: readonly string[], runs: number): StartupRun {
  const first: number[] = [];
  const exit: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'zrcheck.js'), 'check', ...args, '--max-states', '1', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ZRCHECK_STARTUP_PROBE: '1' },
    });
    const t1 = now();
    const m = /first state at (\d+(?:\.\d+)?)/.exec(r.stderr ?? '');
    if (m === null) return { label, args, status: 'failed', note: `exit ${r.status}: ${(r.stderr || r.stdout).slice(-400)}` };
    first.push(Number(m[1]) - t0);
    exit.push(t1 - t0);
  }
  return { label, args, status: 'ok', firstStateMs: median(first), runsMs: first, exitMs: median(exit) };
}

/** The three start-up cases, `runs` times each. */
export function measureStartup(work: string, runs = 5): StartupRun[] {
  return [
    probe('kernel scenario C1/V1c', ['--scenario', 'C1', '--variant', 'V1c'], runs),
    probe('examples/zr-wb-jc.ts', ['examples/zr-wb-jc.ts'], runs),
    probe("outside model importing 'zrcheck'", [outsideModel(join(work, 'user-model'))], runs),
  ];
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
export function buggyCounterexample(NZR: number, NP: number, runs = 3): CounterexampleRun {
  const args = [join(ROOT, 'bin', 'zrcheck.js'), 'check', 'examples/zr-wb-jc.ts', '--param', `NZR=${NZR}`, '--param', `NP=${NP}`, '--param', 'VARIANT=buggy'];
  const times: number[] = [];
  let length: number | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    times.push(now() - t0);
    // Exit 1 = violated (the CLI's EXIT.violated); anything else means no counterexample was shown.
    const steps = /deadlock\s+VIOLATED \((\d+)-step trace\)/.exec(r.stdout);
    if (r.status !== 1 || !/deadlock/i.test(r.stdout)) return { status: 'failed', note: `exit ${r.status}: ${(r.stderr || r.stdout).slice(-600)}` };
    if (steps) length = Number(steps[1]);
  }
  return { status: 'ok', wallMs: median(times), runsMs: times, ...(length !== undefined ? { traceLength: length } : {}) };
}
