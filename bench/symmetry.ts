/**
 * The symmetry-reduction figures: per bench model that has a symmetry (twophase, German, the
 * bounded buffer), at its bench size, zrcheck's states, transitions and wall time (the CLI, one
 * search thread, spawn to exit) without and with --symmetry; Rumur's (one thread) with
 * `--symmetry-reduction off` and `exhaustive` on the scalarset text (bench/models/scalarset.ts);
 * and the cost of one canonical form, timed in process on a sample of the model's states.
 *
 * Rumur's exhaustive symmetry reduction tries all n! permutations per state, so each Rumur run
 * is stopped after --rumur-timeout seconds (default 300) and reported as such.
 *
 * Usage: npx tsx bench/symmetry.ts [--quick] [--model NAME]... [--no-rumur] [--rumur-timeout S]
 * Prints a Markdown table and, last, one JSON line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../src/index.ts';
import type { Model } from '../src/index.ts';
import { SymmetryReduction } from '../src/explorer/symmetry/reduction.ts';
import { BENCH_MODELS, cliParams, ROOT } from './models/index.ts';
import { build, rumurAvailable, rumurCcFlags, timed } from './models/peers.ts';
import { SCALARSET_MODELS, scalarsetMurphi, type ScalarsetModel } from './models/scalarset.ts';

interface Run {
  states: number;
  transitions: number;
  wallMs: number;
}

function zrcheck(module: string, params: Record<string, number | string>, symmetry: boolean): Run {
  const args = ['bin/zrcheck.js', 'check', module, ...cliParams(params), '--workers', '1', '--json', ...(symmetry ? ['--symmetry'] : [])];
  const r = timed('node', args, ROOT);
  if (r.status !== 0) throw new Error(`zrcheck ${args.join(' ')}: exit ${r.status}\n${r.stderr.slice(-1000)}`);
  const j = JSON.parse(r.stdout) as { states: number; transitions: number; reductions: { symmetry?: { statesUnreduced?: number } } };
  return { states: j.states, transitions: j.transitions, wallMs: r.wallMs };
}

function rumur(text: string, work: string, tag: string, reduction: 'off' | 'exhaustive', timeoutSec: number): Run | string {
  writeFileSync(join(work, `${tag}.m`), text);
  build('rumur', ['--threads', '1', '--symmetry-reduction', reduction, '--output', `${tag}.c`, `${tag}.m`], work);
  build('cc', [...rumurCcFlags(), '-o', tag, `${tag}.c`, '-lpthread'], work);
  const r = timed('timeout', [String(timeoutSec), `./${tag}`], work);
  if (r.status === 124) return `stopped after ${timeoutSec} s`;
  const s = /(\d+) states, (\d+) rules fired/.exec(r.stdout);
  if (!s || !/No error found\./.test(r.stdout)) return `failed: ${r.stdout.slice(-300)}`;
  return { states: Number(s[1]), transitions: Number(s[2]), wallMs: r.wallMs };
}

/** Nanoseconds per canonical form and images per form, over up to 100,000 reachable states. */
function canonicalCost(model: Model): { ns: number; images: number; sample: number } {
  const W = model.layout.words;
  const sample: Uint32Array[] = [];
  let k = 0;
  const sampling: Model = {
    ...model,
    next(s, a, out) {
      model.next(s, a, out);
      if (sample.length < 100_000 && k++ % 5 === 0) sample.push(out.slice());
    },
  };
  check(sampling, { maxStates: 500_000 });
  const sym = new SymmetryReduction(model);
  const out = new Uint32Array(W);
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    for (const s of sample) sym.canon.canonicalize(s, out);
    best = Math.min(best, performance.now() - t0);
  }
  const images = sym.canon.images / Math.max(1, sym.canon.canonicalizations);
  return { ns: (best * 1e6) / Math.max(1, sample.length), images, sample: sample.length };
}

const fmt = (n: number) => n.toLocaleString('en-US');
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function main(argv: readonly string[]): void {
  const quick = argv.includes('--quick');
  const only = argv.flatMap((a, i) => (argv[i - 1] === '--model' ? [a] : []));
  const withRumur = !argv.includes('--no-rumur') && rumurAvailable();
  const timeoutArg = argv.indexOf('--rumur-timeout');
  const rumurTimeout = timeoutArg >= 0 ? Number(argv[timeoutArg + 1]) : 300;
  const work = mkdtempSync(join(tmpdir(), 'zrcheck-sym-bench-'));
  const rows: Record<string, unknown>[] = [];
  try {
    console.log('| model | zrcheck states (full → symmetric) | zrcheck time full / symmetric | Rumur states off → exhaustive | Rumur time off / exhaustive | canonical form |');
    console.log('|---|---|---|---|---|---|');
    for (const name of SCALARSET_MODELS) {
      if (only.length > 0 && !only.includes(name)) continue;
      const bm = BENCH_MODELS.find((m) => m.name === name)!;
      const params = quick ? (bm.quick ?? bm.small) : bm.bench;
      const full = zrcheck(bm.module, params, false);
      const sym = zrcheck(bm.module, params, true);
      const text = scalarsetMurphi(name as ScalarsetModel, params);
      const rOff = withRumur ? rumur(text, work, `${name}-off`, 'off', rumurTimeout) : 'skipped';
      const rSym = withRumur ? rumur(text, work, `${name}-sym`, 'exhaustive', rumurTimeout) : 'skipped';
      const cost = canonicalCost(bm.make(params));
      const r = (x: Run | string) => (typeof x === 'string' ? x : fmt(x.states));
      const t = (x: Run | string) => (typeof x === 'string' ? '-' : sec(x.wallMs));
      const label = `${name} (${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(',')})`;
      console.log(
        `| ${label} | ${fmt(full.states)} → ${fmt(sym.states)} (${(full.states / sym.states).toFixed(1)}x) | ${sec(full.wallMs)} / ${sec(sym.wallMs)} | ${r(rOff)} → ${r(rSym)} | ${t(rOff)} / ${t(rSym)} | ${cost.ns.toFixed(0)} ns, ${cost.images.toFixed(2)} images |`,
      );
      rows.push({ model: name, params, zrcheck: { full, symmetric: sym }, rumur: { off: rOff, exhaustive: rSym }, canonical: cost });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(JSON.stringify(rows));
}

main(process.argv.slice(2));
