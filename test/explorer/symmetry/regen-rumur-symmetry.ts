/**
 * Regenerates test/explorer/symmetry/rumur-symmetry.json: runs every
 * test/explorer/symmetry/murphi/*.m (the scalarset versions of the classic models) through Rumur
 * with `--symmetry-reduction exhaustive` and with `off`, and records the states and rules fired
 * of each. The symmetry test reads only the JSON, so it runs where Rumur is not installed; this
 * script is how the JSON is made (deterministic: no timestamps; a sha256 per .m so an edit
 * without regen is noticed).
 *
 * Usage: npx tsx test/explorer/symmetry/regen-rumur-symmetry.ts   (needs `rumur` and `cc`)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRumurOutput, sha256 } from '../../parity/regen-rumur-counts.ts';

export const REDUCTIONS = ['exhaustive', 'off'] as const;
export type Reduction = (typeof REDUCTIONS)[number];

export interface RumurSymmetryCounts {
  readonly rumurVersion: string;
  readonly command: string;
  readonly models: Record<string, { readonly file: string; readonly sha256: string; readonly runs: Record<Reduction, { readonly states: number; readonly rulesFired: number }> }>;
}

const here = dirname(fileURLToPath(import.meta.url));
export const MURPHI_DIR = join(here, 'murphi');
export const COUNTS_FILE = join(here, 'rumur-symmetry.json');
const COMMAND = 'rumur --threads 1 --deadlock-detection off --symmetry-reduction REDUCTION --output m.c FILE.m && cc -O2 -o m m.c -lpthread && ./m';

function run(model: string, reduction: Reduction, work: string): string {
  const c = join(work, `${basename(model, '.m')}-${reduction}.c`);
  const exe = c.slice(0, -2);
  execFileSync('rumur', ['--threads', '1', '--deadlock-detection', 'off', '--symmetry-reduction', reduction, '--output', c, model], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('cc', ['-O2', '-o', exe, c, '-lpthread'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return execFileSync(exe, [], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

function main(): void {
  const work = mkdtempSync(join(tmpdir(), 'zrcheck-rumur-sym-'));
  try {
    const models: Record<string, RumurSymmetryCounts['models'][string]> = {};
    for (const f of readdirSync(MURPHI_DIR).filter((n) => n.endsWith('.m')).sort()) {
      const path = join(MURPHI_DIR, f);
      const runs = {} as Record<Reduction, { states: number; rulesFired: number }>;
      for (const r of REDUCTIONS) {
        const out = parseRumurOutput(run(path, r, work));
        if (out.errors !== 0) throw new Error(`${f} (${r}): Rumur found an error: ${out.error}`);
        runs[r] = { states: out.states, rulesFired: out.rulesFired };
        process.stderr.write(`${f} ${r}: ${JSON.stringify(runs[r])}\n`);
      }
      models[basename(f, '.m')] = { file: `murphi/${f}`, sha256: sha256(path), runs };
    }
    const version = execFileSync('rumur', ['--version'], { encoding: 'utf8' }).trim().replace(/^Rumur version\s+/, '');
    const counts: RumurSymmetryCounts = { rumurVersion: version, command: COMMAND, models };
    writeFileSync(COUNTS_FILE, `${JSON.stringify(counts, null, 2)}\n`);
    process.stderr.write(`wrote ${COUNTS_FILE}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
