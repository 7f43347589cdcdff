/**
 * How much of a one-thread search is the visited set's own work, and what this machine's
 * memory allows it (issue 11: where bakery's and German's time goes). A measurement, not a
 * change to the checker: `npx tsx bench/tableReplay.ts [--model NAME] [--small] [--repeat N]
 * [--json]` (about a minute for the six bench models).
 *
 * 1. Record: a BFS of the model with the search's own parts (batch.ts fills batches of queued
 *    states as bfs.ts does; FingerprintTable's touchAll, then addAndRemember in order; the
 *    StateQueue), keeping each batch's successor fingerprints. No parent log, invariants or
 *    deadlock checks: what is left is the stream of lookups the real search makes, in its order.
 *    Its state count is checked against the recorded one (bench/models/expected-counts.json).
 * 2. Replay that stream against a fresh table, touch loop and inserts as bfs.ts does them,
 *    without the model: once from the search's first table (FIRST_SLOTS, growing as a run
 *    does) and once from a table sized for the whole run (no growth). The first is the
 *    visited set's share of a search; the difference is what growth and the fuller tables
 *    before each growth cost.
 * 3. This machine's random reads over an array of the final table's size: one at a time (each
 *    waits for the one before: the latency) and 32 independent ones at a time (as the touch
 *    loop issues them: the throughput a batch can reach).
 * Times are medians of `--repeat` runs (default 3) in this one process. The split between the
 * touch loop and the inserts is approximate: a timer does not wait for loads still in flight,
 * so part of the touches' wait can show in the inserts; the total holds both.
 */
import { Batch } from '../src/explorer/batch.ts';
import { fingerprint, fpHi } from '../src/explorer/fingerprint.ts';
import { FIRST_SLOTS, FingerprintTable } from '../src/explorer/fingerprintTable.ts';
import type { Model } from '../src/explorer/model.ts';
import { StateQueue } from '../src/explorer/stateQueue.ts';
import { BENCH_MODELS, findModel, paramText, readExpected } from './models/index.ts';

/** One search's lookups: each batch's successor fingerprints, in the order bfs.ts makes them. */
export interface Recording {
  /** Fingerprints of the initial states that were new, (lo, hi) pairs. */
  readonly initial: Uint32Array;
  /** Every batch's successor fingerprints, (lo, hi) pairs, batch after batch. */
  readonly fps: Uint32Array;
  /** Successors per batch. */
  readonly batches: Int32Array;
  readonly states: number;
  readonly successors: number;
  /** Lookups the recent cache did not settle (they visit the table). */
  readonly tableVisits: number;
  readonly ms: number;
}

export function record(model: Model): Recording {
  const t0 = performance.now();
  const W = model.layout.words;
  const table = new FingerprintTable(W, FIRST_SLOTS);
  const queue = new StateQueue(W);
  const batch = new Batch(model);
  const initial: number[] = [];
  for (const s of model.initialStates()) {
    if (!table.add(s)) continue;
    initial.push(fingerprint(s, W) || 1, fpHi || 1);
    queue.push(s);
  }
  let fps = new Uint32Array(1 << 20);
  let nf = 0;
  const batches: number[] = [];
  let tableVisits = 0;
  while (queue.length > 0) {
    batch.reset();
    while (batch.hasRoom() && queue.length > 0) {
      queue.shift(batch.nextSlot());
      if (!batch.expandNext()) throw batch.held;
    }
    const n = batch.ns;
    if (nf + 2 * n > fps.length) {
      const grown = new Uint32Array(Math.max(fps.length * 2, nf + 2 * n));
      grown.set(fps.subarray(0, nf));
      fps = grown;
    }
    fps.set(batch.fps.subarray(0, 2 * n), nf);
    nf += 2 * n;
    batches.push(n);
    table.touchAll(batch.fps, n, batch.dup);
    for (let p = 0; p < n; p++) {
      if (batch.dup[p] !== 0) continue;
      tableVisits++;
      if (table.addAndRemember(batch.fps[2 * p]!, batch.fps[2 * p + 1]!)) queue.push(batch.succViews[p]!);
    }
  }
  return {
    initial: Uint32Array.from(initial),
    fps: fps.slice(0, nf),
    batches: Int32Array.from(batches),
    states: table.size,
    successors: nf / 2,
    tableVisits,
    ms: performance.now() - t0,
  };
}

export interface ReplayRun {
  readonly ms: number;
  readonly touchMs: number;
  readonly insertMs: number;
  readonly states: number;
  readonly slots: number;
}

