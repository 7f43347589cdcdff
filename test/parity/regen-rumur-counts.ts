/**
 * Regenerates test/parity/rumur-counts.json: runs every test/parity/murphi/*.m through Rumur
 * (single thread, no symmetry reduction, BFS) under each deadlock mode and records what Rumur
 * reports. The parity test reads only the JSON, so it runs where Rumur is not installed; this
 * script is how the JSON is made, so the numbers are reproducible rather than pasted.
 *
 * Usage: npx tsx test/parity/regen-rumur-counts.ts   (needs `rumur` and `cc` on PATH)
 *
 * Output is deterministic (no timestamps): re-running with the same Rumur gives the same file.
 * Each entry carries the sha256 of its .m file so the test notices a .m edited without regen.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MODES = ['off', 'stuck', 'stuttering'] as const;
export type RumurMode = (typeof MODES)[number];

/** What one Rumur verifier run reported. */
export interface RumurRun {
  readonly states: number;
  readonly rulesFired: number;
  readonly errors: number;
  /** Rumur's error line, e.g. `deadlock` or `invariant "x" failed`; absent with no error. */
  readonly error?: string;
  /** Rules fired along the error trace (the start state is not a step). */
  readonly traceSteps?: number;
  /** The error trace as zrcheck action names: `Rule "take_left", i: 0` becomes `take_left[0]`. */
  readonly trace?: readonly string[];
}

export interface RumurCounts {
  readonly rumurVersion: string;
  readonly command: string;
  /** Rumur's own default for --deadlock-detection, from `man rumur`. */
  readonly defaultDeadlockMode: RumurMode;
  readonly models: Record<string, { readonly file: string; readonly sha256: string; readonly modes: Record<RumurMode, RumurRun> }>;
}

const here = dirname(fileURLToPath(import.meta.url));
export const MURPHI_DIR = join(here, 'murphi');
export const COUNTS_FILE = join(here, 'rumur-counts.json');

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Parses a Rumur verifier's stdout (the format of Rumur v2022.08.20). */
export function parseRumurOutput(out: string): RumurRun {
  const space = /(\d+) states, (\d+) rules fired/.exec(out);
  if (!space) throw new Error(`no "N states, M rules fired" line in Rumur output:\n${out.slice(-2000)}`);
  const states = Number(space[1]);
  const rulesFired = Number(space[2]);
  if (/No error found\./.test(out)) return { states, rulesFired, errors: 0 };
  const errs = /(\d+) error\(s\) found\./.exec(out);
  if (!errs) throw new Error('Rumur output has neither "No error found." nor "N error(s) found."');
  const what = /The following is the error trace for the error:\s*\n\s*(.+)\n/.exec(out);
  const start = out.indexOf('The following is the error trace');
  const end = out.indexOf('End of the error trace.');
  const trace = start >= 0 && end > start ? out.slice(start, end) : '';
  const steps = [...trace.matchAll(/^Rule "([^"]+)"((?:, \w+: [^,\n]+?)*) fired\.$/gm)].map((m) => actionName(m[1]!, m[2]!));
  return { states, rulesFired, errors: Number(errs[1]), error: what?.[1]?.trim() ?? 'unknown', traceSteps: steps.length, trace: steps };
}

/** `take_left` + `, i: 0` becomes `take_left[0]`; several ruleset values are comma-joined. */
function actionName(rule: string, params: string): string {
  const values = [...params.matchAll(/, \w+: ([^,]+)/g)].map((m) => m[1]!.trim());
  return values.length === 0 ? rule : `${rule}[${values.join(',')}]`;
}

function rumurVersion(): string {
  return execFileSync('rumur', ['--version'], { encoding: 'utf8' }).trim().replace(/^Rumur version\s+/, '');
}

/** Builds and runs one verifier in `work`; returns its stdout. */
export function runRumur(model: string, mode: RumurMode, work: string): string {
  const c = join(work, `${basename(model, '.m')}-${mode}.c`);
  const exe = c.slice(0, -2);
  execFileSync('rumur', ['--symmetry-reduction', 'off', '--threads', '1', '--deadlock-detection', mode, '--output', c, model], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  execFileSync('cc', ['-O3', '-o', exe, c, '-lpthread'], { stdio: ['ignore', 'ignore', 'inherit'] });
  // Rumur exits non-zero when it finds an error; the output is what we want either way.
  try {
    return execFileSync(exe, [], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    const out = (e as { stdout?: string }).stdout;
    if (typeof out === 'string' && out.length > 0) return out;
    throw e;
  }
}

function main(): void {
  const work = mkdtempSync(join(tmpdir(), 'zrcheck-rumur-'));
  try {
    const models: Record<string, RumurCounts['models'][string]> = {};
    for (const f of readdirSync(MURPHI_DIR).filter((n) => n.endsWith('.m')).sort()) {
      const path = join(MURPHI_DIR, f);
      const modes = {} as Record<RumurMode, RumurRun>;
      for (const mode of MODES) {
        modes[mode] = parseRumurOutput(runRumur(path, mode, work));
        process.stderr.write(`${f} ${mode}: ${JSON.stringify(modes[mode])}\n`);
      }
      models[basename(f, '.m')] = { file: `murphi/${f}`, sha256: sha256(path), modes };
    }
    const counts: RumurCounts = {
      rumurVersion: rumurVersion(),
      command: 'rumur --symmetry-reduction off --threads 1 --deadlock-detection MODE --output m.c FILE.m && cc -O3 -o m m.c -lpthread && ./m',
      defaultDeadlockMode: 'stuttering',
      models,
    };
    writeFileSync(COUNTS_FILE, `${JSON.stringify(counts, null, 2)}\n`);
    process.stderr.write(`wrote ${COUNTS_FILE}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
