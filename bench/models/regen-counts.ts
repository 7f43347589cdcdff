/**
 * Regenerates bench/models/expected-counts.json: every registered bench model, every instance
 * (small, quick, bench), through zrcheck (BFS, fingerprints, under both the 'stuttering' and
 * the 'stuck' deadlock mode, which must agree and hold), Rumur (one thread, no symmetry
 * reduction) and SPIN (-DNOREDUCE, and with its default partial-order reduction). It refuses
 * to write anything unless the three report the same states and the same transitions (SPIN's
 * less its extra start-state edges), so the file only ever records agreement. The bench and
 * the test read the file; this script is how it is made, so the numbers are reproducible.
 *
 * Usage: npx tsx bench/models/regen-counts.ts [--model NAME]...   (needs rumur, cc, spin, gcc)
 *   --model: redo only these models and keep the others' entries (same tool versions only).
 *
 * Output is deterministic (no timestamps or times): a re-run with the same tools gives the
 * same file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '../../src/index.ts';
import {
  BENCH_MODELS,
  COUNTS_FILE,
  ROOT,
  fingerprints,
  instancesOf,
  paramText,
  readExpected,
  type BenchModel,
  type BenchParams,
  type ExpectedCounts,
  type InstanceCounts,
  type InstanceKind,
} from './index.ts';
import { rumurAvailable, runRumur, runSpin, spinAvailable, toolVersions, type PeerRun } from './peers.ts';

export const COMMANDS = {
  zrcheck: "check(model, { search: 'bfs', store: 'fingerprint', deadlock: 'stuttering' | 'stuck' })",
  rumur: 'rumur --symmetry-reduction off --threads 1 --output m.c m.m && cc -std=c11 -O3 -mcx16 -o m m.c -lpthread && ./m',
  spin: 'spin -a m.pml && gcc -O2 -DSAFETY -DNOREDUCE -DMEMLIM=8000 -o pan pan.c && ./pan -mDEPTH -wW',
  spinPor: 'spin -a m.pml && gcc -O2 -DSAFETY -DMEMLIM=8000 -o pan pan.c && ./pan -mDEPTH -wW',
} as const;

function zrcheckCounts(m: BenchModel, params: BenchParams): InstanceCounts['zrcheck'] {
  const runs = (['stuttering', 'stuck'] as const).map((deadlock) => {
    const o = check(m.make(params), { search: 'bfs', store: 'fingerprint', deadlock });
    if (o.verdict !== 'holds') throw new Error(`${m.name}(${paramText(params)}): zrcheck --deadlock ${deadlock} says ${o.verdict}, expected holds`);
    return { states: o.stats.states, transitions: o.stats.transitions, depth: o.stats.depth };
  });
  const [stuttering, stuck] = runs as [InstanceCounts['zrcheck'], InstanceCounts['zrcheck']];
  if (JSON.stringify(stuttering) !== JSON.stringify(stuck)) {
    throw new Error(`${m.name}(${paramText(params)}): zrcheck stuttering ${JSON.stringify(stuttering)} != stuck ${JSON.stringify(stuck)}`);
  }
  return stuttering;
}

function need(run: PeerRun, what: string): Required<Pick<PeerRun, 'states' | 'transitions'>> & PeerRun {
  if (run.status !== 'ok' || run.states === undefined || run.transitions === undefined) throw new Error(`${what}: ${run.status}: ${run.note ?? ''}`);
  return run as Required<Pick<PeerRun, 'states' | 'transitions'>> & PeerRun;
}

export function recordInstance(m: BenchModel, params: BenchParams, work: string): InstanceCounts {
  const label = `${m.name}(${paramText(params)})`;
  const zr = zrcheckCounts(m, params);
  const rumur = need(runRumur(m.murphi(params), work, m.name, { threads: 1 }), `${label} rumur`);
  const spin = need(runSpin(m.promela(params), work, m.name, { por: false, statesHint: zr.states }), `${label} spin`);
  const spinPor = need(runSpin(m.promela(params), work, m.name, { por: true, statesHint: zr.states }), `${label} spin (POR)`);
  const extra = m.spinExtraTransitions?.(params) ?? 0;
  const problems: string[] = [];
  if (rumur.states !== zr.states || rumur.transitions !== zr.transitions) problems.push(`rumur ${rumur.states}/${rumur.transitions}`);
  if (spin.states !== zr.states || spin.transitions !== zr.transitions + extra) problems.push(`spin ${spin.states}/${spin.transitions} (extra ${extra})`);
  if (problems.length > 0) throw new Error(`${label}: counts differ from zrcheck's ${zr.states}/${zr.transitions}: ${problems.join(', ')}`);
  return {
    params,
    ...fingerprints(m, params),
    zrcheck: zr,
    rumur: { states: rumur.states, rulesFired: rumur.transitions },
    spin: { states: spin.states, transitions: spin.transitions, depth: spin.depth ?? -1 },
    spinPor: { states: spinPor.states, transitions: spinPor.transitions, depth: spinPor.depth ?? -1 },
    spinExtraTransitions: extra,
  };
}

function main(argv: readonly string[]): void {
  if (!rumurAvailable() || !spinAvailable()) throw new Error('regen-counts needs rumur, cc, spin and gcc on PATH');
  const only = argv.flatMap((a, i) => (argv[i - 1] === '--model' ? [a] : []));
  for (const name of only) if (!BENCH_MODELS.some((m) => m.name === name)) throw new Error(`unknown model ${name}`);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const tools = { zrcheck: pkg.version, node: process.version, ...toolVersions() };
  const previous = readExpected();
  if (only.length > 0 && previous && JSON.stringify(previous.tools) !== JSON.stringify(tools)) {
    throw new Error(`tool versions changed since the last regen (${JSON.stringify(previous.tools)}): regenerate every model`);
  }
  const work = mkdtempSync(join(tmpdir(), 'zrcheck-regen-'));
  try {
    const models: Record<string, ExpectedCounts['models'][string]> = {};
    for (const m of BENCH_MODELS) {
      const kept = previous?.models[m.name];
      if (only.length > 0 && !only.includes(m.name) && kept) {
        models[m.name] = kept;
        continue;
      }
      const instances: Partial<Record<InstanceKind, InstanceCounts>> = {};
      for (const [kind, params] of instancesOf(m)) {
        process.stderr.write(`${m.name} ${kind} (${paramText(params)})...\n`);
        instances[kind] = recordInstance(m, params, work);
        process.stderr.write(`  ${JSON.stringify(instances[kind]!.zrcheck)}; SPIN POR ${instances[kind]!.spinPor.states} states\n`);
      }
      models[m.name] = { module: m.module, instances };
    }
    const out: ExpectedCounts = { tools, commands: COMMANDS, models };
    writeFileSync(COUNTS_FILE, `${JSON.stringify(out, null, 2)}\n`);
    process.stderr.write(`wrote ${COUNTS_FILE}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
