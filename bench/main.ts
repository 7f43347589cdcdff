/**
 * `npm run bench`: zrcheck's speed on every benchmark model (bench/models/: zr-wb-jc fixed
 * (4,4) and the classic models at 0.5-6 M states), side by side with SPIN and Rumur on the
 * same rules in the same invocation (these machines are noisy; numbers from different runs do
 * not compare), plus the wall time of zr-wb-jc buggy's counterexample through the CLI.
 *
 *   npm run bench [-- --quick] [-- --no-peers] [-- --no-cli] [-- --model NAME]...
 *
 * --quick: each model's quick instance (zr-wb-jc (3,3), the others their test size).
 * --no-peers: skip SPIN and Rumur. --no-cli: skip the zrcheck CLI runs (whole-process time,
 * peak RSS) and the counterexample run. --model NAME: only that model (repeatable).
 * Every checker must report the recorded counts (bench/models/expected-counts.json): a
 * mismatch is printed and the exit code is 1. Heavy runs go one at a time. Build artefacts go
 * to a temp dir, removed at exit. The last line of output is one JSON object with every figure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureModel, type ModelResult } from './measure.ts';
import { BENCH_MODELS, ROOT, findModel, paramText, readExpected } from './models/index.ts';
import { rumurAvailable, spinAvailable, toolVersions, type PeerRun } from './models/peers.ts';

const USAGE = 'usage: npm run bench [-- --quick] [-- --no-peers] [-- --no-cli] [-- --model NAME]...';

/** zr-wb-jc buggy through the CLI: wall time from spawn to exit, as a user waits. */
function runBuggyCli(NZR: number, NP: number): { status: 'ok' | 'skipped' | 'failed'; wallMs?: number; exitCode?: number | null; note?: string } {
  const args = [join(ROOT, 'bin', 'zrcheck.js'), 'check', 'examples/zr-wb-jc.ts', '--param', `NZR=${NZR}`, '--param', `NP=${NP}`, '--param', 'VARIANT=buggy'];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wallMs = performance.now() - t0;
  // Exit 1 = violated (the CLI's EXIT.violated); anything else means no counterexample was shown.
  const ok = r.status === 1 && /deadlock/i.test(r.stdout + r.stderr);
  return { status: ok ? 'ok' : 'failed', wallMs, exitCode: r.status, ...(ok ? {} : { note: (r.stderr || r.stdout).slice(-800) }) };
}

const fmt = (n: number | null | undefined, digits = 0): string =>
  n === undefined || n === null || !Number.isFinite(n) ? '-' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A run's wall time in seconds, or why there is none. */
function secs(r: { status: string; wallMs?: number }): string {
  if (r.status === 'skipped') return 'skip';
  if (r.status === 'failed') return 'FAIL';
  return fmt(r.wallMs === undefined ? undefined : r.wallMs / 1000, 2);
}