/** Where the touches' values end up, so the loads are not optimised away (as bfs.ts's touchSink). */
export let replaySink = 0;

/** The recording's lookups against a fresh table of `firstSlots` slots, as bfs.ts makes them. */
export function replay(rec: Recording, firstSlots: number): ReplayRun {
  const table = new FingerprintTable(2, firstSlots);
  let most = 1;
  for (let b = 0; b < rec.batches.length; b++) most = Math.max(most, rec.batches[b]!);
  const fps = new Uint32Array(2 * most);
  const dup = new Uint8Array(fps.length / 2);
  for (let k = 0; k < rec.initial.length; k += 2) table.addFingerprint(rec.initial[k]!, rec.initial[k + 1]!);
  let off = 0;
  let touchMs = 0;
  let insertMs = 0;
  let sink = 0;
  const t0 = performance.now();
  for (let b = 0; b < rec.batches.length; b++) {
    const n = rec.batches[b]!;
    for (let q = 0; q < 2 * n; q++) fps[q] = rec.fps[off + q]!;
    off += 2 * n;
    const a = performance.now();
    sink ^= table.touchAll(fps, n, dup);
    const c = performance.now();
    for (let p = 0; p < n; p++) if (dup[p] === 0) table.addAndRemember(fps[2 * p]!, fps[2 * p + 1]!);
    insertMs += performance.now() - c;
    touchMs += c - a;
  }
  const ms = performance.now() - t0;
  replaySink = sink;
  return { ms, touchMs, insertMs, states: table.size, slots: table.capacity };
}

export interface MemoryCost {
  readonly bytes: number;
  /** ns per read when each waits for the one before. */
  readonly latencyNs: number;
  /** ns per read, 32 independent reads at a time. */
  readonly batchedNs: number;
}

