/**
 * Builds and runs the peer checkers on generated model text: Rumur (Murphi) and SPIN
 * (Promela). Shared by `npm run bench`, bench/models/regen-counts.ts and the bench-model
 * test, so all three build and read the tools the same way. Builds are not timed; a run's
 * wall time is the verifier's spawn to exit (with its peak RSS where /usr/bin/time exists).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PeerRun {
  readonly status: 'ok' | 'skipped' | 'failed';
  readonly note?: string;
  readonly states?: number;
  /** Rumur: rules fired. SPIN: its "transitions (= stored+matched)" minus 1 (the initial state). */
  readonly transitions?: number;
  readonly wallMs?: number;
  readonly peakRssMb?: number;
  /** The tool's own elapsed-time figure, seconds. */
  readonly selfReportedSec?: number;
  /** SPIN: the deepest DFS stack ("depth reached"). */
  readonly depth?: number;
  /** Every timed run's wall time, ms, when the tool ran more than once (wallMs is their median). */
  readonly runsMs?: readonly number[];
}

/** The median of an odd-length list (the lower middle for an even one). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

export function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export const rumurAvailable = (): boolean => onPath('rumur') && onPath('cc');
export const spinAvailable = (): boolean => onPath('spin') && onPath('gcc');

export interface Timed {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number | null;
  readonly wallMs: number;
  readonly peakRssMb?: number;
}

let rssSeq = 0;

/** Runs a command; with /usr/bin/time available, also measures the child's peak RSS. */
export function timed(cmd: string, args: readonly string[], cwd: string): Timed {
  const useTime = existsSync('/usr/bin/time');
  // In the temp dir, not cwd: the CLI run's cwd is the repository.
  const rssFile = join(tmpdir(), `zrcheck-bench-rss-${process.pid}-${rssSeq++}.txt`);
  const [file, argv] = useTime ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, [...args]];
  const t0 = performance.now();
  const r = spawnSync(file, argv, { cwd, encoding: 'utf8', maxBuffer: 256 << 20 });
  const wallMs = performance.now() - t0;
  const kb = useTime && existsSync(rssFile) ? Number(/(\d+)\s*$/.exec(readFileSync(rssFile, 'utf8'))?.[1]) : NaN;
  rmSync(rssFile, { force: true });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status, wallMs, ...(Number.isFinite(kb) ? { peakRssMb: kb / 1024 } : {}) };
}

