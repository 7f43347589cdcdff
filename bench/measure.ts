/**
 * One benchmark model at one size, measured every way `npm run bench` reports: zrcheck as a
 * user runs it (a child `node bin/zrcheck.js check MODULE --param ... --workers W`, start-up
 * included, with its peak RSS and bytes per state) on one search thread and on N, optionally
 * check() in process, SPIN without and with partial-order reduction, Rumur on one thread and
 * on its default thread count. Every count is compared with the recorded one
 * (bench/models/expected-counts.json): a fast wrong answer is no benchmark. Peer builds are
 * not timed; each run is timed from spawn to exit.
 *
 * Repeats: this machine's speed drifts by 20-30 % from minute to minute, so the zrcheck CLI
 * runs (one thread, N threads, alternating) and SPIN's pan runs (built once) are each timed
 * `repeat` times and their median is reported, with every run kept (`runsMs`). Rumur, 3-9
 * times slower than either, runs once.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { check } from '../src/index.ts';
import { cliParams, ROOT, type BenchModel, type BenchParams, type InstanceCounts } from './models/index.ts';
import { median, runRumur, runSpin, timed, type PeerRun } from './models/peers.ts';

export interface ZrcheckRun {
  readonly status: 'ok' | 'skipped' | 'failed';
  readonly note?: string;
  readonly states?: number;
  readonly transitions?: number;
  readonly wallMs?: number;
  readonly statesPerSec?: number;
  /** Visited set plus parent log per stored state (zrcheck's own figure). */
  readonly bytesPerState?: number;
  /** CLI run: the child's peak RSS (/usr/bin/time), MB. */
  readonly peakRssMb?: number;
  /** CLI run: search threads asked for. */
  readonly workers?: number;
  /** Every timed run's wall time, ms, when there were several (wallMs is their median). */
  readonly runsMs?: readonly number[];
  /** The search alone (the CLI's own `wallMs`: model built to verdict), ms. */
  readonly searchMs?: number;
}

/**
 * What the machine allows N threads: N independent one-thread CLI runs started together, and
 * each one's search time against the one-thread run's alone (the one timed just before, so
 * both see the same minute of this drifting machine). Shared caches, memory bandwidth and the
 * hypervisor slow each run down when all cores are busy; no parallel search can beat
 * `ceiling` = N ÷ that slowdown on its search, whatever its own overheads. With repeats, the
 * median slowdown.
 */
export interface ConcurrentRun {
  readonly status: 'ok' | 'skipped' | 'failed';
  readonly note?: string;
  /** Each repeat's copies' search times, ms. */
  readonly searchMs?: readonly (readonly number[])[];
  /** Each repeat's slowdown: its copies' median search time ÷ the search alone just before. */
  readonly slowdowns?: readonly number[];
  readonly slowdown?: number;
  readonly ceiling?: number;
}

export interface ModelResult {
  readonly name: string;
  readonly params: BenchParams;
  readonly expected: { readonly states: number; readonly transitions: number; readonly spinPorStates: number } | null;
  /** check() in this process (one thread); skipped unless asked for. */
  readonly zrcheck: ZrcheckRun;
  /** The CLI on one search thread, and on `workers` threads. */
  readonly zrcheckCli: ZrcheckRun;
  readonly zrcheckCliN: ZrcheckRun;
  readonly spin: PeerRun;
  readonly spinPor: PeerRun;
  readonly rumur1: PeerRun;
  readonly rumurDefault: PeerRun;
  /** N one-thread runs at once (N = the N-thread run's threads). */
  readonly concurrent: ConcurrentRun;
  /**
   * Peer wall time / zrcheck wall time (> 1: zrcheck faster), against the one-thread CLI run
   * (and the in-process check); `speedup`: one-thread CLI time / N-thread CLI time.
   */
  readonly ratios: Readonly<Record<string, number | null>>;
  /** Every count that ran equals the recorded one. */
  readonly countsMatch: boolean;
  readonly mismatches: readonly string[];
}