/** Random reads over `bytes` of memory: one at a time, then 32 at a time. */
export function memoryCost(bytes: number, reads = 1 << 21): MemoryCost {
  const n = Math.max(1024, Math.floor(bytes / 4));
  const t = new Uint32Array(n);
  for (let k = 0; k < n; k += 1024) t[k] = 0; // map every page first
  const idx = new Int32Array(reads);
  for (let i = 0; i < reads; i++) idx[i] = Math.floor(Math.random() * n);
  const chained = (B: number): number => {
    let s = 0;
    const a = performance.now();
    for (let i = 0; i + B <= reads; i += B) {
      let acc = 0;
      for (let q = 0; q < B; q++) acc |= t[(idx[i + q]! + s) | 0]!;
      s = acc & 2; // always 0 (the array holds zeros), but the next batch's addresses wait for it
    }
    const ns = ((performance.now() - a) * 1e6) / reads;
    if (s !== 0) throw new Error('unreachable');
    return ns;
  };
  chained(32); // optimise first
  return { bytes: n * 4, latencyNs: chained(1), batchedNs: chained(32) };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export interface ModelRow {
  readonly name: string;
  readonly params: Readonly<Record<string, number | string>>;
  readonly states: number;
  /** What regen-counts.ts recorded for this instance (check()'s states and transitions). */
  readonly expected: { readonly states: number; readonly transitions: number } | undefined;
  readonly successors: number;
  readonly tableVisits: number;
  readonly batches: number;
  readonly recordMs: number;
  /** Replay from the search's first table (growing), medians. */
  readonly grown: { readonly ms: number; readonly touchMs: number; readonly insertMs: number; readonly slots: number };
  /** Replay into a table sized for the run, medians. */
  readonly presized: { readonly ms: number; readonly touchMs: number; readonly insertMs: number };
  readonly memory: MemoryCost;
}

export function measureModel(name: string, small: boolean, repeat: number): ModelRow {
  const bm = findModel(name);
  if (bm === undefined) throw new Error(`no bench model ${name}`);
  const params = small ? bm.small : bm.bench;
  const rec = record(bm.make(params));
  const grown: ReplayRun[] = [];
  const presized: ReplayRun[] = [];
  for (let r = 0; r < repeat; r++) {
    const g = replay(rec, FIRST_SLOTS);
    grown.push(g);
    presized.push(replay(rec, g.slots));
  }
  for (const run of [...grown, ...presized]) {
    if (run.states !== rec.states) throw new Error(`${name}: the replay stored ${run.states} states, the recording ${rec.states}`);
  }
  const slots = grown[0]!.slots;
  const counts = readExpected()?.models[name]?.instances[small ? 'small' : 'bench'];
  return {
    name,
    params,
    states: rec.states,
    expected: counts === undefined ? undefined : { states: counts.zrcheck.states, transitions: counts.zrcheck.transitions },
    successors: rec.successors,
    tableVisits: rec.tableVisits,
    batches: rec.batches.length,
    recordMs: rec.ms,
    grown: { ms: median(grown.map((g) => g.ms)), touchMs: median(grown.map((g) => g.touchMs)), insertMs: median(grown.map((g) => g.insertMs)), slots },
    presized: { ms: median(presized.map((g) => g.ms)), touchMs: median(presized.map((g) => g.touchMs)), insertMs: median(presized.map((g) => g.insertMs)) },
    memory: memoryCost(slots * 8),
  };
}

const int = (x: number): string => Math.round(x).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** The recording found the states and transitions check() recorded (true when none are recorded). */
export function countsMatch(r: ModelRow): boolean {
  return r.expected === undefined || (r.expected.states === r.states && r.expected.transitions === r.successors);
}

export function rowText(r: ModelRow): string {
  const share = (100 * r.grown.ms) / r.recordMs;
  const e = r.expected;
  const check = e === undefined ? 'no recorded counts' : countsMatch(r) ? 'as recorded' : `MISMATCH: recorded ${int(e.states)} states, ${int(e.transitions)} transitions`;
  return [
    `${r.name} (${paramText(r.params)}): ${int(r.states)} states, ${int(r.successors)} successors (${check}) in ${int(r.batches)} batches, ${int(r.tableVisits)} table visits (${((100 * r.tableVisits) / r.successors).toFixed(0)}%; the rest settled by the recent cache)`,
    `  recording search (model, batches, table, queue): ${int(r.recordMs)} ms`,
    `  table alone, from the first table: ${int(r.grown.ms)} ms (${share.toFixed(0)}% of the recording search): touch loop ${int(r.grown.touchMs)}, inserts and growths ${int(r.grown.insertMs)}; final table ${int(r.grown.slots)} slots (${(r.grown.slots * 8 / 2 ** 20).toFixed(1)} MiB)`,
    `  table alone, sized for the run (no growth): ${int(r.presized.ms)} ms: touch loop ${int(r.presized.touchMs)}, inserts ${int(r.presized.insertMs)}`,
    `  per table visit: ${((r.grown.ms * 1e6) / r.tableVisits).toFixed(0)} ns from the first table, ${((r.presized.ms * 1e6) / r.tableVisits).toFixed(0)} ns sized; this machine's random read over ${(r.memory.bytes / 2 ** 20).toFixed(1)} MiB: ${r.memory.latencyNs.toFixed(0)} ns one at a time, ${r.memory.batchedNs.toFixed(1)} ns 32 at a time`,
  ].join('\n');
}

export interface Args {
  readonly models: readonly string[];
  readonly small: boolean;
  readonly repeat: number;
  readonly json: boolean;
}

/** The command line, or a message naming what is wrong with it. */
export function parseArgs(argv: readonly string[]): Args | string {
  const models: string[] = [];
  let small = false;
  let repeat = 3;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--small') small = true;
    else if (a === '--json') json = true;
    else if (a === '--model') {
      const name = argv[++i];
      if (name === undefined || findModel(name) === undefined) return `--model: expected one of ${BENCH_MODELS.map((m) => m.name).join(', ')}, got ${name ?? 'nothing'}`;
      models.push(name);
    } else if (a === '--repeat') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) return `--repeat: expected a whole number of at least 1, got ${argv[i] ?? 'nothing'}`;
      repeat = v;
    } else return `unknown argument ${a} (usage: npx tsx bench/tableReplay.ts [--model NAME]... [--small] [--repeat N] [--json])`;
  }
  return { models: models.length > 0 ? models : BENCH_MODELS.map((m) => m.name), small, repeat, json };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n`);
    process.exit(2);
  }
  const rows: ModelRow[] = [];
  for (const name of args.models) {
    if (!args.json) process.stderr.write(`${name}: recording and replaying...\n`);
    const row = measureModel(name, args.small, args.repeat);
    rows.push(row);
    if (!args.json) process.stdout.write(`${rowText(row)}\n`);
  }
  if (args.json) process.stdout.write(`${JSON.stringify({ bench: 'tableReplay', small: args.small, repeat: args.repeat, rows })}\n`);
  if (!rows.every(countsMatch)) {
    process.stderr.write('a recording did not find the recorded counts: its lookups are not those of the search\n');
    process.exit(1);
  }
}
