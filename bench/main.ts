/**
 * `npm run bench`: zrcheck's speed on every benchmark model (bench/models/: zr-wb-jc fixed
 * (4,4) and the classic models at 0.9-5.7 M states), through the command line on one search
 * thread and on N, side by side with SPIN and Rumur on the same rules in the same invocation
 * (these machines are noisy; numbers from different runs do not compare); then the start-up
 * figures (first state after process start, beside Node's own start, and again without
 * environment variables that slow every Node start when this environment sets them), the
 * buggy zr-wb-jc counterexample's wall time, and the speed targets, each met or missed.
 *
 *   npm run bench [-- --quick] [-- --no-peers] [-- --no-cli] [-- --in-process] [-- --workers N] [-- --repeat K] [-- --model NAME]...
 *
 * --quick: each model's quick instance (zr-wb-jc (3,3), the others their test size).
 * --no-peers: skip SPIN and Rumur. --no-cli: only check() in this process (one thread), no
 * command line runs, start-up or counterexample figures. --in-process: also check() in this
 * process. --workers N: the N of the N-thread runs (default: one per core). --repeat K: time
 * each zrcheck CLI run and SPIN's pan K times and report the medians (default 3; Rumur runs
 * once). --model NAME: only that model (repeatable).
 * Every checker must report the recorded counts (bench/models/expected-counts.json): a
 * mismatch is printed and the exit code is 1 (a missed speed target is reported, not an
 * error). Heavy runs go one at a time. Build artefacts go to a temp dir, removed at exit. The
 * last line of output is one JSON object with every figure.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureModel, type ModelResult } from './measure.ts';
import { BENCH_MODELS, findModel, paramText, readExpected } from './models/index.ts';
import { rumurAvailable, spinAvailable, toolVersions, type PeerRun } from './models/peers.ts';
import { buggyCounterexample, measureStartup, nodeFloor, withoutStartCosts, type CounterexampleRun, type StartupRun } from './startup.ts';
import { judgeTargets } from './targets.ts';

const USAGE = 'usage: npm run bench [-- --quick] [-- --no-peers] [-- --no-cli] [-- --in-process] [-- --workers N] [-- --repeat K] [-- --model NAME]...';

const fmt = (n: number | null | undefined, digits = 0): string =>
  n === undefined || n === null || !Number.isFinite(n) ? '-' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A run's wall time in seconds, or why there is none. */
function secs(r: { status: string; wallMs?: number }): string {
  if (r.status === 'skipped') return 'skip';
  if (r.status === 'failed') return 'FAIL';
  return fmt(r.wallMs === undefined ? undefined : r.wallMs / 1000, 2);
}

function table(results: readonly ModelResult[], workers: number): string {
  const head = ['model', 'params', 'states', 'zr 1t s', `zr ${workers}t s`, `${workers}t speed-up`, 'SPIN s', 'SPIN POR s', 'Rumur 1t s', 'Rumur Nt s', 'SPIN÷zr1t', 'SPIN POR÷zr1t', 'Rumur1t÷zr1t', 'B/st 1t', `B/st ${workers}t`, 'RSS 1t MB', `RSS ${workers}t MB`, 'counts'];
  const rows = [head];
  for (const r of results) {
    rows.push([
      r.name,
      paramText(r.params),
      fmt(r.expected?.states ?? r.zrcheckCli.states ?? r.zrcheck.states),
      secs(r.zrcheckCli.status === 'skipped' ? r.zrcheck : r.zrcheckCli),
      secs(r.zrcheckCliN),
      fmt(r.ratios['speedup'], 2),
      secs(r.spin),
      secs(r.spinPor),
      secs(r.rumur1),
      secs(r.rumurDefault),
      fmt(r.ratios['spinOverCli'] ?? r.ratios['spinOverCheck'], 2),
      fmt(r.ratios['spinPorOverCli'] ?? r.ratios['spinPorOverCheck'], 2),
      fmt(r.ratios['rumur1OverCli'] ?? r.ratios['rumur1OverCheck'], 2),
      fmt(r.zrcheckCli.bytesPerState ?? r.zrcheck.bytesPerState, 1),
      fmt(r.zrcheckCliN.bytesPerState, 1),
      fmt(r.zrcheckCli.peakRssMb),
      fmt(r.zrcheckCliN.peakRssMb),
      r.expected === null ? 'n/a' : r.countsMatch ? 'equal' : 'MISMATCH',
    ]);
  }
  const widths = head.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

interface BenchArgs {
  quick: boolean;
  peers: boolean;
  cli: boolean;
  inProcess: boolean;
  workers: number;
  repeat: number;
  models: string[];
}

function parseArgs(argv: readonly string[]): BenchArgs | string {
  const out: BenchArgs = { quick: false, peers: true, cli: true, inProcess: false, workers: Math.max(2, availableParallelism()), repeat: 3, models: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') out.quick = true;
    else if (a === '--no-peers') out.peers = false;
    else if (a === '--no-cli') out.cli = false;
    else if (a === '--in-process') out.inProcess = true;
    else if (a === '--workers' || a.startsWith('--workers=')) {
      const raw = a === '--workers' ? argv[++i] : a.slice('--workers='.length);
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1) return `--workers needs a whole number >= 1, got ${JSON.stringify(raw ?? '')}`;
      out.workers = n;
    } else if (a === '--repeat' || a.startsWith('--repeat=')) {
      const raw = a === '--repeat' ? argv[++i] : a.slice('--repeat='.length);
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1 || n > 99) return `--repeat needs a whole number from 1 to 99, got ${JSON.stringify(raw ?? '')}`;
      out.repeat = n;
    } else if (a === '--model' || a.startsWith('--model=')) {
      const name = a === '--model' ? argv[++i] : a.slice('--model='.length);
      if (!name || !findModel(name)) return `unknown --model ${JSON.stringify(name ?? '')}; models: ${BENCH_MODELS.map((m) => m.name).join(', ')}`;
      out.models.push(name);
    } else return `unknown argument ${JSON.stringify(a)}`;
  }
  return out;
}

