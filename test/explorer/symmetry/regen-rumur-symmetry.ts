/**
 * Regenerates test/explorer/symmetry/murphi/*.m (the scalarset versions of the classic models at
 * the sizes in INSTANCES, from bench/models/scalarset.ts) and rumur-symmetry.json: runs each .m
 * through Rumur with `--symmetry-reduction exhaustive` and with `off`, and records the states
 * and rules fired of each. The symmetry test reads only the JSON, so it runs where Rumur is not installed; this
 * script is how the JSON is made (deterministic: no timestamps; a sha256 per .m so an edit
 * without regen is noticed).
 *
 * Usage: npx tsx test/explorer/symmetry/regen-rumur-symmetry.ts   (needs `rumur` and `cc`)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRumurOutput, sha256 } from '../../parity/regen-rumur-counts.ts';
import { SCALARSET_MODELS, scalarsetMurphi, type ScalarsetModel } from '../../../bench/models/scalarset.ts';

/** The instance of each model checked against Rumur (small: the test runs them in seconds). */
export const INSTANCES: Record<ScalarsetModel, Readonly<Record<string, number>>> = {
  twophase: { N: 5, RESTART: 1 },
  german: { NODES: 3, DATA: 2 },
  boundedbuffer: { P: 3, C: 2, K: 2 },
};

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
    for (const name of [...SCALARSET_MODELS].sort()) {
      const f = `${name}.m`;
      const path = join(MURPHI_DIR, f);
      writeFileSync(path, scalarsetMurphi(name, INSTANCES[name]));
      const runs = {} as Record<Reduction, { states: number; rulesFired: number }>;
      for (const r of REDUCTIONS) {
        const out = parseRumurOutput(run(path, r, work));
        if (out.errors !== 0) throw new Error(`${f} (${r}): Rumur found an error: ${out.error}`);
        runs[r] = { states: out.states, rulesFired: out.rulesFired };
        process.stderr.write(`${f} ${r}: ${JSON.stringify(runs[r])}\n`);
      }
      models[name] = { file: `murphi/${f}`, sha256: sha256(path), runs };
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
