/**
 * `npm run bench`: zrcheck's speed on zr-wb-jc fixed, side by side with Rumur and SPIN on the
 * same rules in the same invocation (these machines are noisy; numbers from different runs
 * do not compare), plus the wall time of the buggy counterexample through the CLI.
 *
 *   npm run bench [-- --quick] [-- --no-peers] [-- --no-cli]
 *
 * --quick: (3,3) instead of (4,4). --no-peers: skip Rumur and SPIN. --no-cli: skip the CLI run.
 * Every checker must report the exact state count (a fast wrong answer is no benchmark): a
 * mismatch is printed and the exit code is 1. Build artefacts go to a temp dir, removed at exit.
 * The last line of output is one JSON object with every figure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '../src/index.ts';
import zrWbJc from '../examples/zr-wb-jc.ts';
import { murphi } from './murphi.ts';
import { promela } from './promela.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Rumur v2022.08.20's counts for the fixed variant (README of the reference). */
const EXPECTED = {
  full: { NZR: 4, NP: 4, states: 5_684_964, transitions: 25_063_368 },
  quick: { NZR: 3, NP: 3, states: 102_752, transitions: 381_902 },
} as const;

export interface ToolRun {
  readonly tool: 'zrcheck' | 'rumur' | 'spin';
  readonly status: 'ok' | 'skipped' | 'failed';
  readonly note?: string;
  readonly states?: number;
  readonly transitions?: number;
  /** Exploration wall time (for peers: spawn of the compiled verifier to its exit; compile excluded). */
  readonly wallMs?: number;
  readonly statesPerSec?: number;
  readonly peakRssMb?: number;
  /** The tool's own time figure, as printed by it (seconds). */
  readonly selfReportedSec?: number;
  readonly countsMatch?: boolean;
  /** zrcheck only: visited set plus parent log, per stored state (from its stats). */
  readonly bytesPerState?: number;
}

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Runs a command; with /usr/bin/time available, also measures the child's peak RSS. */
function timed(cmd: string, args: string[], cwd: string): { stdout: string; stderr: string; status: number | null; wallMs: number; peakRssMb?: number } {
  const useTime = existsSync('/usr/bin/time');
  const rssFile = join(cwd, 'rss.txt');
  const [file, argv] = useTime ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const r = spawnSync(file, argv, { cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  const wallMs = performance.now() - t0;
  const kb = useTime && existsSync(rssFile) ? Number(/(\d+)\s*$/.exec(readFileSync(rssFile, 'utf8'))?.[1]) : NaN;
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status, wallMs, ...(Number.isFinite(kb) ? { peakRssMb: kb / 1024 } : {}) };
}

/** Compile step: throws with the tool's stderr so a broken build is reported, not hidden. */
function build(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}${r.stdout}`);
}

function runZrcheck(NZR: number, NP: number, want: { states: number; transitions: number }): ToolRun {
  const model = zrWbJc({ NZR, NP, VARIANT: 'fixed' });
  const outcome = check(model, {
    search: 'bfs',
    store: 'fingerprint',
    progressIntervalMs: 5000,
    onProgress: (p) => process.stderr.write(`  zrcheck: ${p.states.toLocaleString('en-US')} states, depth ${p.depth}, ${Math.round(p.statesPerSec).toLocaleString('en-US')} states/s\n`),
  });
  // ru_maxrss of this process (kB on Linux): the peak includes Node itself, as a user sees it.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  if (outcome.verdict === 'error') return { tool: 'zrcheck', status: 'failed', note: `${outcome.error.code}: ${outcome.error.message}` };
  const s = outcome.stats;
  return {
    tool: 'zrcheck',
    status: outcome.verdict === 'holds' ? 'ok' : 'failed',
    ...(outcome.verdict !== 'holds' ? { note: `verdict ${outcome.verdict}, expected holds` } : {}),
    states: s.states,
    transitions: s.transitions,
    wallMs: s.wallMs,
    statesPerSec: s.statesPerSec,
    peakRssMb,
    selfReportedSec: s.wallMs / 1000,
    countsMatch: s.states === want.states && s.transitions === want.transitions,
    bytesPerState: s.bytesPerState,
  };
}

function runRumur(NZR: number, NP: number, want: { states: number; transitions: number }, work: string): ToolRun {
  if (!onPath('rumur') || !onPath('cc')) return { tool: 'rumur', status: 'skipped', note: 'rumur or cc not on PATH' };
  try {
    writeFileSync(join(work, 'zr.m'), murphi({ NZR, NP, VARIANT: 'fixed' }));
    // Single thread and no symmetry reduction: the same search zrcheck does; -O3 as Rumur's docs use.
    build('rumur', ['--symmetry-reduction', 'off', '--threads', '1', '--output', 'zr.c', 'zr.m'], work);
    build('cc', ['-O3', '-o', 'zr-rumur', 'zr.c', '-lpthread'], work);
    const r = timed('./zr-rumur', [], work);
    const m = /(\d+) states, (\d+) rules fired in (\d+(?:\.\d+)?)s/.exec(r.stdout);
    if (!m) return { tool: 'rumur', status: 'failed', note: `no summary line (exit ${r.status}): ${r.stdout.slice(-500)}` };
    const states = Number(m[1]);
    const transitions = Number(m[2]);
    const clean = /No error found\./.test(r.stdout);
    return {
      tool: 'rumur',
      status: clean ? 'ok' : 'failed',
      ...(clean ? {} : { note: 'Rumur reported an error' }),
      states,
      transitions,
      wallMs: r.wallMs,
      statesPerSec: (states * 1000) / r.wallMs,
      ...(r.peakRssMb !== undefined ? { peakRssMb: r.peakRssMb } : {}),
      selfReportedSec: Number(m[3]),
      countsMatch: states === want.states && transitions === want.transitions,
    };
  } catch (e) {
    return { tool: 'rumur', status: 'failed', note: (e as Error).message.slice(0, 1000) };
  }
}

function runSpin(NZR: number, NP: number, want: { states: number; transitions: number }, work: string): ToolRun {
  if (!onPath('spin') || !onPath('gcc')) return { tool: 'spin', status: 'skipped', note: 'spin or gcc not on PATH' };
  try {
    writeFileSync(join(work, 'zr.pml'), promela({ NZR, NP, VARIANT: 'fixed' }));
    build('spin', ['-a', 'zr.pml'], work);
    // -DNOREDUCE: no partial-order reduction, so SPIN explores the full interleaving space that
    //   Rumur and zrcheck explore (every rule touches globals, so POR would save little anyway).
    // -DSAFETY: safety only (assertions + invalid end states), no cycle detection: exactly the
    //   properties checked here, and no nested-DFS overhead.
    // Not -DBITSTATE (supertrace can miss states: not an exhaustive check) nor -DCOLLAPSE/-DMA
    //   (compression trades time for memory; this measures speed with plain exact storage).
    // -w: the build warns about array indices it cannot bound (z's _pid); harmless.
    build('gcc', ['-w', '-O2', '-DNOREDUCE', '-DSAFETY', '-o', 'pan', 'pan.c'], work);
    // -m: DFS stack depth; (4,4) reaches 455,312 and (3,3) 14,484, so each with margin. -w: hash
    // table of 2^w slots, sized to keep the load under 1/2 without paying to zero a huge table.
    const big = want.states > 1_000_000;
    const r = timed('./pan', big ? ['-m1000000', '-w24'] : ['-m100000', '-w19'], work);
    const stored = /(\d+) states, stored/.exec(r.stdout);
    const trans = /(\d+) transitions \(= stored\+matched\)/.exec(r.stdout);
    const elapsed = /pan: elapsed time (\d+(?:\.\d+)?(?:e[+-]?\d+)?) seconds/.exec(r.stdout);
    if (!stored || !trans) return { tool: 'spin', status: 'failed', note: `no statistics (exit ${r.status}): ${r.stdout.slice(-500)}` };
    const states = Number(stored[1]);
    // SPIN counts the initial state as one more "transition" (stored + matched): subtract it.
    const transitions = Number(trans[1]) - 1;
    const clean = /errors: 0/.test(r.stdout) && !/max search depth too small/.test(r.stdout);
    return {
      tool: 'spin',
      status: clean ? 'ok' : 'failed',
      ...(clean ? {} : { note: 'SPIN reported errors or a too-small -m depth' }),
      states,
      transitions,
      wallMs: r.wallMs,
      statesPerSec: (states * 1000) / r.wallMs,
      ...(r.peakRssMb !== undefined ? { peakRssMb: r.peakRssMb } : {}),
      ...(elapsed ? { selfReportedSec: Number(elapsed[1]) } : {}),
      countsMatch: states === want.states && transitions === want.transitions,
    };
  } catch (e) {
    return { tool: 'spin', status: 'failed', note: (e as Error).message.slice(0, 1000) };
  }
}

/** The buggy counterexample through the CLI: wall time from spawn to exit, as a user waits. */
function runBuggyCli(NZR: number, NP: number): { status: 'ok' | 'skipped' | 'failed'; wallMs?: number; exitCode?: number | null; note?: string } {
  const cli = join(ROOT, 'bin', 'zrcheck.js');
  if (!existsSync(cli)) return { status: 'skipped', note: 'bin/zrcheck.js does not exist yet' };
  const args = [cli, 'check', 'examples/zr-wb-jc.ts', '--param', `NZR=${NZR}`, '--param', `NP=${NP}`, '--param', 'VARIANT=buggy'];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t0;
  // Exit 1 = violated (the CLI's EXIT.violated); anything else means no counterexample was shown.
  const ok = r.status === 1 && /deadlock/i.test(r.stdout + r.stderr);
  return { status: ok ? 'ok' : 'failed', wallMs, exitCode: r.status, ...(ok ? {} : { note: (r.stderr || r.stdout).slice(-800) }) };
}

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || !Number.isFinite(n) ? '-' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function main(argv: readonly string[]): number {
  const quick = argv.includes('--quick');
  const peers = !argv.includes('--no-peers');
  const cli = !argv.includes('--no-cli');
  const want = quick ? EXPECTED.quick : EXPECTED.full;
  const { NZR, NP } = want;
  const work = mkdtempSync(join(tmpdir(), 'zrcheck-bench-'));
  try {
    process.stdout.write(`zr-wb-jc fixed (NZR=${NZR}, NP=${NP}): expecting ${fmt(want.states)} states, ${fmt(want.transitions)} transitions\n`);
    const runs: ToolRun[] = [runZrcheck(NZR, NP, want)];
    if (peers) {
      process.stderr.write('  rumur: building and running (single thread)...\n');
      runs.push(runRumur(NZR, NP, want, work));
      process.stderr.write('  spin: building and running (DFS)...\n');
      runs.push(runSpin(NZR, NP, want, work));
    }
    const z = runs[0]!;
    const ratio = (tool: string): number | undefined => {
      const peer = runs.find((r) => r.tool === tool && r.status === 'ok');
      return peer?.statesPerSec && z.statesPerSec ? z.statesPerSec / peer.statesPerSec : undefined;
    };

    const rows = [['tool', 'status', 'states', 'transitions', 'wall s', 'own s', 'states/s', 'peak RSS MB', 'counts']];
    for (const r of runs) {
      rows.push([
        r.tool,
        r.status,
        fmt(r.states),
        fmt(r.transitions),
        fmt(r.wallMs === undefined ? undefined : r.wallMs / 1000, 2),
        fmt(r.selfReportedSec, 2),
        fmt(r.statesPerSec),
        fmt(r.peakRssMb),
        r.countsMatch === undefined ? '-' : r.countsMatch ? 'exact' : 'MISMATCH',
      ]);
    }
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
    for (const row of rows) process.stdout.write(`${row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}\n`);
    for (const r of runs) if (r.note) process.stdout.write(`  ${r.tool}: ${r.note}\n`);
    process.stdout.write('wall s: spawn to exit of the verifier (compile excluded); states/s from wall s. own s: the tool\'s own figure.\n');
    process.stdout.write(`zrcheck bytes/state (visited set + parent log): ${fmt(z.bytesPerState, 1)}\n`);
    const rumurRatio = ratio('rumur');
    const spinRatio = ratio('spin');
    process.stdout.write(`zrcheck states/s ÷ Rumur's: ${fmt(rumurRatio, 2)}   ÷ SPIN's: ${fmt(spinRatio, 2)}\n`);

    const buggy = cli ? runBuggyCli(NZR, NP) : { status: 'skipped' as const, note: '--no-cli' };
    if (buggy.status === 'ok') process.stdout.write(`buggy (${NZR},${NP}) counterexample via CLI: ${fmt(buggy.wallMs! / 1000, 2)} s from spawn to exit\n`);
    else process.stdout.write(`buggy (${NZR},${NP}) counterexample via CLI: ${buggy.status}${buggy.note ? ` (${buggy.note})` : ''}\n`);

    const failed = runs.some((r) => r.status === 'failed' || r.countsMatch === false) || buggy.status === 'failed';
    process.stdout.write(
      `${JSON.stringify({
        bench: 'zr-wb-jc',
        variant: 'fixed',
        NZR,
        NP,
        expected: { states: want.states, transitions: want.transitions },
        runs,
        ratios: { rumur: rumurRatio ?? null, spin: spinRatio ?? null },
        buggyCli: buggy,
        node: process.version,
        ok: !failed,
      })}\n`,
    );
    return failed ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