function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`bench: ${args}\n${USAGE}\n`);
    return 2;
  }
  const expected = readExpected();
  const models = args.models.length > 0 ? BENCH_MODELS.filter((m) => args.models.includes(m.name)) : BENCH_MODELS;
  const work = mkdtempSync(join(tmpdir(), 'zrcheck-bench-'));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const results: ModelResult[] = [];
    for (const m of models) {
      const kind = args.quick ? (m.quick ? 'quick' : 'small') : 'bench';
      const params = args.quick ? (m.quick ?? m.small) : m.bench;
      const rec = expected?.models[m.name]?.instances[kind];
      const r = measureModel(m, params, rec, { peers: args.peers, cli: args.cli, inProcess: args.inProcess, workers: args.workers, repeat: args.repeat, work, log });
      results.push(r);
      process.stdout.write(`${m.name} (${paramText(params)}): ${fmt(r.zrcheckCli.states ?? r.zrcheck.states)} states, ${fmt(r.zrcheckCli.transitions ?? r.zrcheck.transitions)} transitions${r.expected ? (r.countsMatch ? ', counts equal the recorded ones' : ', MISMATCH') : ''}\n`);
    }

    const W = args.workers;
    process.stdout.write(`\n${table(results, W)}\n\n`);
    process.stdout.write(
      [
        `zr 1t s, zr ${W}t s: \`node bin/zrcheck.js check MODULE --param ... --deadlock stuttering --json --workers 1|${W}\`, spawn to exit (Node start-up, loading, model build, search, output). ${W}t speed-up: zr 1t s ÷ zr ${W}t s.`,
        `zr and SPIN times: the median of ${args.repeat} run${args.repeat === 1 ? '' : 's'} each (--repeat; the zrcheck runs alternate 1t and ${W}t; every run is in the JSON line as runsMs). Rumur: one run.`,
        'B/st: zrcheck\'s visited set (shared table and recent caches) plus parent logs per state. RSS: the CLI run\'s peak RSS (/usr/bin/time).',
        'SPIN s: pan -DSAFETY -DNOREDUCE (DFS, no partial-order reduction). SPIN POR s: the same with SPIN\'s default partial-order reduction.',
        'Rumur 1t s: --threads 1; Rumur Nt s: its default thread count (one per core). Peers: verifier spawn to exit, compile excluded; no symmetry reduction anywhere.',
        `SPIN÷zr1t, SPIN POR÷zr1t, Rumur1t÷zr1t: the peer's wall time ÷ zrcheck's ${args.cli ? 'one-thread CLI' : 'check()'} wall time; > 1 means zrcheck is faster.`,
      ].join('\n') + '\n',
    );
    const peerNotes = new Set<string>();
    for (const r of results) {
      for (const [tool, run] of [['spin', r.spin], ['rumur', r.rumur1]] as [string, PeerRun][]) if (run.status === 'skipped' && run.note) peerNotes.add(`${tool}: skipped (${run.note})`);
      for (const m of r.mismatches) process.stdout.write(`  ${r.name}: ${m}\n`);
    }
    for (const n of peerNotes) process.stdout.write(`  ${n}\n`);

    // What this machine allows N threads at best, measured with N independent one-thread runs.
    if (results.some((r) => r.concurrent.status !== 'skipped')) {
      process.stdout.write(`\n${W} one-thread runs at once (their median search time ÷ the one-thread search's alone just before = slowdown, median over repeats; ${W} ÷ slowdown = the most ${W} threads can gain here):\n`);
      for (const r of results) {
        const c = r.concurrent;
        process.stdout.write(
          c.status === 'ok'
            ? `  ${r.name.padEnd(14)} slowdown ${fmt(c.slowdown, 2)}, ceiling ${fmt(c.ceiling, 2)}x (slowdown of each repeat: ${c.slowdowns!.map((x) => fmt(x, 2)).join(', ')})\n`
            : `  ${r.name.padEnd(14)} ${c.status}: ${c.note ?? ''}\n`,
        );
      }
    }

    // Start-up and the shallow counterexample: the command line's latency, not its throughput.
    // The target's instance, whatever size the fixed model ran at.
    const size = { NZR: 4, NP: 4 };
    let startup: StartupRun[] = [];
    let floor: ReturnType<typeof nodeFloor> | undefined;
    let startupWithout: { removed: readonly string[]; nodeFloor: ReturnType<typeof nodeFloor>; runs: StartupRun[]; buggy?: CounterexampleRun } | undefined;
    let buggy: CounterexampleRun | undefined;
    // This environment without the variables that slow every Node start, when it sets any.
    const lean = withoutStartCosts(process.env);
    if (args.cli) {
      log('start-up: first state after process start...');
      startup = measureStartup(work);
      floor = nodeFloor();
      if (lean !== undefined) {
        log(`start-up again without ${lean.removed.join(', ')}...`);
        startupWithout = { removed: lean.removed, nodeFloor: nodeFloor(5, lean.env), runs: measureStartup(work, 5, lean.env) };
      }
      const printStartup = (nodeMs: number, runs: readonly StartupRun[]): void => {
        process.stdout.write(`  ${'node -e 0 (Node alone, the floor)'.padEnd(36)} ${fmt(nodeMs / 1000, 3)} s exit\n`);
        for (const s of runs) {
          process.stdout.write(
            s.status === 'ok' ? `  ${s.label.padEnd(36)} ${fmt(s.firstStateMs! / 1000, 3)} s first state, ${fmt(s.exitMs! / 1000, 3)} s exit\n` : `  ${s.label.padEnd(36)} FAILED: ${s.note}\n`,
          );
        }
      };
      process.stdout.write('\nstart-up (spawn to first state, median of 5; spawn to exit beside it):\n');
      printStartup(floor.ms, startup);
      if (startupWithout !== undefined) {
        process.stdout.write(
          `the same without ${startupWithout.removed.join(', ')}, which this environment sets (Node reads that certificate file at every process start, before any JavaScript; a check opens no TLS connection; the targets judge the figures above):\n`,
        );
        printStartup(startupWithout.nodeFloor.ms, startupWithout.runs);
      }
      log(`zr-wb-jc buggy (${size.NZR},${size.NP}) counterexample...`);
      buggy = buggyCounterexample(size.NZR, size.NP);
      if (startupWithout !== undefined && lean !== undefined) startupWithout.buggy = buggyCounterexample(size.NZR, size.NP, 3, lean.env);
      process.stdout.write(
        buggy.status === 'ok'
          ? `zr-wb-jc buggy (${size.NZR},${size.NP}) counterexample via CLI: ${fmt(buggy.wallMs! / 1000, 2)} s from spawn to exit (median of 3; ${buggy.traceLength ?? '?'}-step deadlock)${
              startupWithout?.buggy?.status === 'ok' ? `; without ${startupWithout.removed.join(', ')}: ${fmt(startupWithout.buggy.wallMs! / 1000, 2)} s` : ''
            }\n`
          : `zr-wb-jc buggy counterexample via CLI: FAILED (${buggy.note})\n`,
      );
      if (startupWithout?.buggy?.status === 'failed') process.stdout.write(`zr-wb-jc buggy counterexample without ${startupWithout.removed.join(', ')}: FAILED (${startupWithout.buggy.note})\n`);
    }

    const targets = judgeTargets(results, W, startup, buggy, `(${size.NZR},${size.NP})`);
    if (targets.length > 0) {
      process.stdout.write('\ntargets (issue 11):\n');
      for (const t of targets) process.stdout.write(`  ${t.met === null ? 'n/a   ' : t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.detail}\n`);
    }

    const failed = results.some((r) => !r.countsMatch || r.concurrent.status === 'failed') || buggy?.status === 'failed' || startup.some((s) => s.status === 'failed') || (startupWithout?.runs.some((s) => s.status === 'failed') ?? false) || startupWithout?.buggy?.status === 'failed';
    process.stdout.write(
      `${JSON.stringify({
        bench: 'models',
        quick: args.quick,
        peers: args.peers,
        cli: args.cli,
        workers: W,
        tools: { node: process.version, ...(args.peers ? toolVersions() : {}) },
        peersInstalled: { spin: spinAvailable(), rumur: rumurAvailable() },
        timeRss: existsSync('/usr/bin/time'),
        models: results,
        startup,
        nodeFloor: floor ?? null,
        startupWithout: startupWithout ?? null,
        buggyCli: buggy ?? { status: 'skipped', note: '--no-cli' },
        targets,
        ok: !failed,
      })}\n`,
    );
    return failed ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
