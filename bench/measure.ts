/**
 * One benchmark model at one size, measured every way `npm run bench` reports: zrcheck in
 * process (check() only) and as a user runs it (a child `node bin/zrcheck.js check MODULE
 * --param ...`, start-up included, with its peak RSS), SPIN without and with partial-order
 * reduction, Rumur on one thread and on its default thread count. Every count is compared
 * with the recorded one (bench/models/expected-counts.json): a fast wrong answer is no
 * benchmark. Peer builds are not timed; each run is timed from spawn to exit.
 */
import { join } from 'node:path';
import { check } from '../src/index.ts';
import { cliParams, ROOT, type BenchModel, type BenchParams, type InstanceCounts } from './models/index.ts';
import { runRumur, runSpin, timed, type PeerRun } from './models/peers.ts';

export interface ZrcheckRun {
  readonly status: 'ok' | 'skipped' | 'failed';
  readonly note?: string;
  readonly states?: number;
  readonly transitions?: number;
  readonly wallMs?: number;
  readonly statesPerSec?: number;
  /** In process: visited set plus parent log per stored state (zrcheck's own figure). */
  readonly bytesPerState?: number;
  /** CLI run: the child's peak RSS (/usr/bin/time), MB. */
  readonly peakRssMb?: number;
}

export interface ModelResult {
  readonly name: string;
  readonly params: BenchParams;
  readonly expected: { readonly states: number; readonly transitions: number; readonly spinPorStates: number } | null;
  readonly zrcheck: ZrcheckRun;
  readonly zrcheckCli: ZrcheckRun;
  readonly spin: PeerRun;
  readonly spinPor: PeerRun;
  readonly rumur1: PeerRun;
  readonly rumurDefault: PeerRun;
  /** Peer wall time / zrcheck wall time (> 1: zrcheck faster), against the CLI run and the in-process check. */
  readonly ratios: Readonly<Record<string, number | null>>;
  /** Every count that ran equals the recorded one. */
  readonly countsMatch: boolean;
  readonly mismatches: readonly string[];
}

export interface MeasureOptions {
  readonly peers: boolean;
  readonly cli: boolean;
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

function zrcheckCli(m: BenchModel, params: BenchParams): ZrcheckRun {
  const args = [join(ROOT, 'bin', 'zrcheck.js'), 'check', m.module, ...cliParams(params), '--deadlock', 'stuttering', '--json'];
  const r = timed(process.execPath, args, ROOT);
  let j: { verdict?: string; states?: number; transitions?: number } = {};
  try {
    j = JSON.parse(r.stdout) as typeof j;
  } catch {
    return { status: 'failed', note: `exit ${r.status}, no JSON: ${(r.stderr || r.stdout).slice(-500)}` };
  }
  const ok = r.status === 0 && j.verdict === 'holds';
  return {
    status: ok ? 'ok' : 'failed',
    ...(ok ? {} : { note: `exit ${r.status}, verdict ${j.verdict}` }),
    ...(j.states !== undefined ? { states: j.states } : {}),
    ...(j.transitions !== undefined ? { transitions: j.transitions } : {}),
    wallMs: r.wallMs,
    ...(j.states !== undefined ? { statesPerSec: (j.states * 1000) / r.wallMs } : {}),
    ...(r.peakRssMb !== undefined ? { peakRssMb: r.peakRssMb } : {}),
  };
}

/** A depth limit with margin over the recorded DFS depth (pan clears its whole stack up front). */
const depthFrom = (recorded: number | undefined, states: number): number | undefined =>
  recorded !== undefined && recorded > 0 ? Math.min(states + 1000, Math.ceil(recorded * 1.25) + 1000) : undefined;

export function measureModel(m: BenchModel, params: BenchParams, rec: InstanceCounts | undefined, o: MeasureOptions): ModelResult {
  const expected = rec ? { states: rec.zrcheck.states, transitions: rec.zrcheck.transitions, spinPorStates: rec.spinPor.states } : null;
  o.log(`${m.name}: zrcheck in process...`);
  const zrcheck = zrcheckInProcess(m, params, o.log);
  const hint = expected?.states ?? zrcheck.states ?? 1_000_000;
  const noCli = SKIP('--no-cli');
  const noPeers = SKIP('--no-peers');
  if (o.cli) o.log(`${m.name}: zrcheck CLI...`);
  const cli = o.cli ? zrcheckCli(m, params) : noCli;
  if (o.peers) o.log(`${m.name}: SPIN (-DNOREDUCE), SPIN (POR), Rumur (1 thread), Rumur (default threads)...`);
  const spinDepth = depthFrom(rec?.spin.depth, hint);
  const porDepth = depthFrom(rec?.spinPor.depth, hint);
  const spin = o.peers ? runSpin(m.promela(params), o.work, m.name, { por: false, statesHint: hint, ...(spinDepth ? { depthLimit: spinDepth } : {}) }) : noPeers;
  const spinPor = o.peers ? runSpin(m.promela(params), o.work, m.name, { por: true, statesHint: hint, ...(porDepth ? { depthLimit: porDepth } : {}) }) : noPeers;
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
    cmp('SPIN', spin, expected.states, expected.transitions + extra);
    cmp('SPIN POR', spinPor, expected.spinPorStates, undefined);
    cmp('Rumur 1 thread', rumur1, expected.states, expected.transitions);
    cmp('Rumur default threads', rumurDefault, expected.states, expected.transitions);
  }
  for (const [what, r] of [['zrcheck', zrcheck], ['zrcheck CLI', cli], ['SPIN', spin], ['SPIN POR', spinPor], ['Rumur 1 thread', rumur1], ['Rumur default threads', rumurDefault]] as const) {
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
    spin,
    spinPor,
    rumur1,
    rumurDefault,
    ratios: {
      spinOverCli: ratio(spin, cli),
      spinPorOverCli: ratio(spinPor, cli),
      rumur1OverCli: ratio(rumur1, cli),
      rumurDefaultOverCli: ratio(rumurDefault, cli),
      spinOverCheck: ratio(spin, zrcheck),
      spinPorOverCheck: ratio(spinPor, zrcheck),
      rumur1OverCheck: ratio(rumur1, zrcheck),
      rumurDefaultOverCheck: ratio(rumurDefault, zrcheck),
    },
    countsMatch: mismatches.length === 0,
    mismatches,
  };
}