/** Compile step: throws with the tool's output so a broken build is reported, not hidden. */
export function build(cmd: string, args: readonly string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${(r.stderr ?? '') + (r.stdout ?? '')}`.slice(0, 4000));
}

export interface RumurOptions {
  /** `--threads N`; undefined: Rumur's default (one per core). */
  readonly threads?: number;
  /** C compiler optimisation; -O3 as Rumur's documentation uses. */
  readonly opt?: string;
}

/**
 * Rumur's documented build (README): `cc -std=c11 -O3 model.c -lpthread`, "also pass -mcx16
 * if using GCC on x86-64" (its multi-threaded seen set needs the 16-byte compare-and-swap).
 */
export function rumurCcFlags(opt = '-O3'): string[] {
  return ['-std=c11', opt, ...(process.arch === 'x64' ? ['-mcx16'] : [])];
}

/**
 * Rumur on `text` in `work` (files named after `tag`): no symmetry reduction (every state
 * counted, as zrcheck and SPIN count them), default deadlock detection (stuttering).
 */
export function runRumur(text: string, work: string, tag: string, o: RumurOptions = {}): PeerRun {
  if (!rumurAvailable()) return { status: 'skipped', note: 'rumur or cc not on PATH' };
  try {
    const m = `${tag}.m`;
    const c = `${tag}-rumur.c`;
    const exe = `${tag}-rumur`;
    writeFileSync(join(work, m), text);
    build('rumur', ['--symmetry-reduction', 'off', ...(o.threads !== undefined ? ['--threads', String(o.threads)] : []), '--output', c, m], work);
    build('cc', [...rumurCcFlags(o.opt), '-o', exe, c, '-lpthread'], work);
    const r = timed(`./${exe}`, [], work);
    const s = /(\d+) states, (\d+) rules fired in (\d+(?:\.\d+)?)s/.exec(r.stdout);
    if (!s) return { status: 'failed', note: `no summary line (exit ${r.status}): ${r.stdout.slice(-500)}` };
    const clean = /No error found\./.test(r.stdout);
    return {
      status: clean ? 'ok' : 'failed',
      ...(clean ? {} : { note: `Rumur reported an error: ${/The following is the error trace for the error:\s*\n\s*(.+)/.exec(r.stdout)?.[1] ?? r.stdout.slice(-300)}` }),
      states: Number(s[1]),
      transitions: Number(s[2]),
      wallMs: r.wallMs,
      ...(r.peakRssMb !== undefined ? { peakRssMb: r.peakRssMb } : {}),
      selfReportedSec: Number(s[3]),
    };
  } catch (e) {
    return { status: 'failed', note: (e as Error).message.slice(0, 1000) };
  }
}

export interface SpinOptions {
  /** Partial-order reduction on (SPIN's default); false compiles with -DNOREDUCE. */
  readonly por: boolean;
  /** An upper bound on the state count: sizes the hash table (-w, load under 1/2). */
  readonly statesHint: number;
  /**
   * The DFS depth limit (-m). pan allocates and clears its stack up front (-m10000000 costs
   * about 1 s and 470 MB before the search starts), so the bench passes the depth recorded
   * in expected-counts.json with a margin; default statesHint + 1000, which no DFS can
   * exceed (every stack entry is a distinct stored state). If the limit proves too small the
   * run is repeated once with that safe bound, so a count is never partial.
   */
  readonly depthLimit?: number;
  readonly opt?: string;
  /** Timed runs of the one build (default 1): wallMs is their median, runsMs all of them. */
  readonly repeat?: number;
}

/** The pan flags of a run: DFS depth limit and hash-table size. */
export function panArgs(statesHint: number, depthLimit: number): string[] {
  const w = Math.min(28, Math.max(18, Math.ceil(Math.log2(Math.max(1, statesHint) * 2))));
  return [`-m${Math.ceil(depthLimit)}`, `-w${w}`];
}

/**
 * SPIN on `text`: `spin -a`, then pan built with -DSAFETY (assertions and invalid end states,
 * no cycle search) and MEMLIM=8000 (MB); not -DBITSTATE nor -DCOLLAPSE (exact, uncompressed
 * storage). A run that reports "max search depth too small" is failed, its count partial.
 */
export function runSpin(text: string, work: string, tag: string, o: SpinOptions): PeerRun {
  const safe = o.statesHint + 1000;
  const first = spinOnce(text, work, tag, o, o.depthLimit ?? safe);
  if (first.note === TOO_DEEP && (o.depthLimit ?? safe) < safe) return spinOnce(text, work, tag, o, safe);
  return first;
}

const TOO_DEEP = 'SPIN: max search depth too small (-m)';

function spinOnce(text: string, work: string, tag: string, o: SpinOptions, depthLimit: number): PeerRun {
  if (!spinAvailable()) return { status: 'skipped', note: 'spin or gcc not on PATH' };
  try {
    const dir = join(work, `${tag}-spin${o.por ? '-por' : ''}`);
    spawnSync('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'm.pml'), text);
    build('spin', ['-a', 'm.pml'], dir);
    // -w: the build warns about array indices it cannot bound; harmless.
    build('gcc', ['-w', o.opt ?? '-O2', '-DSAFETY', ...(o.por ? [] : ['-DNOREDUCE']), '-DMEMLIM=8000', '-o', 'pan', 'pan.c'], dir);
    const runs = Array.from({ length: Math.max(1, o.repeat ?? 1) }, () => timed('./pan', panArgs(o.statesHint, depthLimit), dir));
    // The run of median wall time is the one reported (its counts are every run's: pan is deterministic).
    const r = runs.find((x) => x.wallMs === median(runs.map((y) => y.wallMs)))!;
    const stored = /(\d+) states, stored/.exec(r.stdout);
    const trans = /(\d+) transitions \(= stored\+matched\)/.exec(r.stdout);
    const elapsed = /pan: elapsed time (\d+(?:\.\d+)?(?:e[+-]?\d+)?) seconds/.exec(r.stdout);
    if (!stored || !trans) return { status: 'failed', note: `no statistics (exit ${r.status}): ${r.stdout.slice(-500)}` };
    const errors = /errors: (\d+)/.exec(r.stdout)?.[1];
    const depth = /depth reached (\d+)/.exec(r.stdout);
    const tooDeep = /max search depth too small/.test(r.stdout);
    const clean = errors === '0' && !tooDeep;
    return {
      status: clean ? 'ok' : 'failed',
      ...(clean ? {} : { note: tooDeep ? TOO_DEEP : `SPIN reported ${errors ?? '?'} error(s): ${r.stdout.slice(0, 400)}` }),
      states: Number(stored[1]),
      transitions: Number(trans[1]) - 1,
      wallMs: r.wallMs,
      ...(runs.length > 1 ? { runsMs: runs.map((x) => x.wallMs) } : {}),
      ...(r.peakRssMb !== undefined ? { peakRssMb: r.peakRssMb } : {}),
      ...(elapsed ? { selfReportedSec: Number(elapsed[1]) } : {}),
      ...(depth ? { depth: Number(depth[1]) } : {}),
    };
  } catch (e) {
    return { status: 'failed', note: (e as Error).message.slice(0, 1000) };
  }
}

/** Versions of the peer tools on PATH (absent ones are omitted). */
export function toolVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  const first = (cmd: string, args: string[]): string | undefined => {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    const text = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    return r.status === 0 && text ? text.split('\n')[0]!.trim() : undefined;
  };
  const rumur = onPath('rumur') ? first('rumur', ['--version']) : undefined;
  if (rumur) out['rumur'] = rumur.replace(/^Rumur version\s+/, '');
  const spin = onPath('spin') ? first('spin', ['-V']) : undefined;
  if (spin) out['spin'] = spin;
  const cc = onPath('cc') ? first('cc', ['--version']) : undefined;
  if (cc) out['cc'] = cc;
  return out;
}