function table(results: readonly ModelResult[]): string {
  const head = ['model', 'params', 'states', 'zr CLI s', 'zr check s', 'SPIN s', 'SPIN POR s', 'POR states', 'Rumur 1t s', 'Rumur Nt s', 'SPIN÷zr', 'Rumur÷zr', 'B/state', 'zr RSS MB', 'counts'];
  const rows = [head];
  for (const r of results) {
    rows.push([
      r.name,
      paramText(r.params),
      fmt(r.zrcheck.states),
      secs(r.zrcheckCli),
      secs(r.zrcheck),
      secs(r.spin),
      secs(r.spinPor),
      r.spinPor.status === 'ok' ? fmt(r.spinPor.states) : '-',
      secs(r.rumur1),
      secs(r.rumurDefault),
      fmt(r.ratios['spinOverCli'] ?? r.ratios['spinOverCheck'], 2),
      fmt(r.ratios['rumur1OverCli'] ?? r.ratios['rumur1OverCheck'], 2),
      fmt(r.zrcheck.bytesPerState, 1),
      fmt(r.zrcheckCli.peakRssMb),
      r.expected === null ? 'n/a' : r.countsMatch ? 'equal' : 'MISMATCH',
    ]);
  }
  const widths = head.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

function parseArgs(argv: readonly string[]): { quick: boolean; peers: boolean; cli: boolean; models: string[] } | string {
  const out = { quick: false, peers: true, cli: true, models: [] as string[] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') out.quick = true;
    else if (a === '--no-peers') out.peers = false;
    else if (a === '--no-cli') out.cli = false;
    else if (a === '--model' || a.startsWith('--model=')) {
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
      const r = measureModel(m, params, rec, { peers: args.peers, cli: args.cli, work, log });
      results.push(r);
      process.stdout.write(`${m.name} (${paramText(params)}): ${fmt(r.zrcheck.states)} states, ${fmt(r.zrcheck.transitions)} transitions${r.expected ? (r.countsMatch ? ', counts equal the recorded ones' : ', MISMATCH') : ''}\n`);
    }

    process.stdout.write(`\n${table(results)}\n\n`);
    process.stdout.write(
      [
        'zr CLI s: `node bin/zrcheck.js check MODULE --param ... --deadlock stuttering --json`, spawn to exit (Node start-up, tsx, model build, check, output).',
        'zr check s: check() alone (BFS, 64-bit fingerprints), in this process. B/state: zrcheck visited set + parent log per state. zr RSS MB: the CLI run\'s peak RSS.',
        'SPIN s: pan -DSAFETY -DNOREDUCE (DFS, no partial-order reduction). SPIN POR s: the same with SPIN\'s default partial-order reduction; POR states: what it stored.',
        'Rumur 1t s: --threads 1; Rumur Nt s: its default thread count (one per core). Peers: verifier spawn to exit, compile excluded; no symmetry reduction anywhere.',
        `SPIN÷zr, Rumur÷zr: SPIN (-DNOREDUCE) and Rumur (1 thread) wall time ÷ zrcheck ${args.cli ? 'CLI' : 'check()'} wall time; > 1 means zrcheck is faster.`,
      ].join('\n') + '\n',
    );
    const peerNotes = new Set<string>();
    for (const r of results) {
      for (const [tool, run] of [['spin', r.spin], ['rumur', r.rumur1]] as [string, PeerRun][]) if (run.status === 'skipped' && run.note) peerNotes.add(`${tool}: skipped (${run.note})`);
      for (const m of r.mismatches) process.stdout.write(`  ${r.name}: ${m}\n`);
    }
    for (const n of peerNotes) process.stdout.write(`  ${n}\n`);

    const zr = results.find((r) => r.name === 'zr-wb-jc');
    const size = zr ? { NZR: Number(zr.params['NZR']), NP: Number(zr.params['NP']) } : undefined;
    const buggy = !args.cli ? { status: 'skipped' as const, note: '--no-cli' } : !size ? { status: 'skipped' as const, note: 'zr-wb-jc not selected' } : runBuggyCli(size.NZR, size.NP);
    if (buggy.status === 'ok' && size) process.stdout.write(`zr-wb-jc buggy (${size.NZR},${size.NP}) counterexample via CLI: ${fmt(buggy.wallMs! / 1000, 2)} s from spawn to exit\n`);
    else process.stdout.write(`zr-wb-jc buggy counterexample via CLI: ${buggy.status}${buggy.note ? ` (${buggy.note})` : ''}\n`);

    const failed = results.some((r) => !r.countsMatch) || buggy.status === 'failed';
    process.stdout.write(
      `${JSON.stringify({
        bench: 'models',
        quick: args.quick,
        peers: args.peers,
        cli: args.cli,
        tools: { node: process.version, ...(args.peers ? toolVersions() : {}) },
        peersInstalled: { spin: spinAvailable(), rumur: rumurAvailable() },
        timeRss: existsSync('/usr/bin/time'),
        models: results,
        buggyCli: buggy,
        ok: !failed,
      })}\n`,
    );
    return failed ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