export interface MeasureOptions {
  readonly peers: boolean;
  readonly cli: boolean;
  /** Also time check() in this process. */
  readonly inProcess: boolean;
  /** Search threads of the N-thread CLI run. */
  readonly workers: number;
  /** Timed runs of each zrcheck CLI run and of SPIN (>= 1): medians are reported. */
  readonly repeat: number;
  readonly work: string;
  readonly log: (line: string) => void;
}

const SKIP = (note: string) => ({ status: 'skipped' as const, note });

function zrcheckInProcess(m: BenchModel, params: BenchParams, log: (l: string) => void): ZrcheckRun {
  const o = check(m.make(params), {
    search: 'bfs',
    store: 'fingerprint',
    deadlock: 'stuttering',
    progressIntervalMs: 5000,
    onProgress: (p) => log(`  zrcheck: ${p.states.toLocaleString('en-US')} states, depth ${p.depth}, ${Math.round(p.statesPerSec).toLocaleString('en-US')} states/s`),
  });
  if (o.verdict === 'error') return { status: 'failed', note: `${o.error.code}: ${o.error.message}` };
  const s = o.stats;
  return {
    status: o.verdict === 'holds' ? 'ok' : 'failed',
    ...(o.verdict === 'holds' ? {} : { note: `verdict ${o.verdict}, expected holds` }),
    states: s.states,
    transitions: s.transitions,
    wallMs: s.wallMs,
    statesPerSec: s.statesPerSec,
    bytesPerState: s.bytesPerState,
  };
}

/** The command line a user runs for this model on `workers` search threads (JSON output). */
const cliArgs = (m: BenchModel, params: BenchParams, workers: number): string[] => [
  join(ROOT, 'bin', 'zrcheck.js'),
  'check',
  m.module,
  ...cliParams(params),
  '--deadlock',
  'stuttering',
  '--json',
  '--workers',
  String(workers),
];

function zrcheckCli(m: BenchModel, params: BenchParams, workers: number): ZrcheckRun {
  const r = timed(process.execPath, cliArgs(m, params, workers), ROOT);
  let j: { verdict?: string; states?: number; transitions?: number; bytesPerState?: number; wallMs?: number } = {};
  try {
    j = JSON.parse(r.stdout) as typeof j;
  } catch {
    return { status: 'failed', workers, note: `exit ${r.status}, no JSON: ${(r.stderr || r.stdout).slice(-500)}` };
  }
  const ok = r.status === 0 && j.verdict === 'holds';
  return {
    status: ok ? 'ok' : 'failed',
    workers,
    ...(ok ? {} : { note: `exit ${r.status}, verdict ${j.verdict}` }),
    ...(j.states !== undefined ? { states: j.states } : {}),
    ...(j.transitions !== undefined ? { transitions: j.transitions } : {}),
    wallMs: r.wallMs,
    ...(j.states !== undefined ? { statesPerSec: (j.states * 1000) / r.wallMs } : {}),
    ...(j.bytesPerState !== undefined ? { bytesPerState: j.bytesPerState } : {}),
    ...(r.peakRssMb !== undefined ? { peakRssMb: r.peakRssMb } : {}),
    ...(j.wallMs !== undefined ? { searchMs: j.wallMs } : {}),
  };
}

/** Spawns every argument list at once (a child Node process waits for all) and returns each one's JSON output. */
const TOGETHER = `
const { spawn } = require('node:child_process');
const lists = JSON.parse(process.argv[1]);
Promise.all(lists.map((args) => new Promise((done) => {
  const c = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  c.stdout.on('data', (d) => (out += d));
  c.on('close', (code) => done({ code, out }));
}))).then((rs) => process.stdout.write(JSON.stringify(rs)));`;

/** One repeat of the concurrent runs: each copy's search time, or why there is none. */
function zrcheckTogether(m: BenchModel, params: BenchParams, copies: number): readonly number[] | string {
  const lists = Array.from({ length: copies }, () => cliArgs(m, params, 1));
  const r = spawnSync(process.execPath, ['-e', TOGETHER, JSON.stringify(lists)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  try {
    const runs = JSON.parse(r.stdout) as { code: number; out: string }[];
    return runs.map((x) => {
      const j = JSON.parse(x.out) as { verdict?: string; wallMs?: number };
      if (x.code !== 0 || j.verdict !== 'holds' || j.wallMs === undefined) throw new Error(`exit ${x.code}, verdict ${j.verdict}`);
      return j.wallMs;
    });
  } catch (e) {
    return `${(e as Error).message} ${r.stderr.slice(-300)}`;
  }
}

/** The ceiling from each repeat's concurrent copies against the one-thread run alone just before them. */
function concurrentRun(alone: readonly ZrcheckRun[], together: readonly (readonly number[] | string)[], copies: number): ConcurrentRun {
  const bad = together.find((t): t is string => typeof t === 'string');
  if (bad !== undefined) return { status: 'failed', note: bad };
  if (alone.some((a) => a.searchMs === undefined)) return { status: 'skipped', note: 'a one-thread run failed' };
  const searchMs = together as readonly (readonly number[])[];
  const slowdowns = searchMs.map((t, k) => median(t) / alone[k]!.searchMs!);
  const slowdown = median(slowdowns);
  return { status: 'ok', searchMs, slowdowns, slowdown, ceiling: copies / slowdown };
}

/** The run of median wall time among repeats of one zrcheck CLI run, with every time; a failed run wins. */
function medianRun(runs: readonly ZrcheckRun[]): ZrcheckRun {
  const failed = runs.find((r) => r.status !== 'ok');
  if (failed !== undefined || runs.length === 1) return failed ?? runs[0]!;
  const mid = median(runs.map((r) => r.wallMs!));
  const r = runs.find((x) => x.wallMs === mid)!;
  return { ...r, runsMs: runs.map((x) => x.wallMs!) };
}

/** A depth limit with margin over the recorded DFS depth (pan clears its whole stack up front). */
const depthFrom = (recorded: number | undefined, states: number): number | undefined =>
  recorded !== undefined && recorded > 0 ? Math.min(states + 1000, Math.ceil(recorded * 1.25) + 1000) : undefined;

export function measureModel(m: BenchModel, params: BenchParams, rec: InstanceCounts | undefined, o: MeasureOptions): ModelResult {
  const expected = rec ? { states: rec.zrcheck.states, transitions: rec.zrcheck.transitions, spinPorStates: rec.spinPor.states } : null;
  const inProcess = o.inProcess || !o.cli;
  if (inProcess) o.log(`${m.name}: zrcheck in process...`);
  const zrcheck: ZrcheckRun = inProcess ? zrcheckInProcess(m, params, o.log) : SKIP('not asked for (--in-process)');
  const noCli = SKIP('--no-cli');
  const noPeers = SKIP('--no-peers');
  if (o.cli) o.log(`${m.name}: zrcheck CLI, 1 and ${o.workers} search threads${o.workers >= 2 ? `, and ${o.workers} one-thread runs at once` : ''}${o.repeat > 1 ? `, ${o.repeat} times each` : ''}...`);
  const cliRuns: ZrcheckRun[] = [];
  const cliNRuns: ZrcheckRun[] = [];
  const together: (readonly number[] | string)[] = [];
  const pairs = o.cli && o.workers >= 2;
  for (let k = 0; o.cli && k < o.repeat; k++) {
    cliRuns.push(zrcheckCli(m, params, 1));
    // What the machine allows N threads, against the one-thread run just timed.
    if (pairs) together.push(zrcheckTogether(m, params, o.workers));
    cliNRuns.push(zrcheckCli(m, params, o.workers));
  }
  const cli: ZrcheckRun = o.cli ? medianRun(cliRuns) : noCli;
  const cliN: ZrcheckRun = o.cli ? medianRun(cliNRuns) : noCli;
  const concurrent: ConcurrentRun = pairs ? (cliRuns.some((r) => r.status !== 'ok') ? SKIP('a one-thread run failed') : concurrentRun(cliRuns, together, o.workers)) : SKIP(o.cli ? 'one thread only' : '--no-cli');
  const hint = expected?.states ?? cli.states ?? zrcheck.states ?? 1_000_000;
  if (o.peers) o.log(`${m.name}: SPIN (-DNOREDUCE), SPIN (POR), Rumur (1 thread), Rumur (default threads)...`);
  const spinDepth = depthFrom(rec?.spin.depth, hint);
  const porDepth = depthFrom(rec?.spinPor.depth, hint);
  const spin = o.peers ? runSpin(m.promela(params), o.work, m.name, { por: false, statesHint: hint, repeat: o.repeat, ...(spinDepth ? { depthLimit: spinDepth } : {}) }) : noPeers;
  const spinPor = o.peers ? runSpin(m.promela(params), o.work, m.name, { por: true, statesHint: hint, repeat: o.repeat, ...(porDepth ? { depthLimit: porDepth } : {}) }) : noPeers;
  const rumur1 = o.peers ? runRumur(m.murphi(params), o.work, `${m.name}-t1`, { threads: 1 }) : noPeers;
  const rumurDefault = o.peers ? runRumur(m.murphi(params), o.work, `${m.name}-tN`, {}) : noPeers;

  const mismatches: string[] = [];
  if (!expected) mismatches.push('no recorded counts for this instance (run bench/models/regen-counts.ts)');
  else {
    const extra = rec?.spinExtraTransitions ?? 0;
    const cmp = (what: string, r: { status: string; states?: number; transitions?: number }, states: number, transitions: number | undefined) => {
      if (r.status === 'skipped' || r.states === undefined) return;
      if (r.states !== states || (transitions !== undefined && r.transitions !== transitions)) {
        mismatches.push(`${what}: ${r.states} states/${r.transitions} transitions, recorded ${states}/${transitions ?? '-'}`);
      }
    };
    cmp('zrcheck', zrcheck, expected.states, expected.transitions);
    cmp('zrcheck CLI', cli, expected.states, expected.transitions);
    cmp(`zrcheck CLI --workers ${o.workers}`, cliN, expected.states, expected.transitions);
    cmp('SPIN', spin, expected.states, expected.transitions + extra);
    cmp('SPIN POR', spinPor, expected.spinPorStates, undefined);
    cmp('Rumur 1 thread', rumur1, expected.states, expected.transitions);
    cmp('Rumur default threads', rumurDefault, expected.states, expected.transitions);
  }
  for (const [what, r] of [['zrcheck', zrcheck], ['zrcheck CLI', cli], [`zrcheck CLI --workers ${o.workers}`, cliN], ['SPIN', spin], ['SPIN POR', spinPor], ['Rumur 1 thread', rumur1], ['Rumur default threads', rumurDefault]] as const) {
    if (r.status === 'failed') mismatches.push(`${what} failed: ${r.note ?? ''}`);
  }

  const ratio = (peer: { status: string; wallMs?: number }, z: ZrcheckRun): number | null =>
    peer.status === 'ok' && z.status === 'ok' && peer.wallMs && z.wallMs ? peer.wallMs / z.wallMs : null;
  return {
    name: m.name,
    params,
    expected,
    zrcheck,
    zrcheckCli: cli,
    zrcheckCliN: cliN,
    spin,
    spinPor,
    rumur1,
    rumurDefault,
    concurrent,
    ratios: {
      spinOverCli: ratio(spin, cli),
      spinPorOverCli: ratio(spinPor, cli),
      rumur1OverCli: ratio(rumur1, cli),
      rumurDefaultOverCli: ratio(rumurDefault, cli),
      spinOverCheck: ratio(spin, zrcheck),
      spinPorOverCheck: ratio(spinPor, zrcheck),
      rumur1OverCheck: ratio(rumur1, zrcheck),
      rumurDefaultOverCheck: ratio(rumurDefault, zrcheck),
      spinOverCliN: ratio(spin, cliN),
      rumurDefaultOverCliN: ratio(rumurDefault, cliN),
      speedup: ratio(cli, cliN),
    },
    countsMatch: mismatches.length === 0,
    mismatches,
  };
}
