/**
 * How much could ANY footprint-based partial-order reduction save on the kernel scenarios?
 * (Issue 12 asks `--por` for >= 5x fewer states on the largest kernel scenario; the declared
 * whole-field footprints give 1.00x.) A measurement of the state spaces, not a change to the
 * checker: `npx tsx bench/porBound.ts [--json] [--assumptions] [--sweep N] [--examples]`
 * (seconds).
 *
 * For every cell the matrix plans (planMatrix over src/kernel/catalog.ts: profiles x versions x
 * scenarios with default assumptions; `--assumptions` adds each non-default setting, as the
 * matrix does) it builds the model, stores its whole reachable graph with a plain BFS (the
 * state count is checked against check()'s) and reports:
 *  1. states, and histograms of enabled actions and of threads with an enabled action per state;
 *  2. the DYNAMIC ORACLE: for every state s and pair a, b of enabled actions of different
 *     threads, whether they commute in s (b enabled in a(s), a enabled in b(s), a(b(s)) ==
 *     b(a(s))). This diamond is the most any footprint, per element or per state, could ever
 *     let a reduction assume about a and b in s;
 *  3. OPTIMISTIC reduced searches over the stored graph, each firing in s only a chosen subset
 *     of the enabled actions:
 *     - thr: the enabled actions of one thread whose every enabled action commutes (oracle, in
 *       s only) with every enabled action of every other thread (fewest actions, then lowest
 *       index), when s has >= 2 threads enabled; simple cycle proviso (s is expanded fully when
 *       every chosen successor is already stored). `closure`: the smallest set of enabled
 *       actions closed under oracle-dependence in s, threads ignored.
 *     - per / lvl / none: the smallest PERSISTENT subset of the enabled actions, with the oracle
 *       applied along every path from s of actions outside the subset (Godefroid's definition,
 *       on the real graph), with the simple proviso, porBfs.ts's level proviso, or none.
 *  4. the checker's own state counts without and with `--por` (check(), all properties, and
 *     D2 alone as bench/por.ts does).
 *
 * Why these ESTIMATE the best reduction factor a POR of the kind src/explorer/por implements
 * (strong stubborn sets from declared footprints) could reach: the enabled part of a strong
 * stubborn set built from any sound footprints, however fine, is a persistent set under any
 * independence those footprints justify, and every such independence implies the oracle's
 * diamond; so IN EACH STATE no sound set is smaller than the smallest oracle-persistent one.
 * The searches also skip what a sound reduction must add: visibility for invariants (so they
 * may miss violations, which is reported), and, for `none`, any cycle proviso (with no proviso
 * the reduced graph depends only on the state, so `none` is the least over search orders for a
 * given choice). What is NOT bounded is the choice between persistent sets: the smallest in
 * each state need not give the fewest states overall, so the totals are estimates, not proven
 * ceilings (the `persistentNoneLast` tie-break shows how much the choice moves them: a little
 * lower in 25 of the 138 default cells, 14,591 against 14,604 in total).
 * `thr` is far more optimistic still: it looks at s alone, not at what the other threads can do
 * next, so it is not a sound reduction at all and loses deadlock states, which is reported;
 * it bounds what even a reduction that ignored the future could reach.
 *
 * `--sweep N`: also N layouts (evenly spaced) of the 2-block layout sweep for ext4-iomap V4
 * (src/sweep, `zrcheck layouts --max-blocks 2`), summed. `--examples`: the same figures on
 * examples where `--por` does reduce (dining philosophers, ...), a check of the method: there
 * the persistent-set bound is at most the checker's `--por` count.
 */
import { check } from '../src/explorer/check.ts';
import type { Model } from '../src/explorer/model.ts';
import { buildKernelModel } from '../src/kernel/build.ts';
import { catalog } from '../src/kernel/catalog.ts';
import { planMatrix } from '../src/matrix/plan.ts';
import { selectProperties } from '../src/properties/select.ts';
import { sweepLayoutsFor } from '../src/sweep/batch.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const allAssumptions = args.includes('--assumptions');
const sweepAt = args.indexOf('--sweep');
const sweepN = sweepAt >= 0 ? Number(args[sweepAt + 1]) : 0;
if (sweepAt >= 0 && !(sweepN > 0)) throw new Error('--sweep N: N layouts, N > 0');

/** The whole reachable graph of a model, with what each state violates. */
interface Graph {
  readonly n: number;
  /** Per state: enabled action ids (the model's order) and the successor index of each. */
  readonly acts: Int32Array[];
  readonly succ: Int32Array[];
  readonly thread: Int32Array;
  /** Deadlocks as the checker's default ('stuttering') mode counts them. */
  readonly deadlock: Uint8Array;
  /** Per state: the properties it violates (invariants; end checks at valid ends). */
  readonly violates: (readonly string[] | undefined)[];
  readonly initials: number[];
}

function keyOf(s: Uint32Array): string {
  return Buffer.from(s.buffer, s.byteOffset, s.byteLength).toString('latin1');
}

function explore(model: Model): Graph {
  const W = model.layout.words;
  const ids = new Int32Array(Math.max(1, model.actions.length));
  const index = new Map<string, number>();
  const states: Uint32Array[] = [];
  const acts: Int32Array[] = [];
  const succ: Int32Array[] = [];
  const deadlock: number[] = [];
  const violates: (string[] | undefined)[] = [];
  const add = (s: Uint32Array): number => {
    const k = keyOf(s);
    let i = index.get(k);
    if (i === undefined) {
      i = states.length;
      index.set(k, i);
      states.push(s.slice());
    }
    return i;
  };
  const initials = model.initialStates().map(add);
  for (let i = 0; i < states.length; i++) {
    const s = states[i]!;
    const n = model.enabled(s, ids);
    const a = ids.slice(0, n);
    const t = new Int32Array(n);
    let allSelf = n > 0;
    const out = new Uint32Array(W);
    for (let k = 0; k < n; k++) {
      model.next(s, a[k]!, out);
      t[k] = add(out);
      if (t[k] !== i) allSelf = false;
    }
    acts.push(a);
    succ.push(t);
    const bad: string[] = model.invariants.filter((p) => !p.holds(s)).map((p) => p.name);
    const validEnd = model.isValidEnd?.(s) ?? false;
    if (n === 0 && validEnd) for (const p of model.endChecks ?? []) if (!p.holds(s)) bad.push(p.name);
    const dl = !validEnd && (n === 0 || allSelf);
    if (dl) bad.push('deadlock');
    deadlock.push(dl ? 1 : 0);
    violates.push(bad.length > 0 ? bad : undefined);
  }
  return {
    n: states.length,
    acts,
    succ,
    thread: Int32Array.from(model.actions.map((a) => a.thread)),
    deadlock: Uint8Array.from(deadlock),
    violates,
    initials,
  };
}

/** Successor of state s under action a, or -1 when a is not enabled in s. */
function step(g: Graph, s: number, a: number): number {
  const as = g.acts[s]!;
  for (let k = 0; k < as.length; k++) if (as[k] === a) return g.succ[s]![k]!;
  return -1;
}

/** The dynamic oracle: a and b (both enabled in s, at positions i, j) commute in s. */
function commute(g: Graph, s: number, i: number, j: number): boolean {
  const a = g.acts[s]![i]!;
  const b = g.acts[s]![j]!;
  const ab = step(g, g.succ[s]![i]!, b);
  const ba = step(g, g.succ[s]![j]!, a);
  return ab >= 0 && ab === ba;
}

type Rule = (g: Graph, s: number) => number[] | undefined;

/** One thread whose enabled actions all commute in s with every other thread's (fewest actions, then lowest index). */
const threadRule: Rule = (g, s) => {
  const as = g.acts[s]!;
  const threads = [...new Set(Array.from(as, (a) => g.thread[a]!))];
  if (threads.length < 2) return undefined;
  let best: number[] | undefined;
  for (const t of threads.sort((x, y) => x - y)) {
    const mine: number[] = [];
    for (let i = 0; i < as.length; i++) if (g.thread[as[i]!] === t) mine.push(i);
    let ok = true;
    for (const i of mine) {
      for (let j = 0; j < as.length && ok; j++) if (g.thread[as[j]!] !== t && !commute(g, s, i, j)) ok = false;
      if (!ok) break;
    }
    if (ok && (best === undefined || mine.length < best.length)) best = mine;
  }
  return best;
};

/** The smallest set of enabled actions closed under oracle-dependence in s (threads ignored). */
const closureRule: Rule = (g, s) => {
  const n = g.acts[s]!.length;
  if (n < 2) return undefined;
  let best: number[] | undefined;
  for (let seed = 0; seed < n; seed++) {
    const inSet = new Uint8Array(n);
    inSet[seed] = 1;
    const set = [seed];
    for (let k = 0; k < set.length; k++) {
      for (let j = 0; j < n; j++) if (inSet[j] === 0 && !commute(g, s, set[k]!, j)) (inSet[j] = 1), set.push(j);
    }
    if (set.length < n && (best === undefined || set.length < best.length)) best = set.sort((x, y) => x - y);
  }
  return best;
};

/** Whether enabled-in-u actions a and b (ids) commute in u (the oracle, by action id). */
function commuteIds(g: Graph, u: number, a: number, b: number): boolean {
  const sa = step(g, u, a);
  const sb = step(g, u, b);
  if (sa < 0 || sb < 0) return false;
  const ab = step(g, sa, b);
  return ab >= 0 && ab === step(g, sb, a);
}

/**
 * Whether the actions P (enabled in s) form a persistent set of s in the stored graph, under
 * the oracle: along every path from s of actions outside P, every action outside P enabled in a
 * state u of the path commutes in u with every action of P. Any stubborn set a sound POR could
 * build from valid footprints (of any precision) is persistent in this sense.
 */
function persistent(g: Graph, s: number, P: readonly number[], mark: Int32Array, stamp: number): boolean {
  const stack = [s];
  mark[s] = stamp;
  while (stack.length > 0) {
    const u = stack.pop()!;
    const as = g.acts[u]!;
    for (let k = 0; k < as.length; k++) {
      const b = as[k]!;
      if (P.includes(b)) continue;
      for (const a of P) if (!commuteIds(g, u, a, b)) return false;
      const t = g.succ[u]![k]!;
      if (mark[t] !== stamp) (mark[t] = stamp), stack.push(t);
    }
  }
  return true;
}

/** The smallest persistent proper subset of the enabled actions (oracle, whole graph), if any. */
function persistentRule(tie: 'first' | 'last' = 'first'): Rule {
  let mark = new Int32Array(0);
  let stamp = 0;
  return (g, s) => {
    if (mark.length !== g.n) (mark = new Int32Array(g.n)), (stamp = 0);
    const as = g.acts[s]!;
    const n = as.length;
    if (n < 2) return undefined;
    const masks = Array.from({ length: (1 << n) - 2 }, (_, k) => k + 1).sort((x, y) => popcount(x) - popcount(y) || (tie === 'first' ? x - y : y - x));
    for (const m of masks) {
      const ks: number[] = [];
      for (let k = 0; k < n; k++) if ((m >> k) & 1) ks.push(k);
      if (persistent(g, s, ks.map((k) => as[k]!), mark, ++stamp)) return ks;
    }
    return undefined;
  };
}

function popcount(m: number): number {
  let c = 0;
  for (; m !== 0; m &= m - 1) c++;
  return c;
}

interface Reduced {
  readonly states: number;
  readonly reducedStates: number;
  readonly provisoStates: number;
  /** Deadlock states of the full search this search does not reach: terminal ones, and ones where every enabled action stutters. */
  readonly deadlocksMissed: number;
  readonly stutterDeadlocksMissed: number;
  /** Properties the full search violates and this one never reaches a violation of. */
  readonly propertiesMissed: readonly string[];
}

/**
 * BFS over the stored graph firing rule(s) where it gives a set. Cycle proviso 'simple': s is
 * expanded fully when every chosen successor is already stored; 'level' (porBfs.ts's): when a
 * chosen successor is s itself or a state stored at a level no deeper than s's.
 */
function reducedSearch(g: Graph, rule: Rule, proviso: 'simple' | 'level' | 'none'): Reduced {
  const level = new Int32Array(g.n).fill(-1);
  const queue: number[] = [];
  for (const i of g.initials) if (level[i] === -1) (level[i] = 0), queue.push(i);
  let reducedStates = 0;
  let provisoStates = 0;
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    const succ = g.succ[s]!;
    let fire: readonly number[] | undefined = rule(g, s);
    const closes = (k: number): boolean => level[succ[k]!]! >= 0 && (proviso === 'simple' || level[succ[k]!]! <= level[s]!);
    if (fire !== undefined && proviso !== 'none' && (proviso === 'simple' ? fire.every(closes) : fire.some(closes))) {
      fire = undefined;
      provisoStates++;
    }
    if (fire !== undefined) reducedStates++;
    const ks = fire ?? Array.from(succ, (_, k) => k);
    for (const k of ks) {
      const t = succ[k]!;
      if (level[t] === -1) (level[t] = level[s]! + 1), queue.push(t);
    }
  }
  let deadlocksMissed = 0;
  let stutterDeadlocksMissed = 0;
  const full = new Set<string>();
  const here = new Set<string>();
  for (let s = 0; s < g.n; s++) {
    if (g.deadlock[s] === 1 && level[s] === -1) {
      if (g.acts[s]!.length === 0) deadlocksMissed++;
      else stutterDeadlocksMissed++;
    }
    for (const p of g.violates[s] ?? []) {
      full.add(p);
      if (level[s]! >= 0) here.add(p);
    }
  }
  return { states: queue.length, reducedStates, provisoStates, deadlocksMissed, stutterDeadlocksMissed, propertiesMissed: [...full].filter((p) => !here.has(p)).sort() };
}

/** The optimistic searches: a rule and a proviso each. */
const SEARCHES = {
  /** Item 3 of the measurement: one thread independent (oracle, in s) of every other. */
  thread: { rule: () => threadRule, proviso: 'simple' },
  /** The smallest set of enabled actions closed under oracle-dependence in s. */
  closure: { rule: () => closureRule, proviso: 'simple' },
  /** The smallest persistent set (oracle along every path outside it), simple proviso. */
  persistent: { rule: persistentRule, proviso: 'simple' },
  /** The same with porBfs.ts's level proviso. */
  persistentLevel: { rule: persistentRule, proviso: 'level' },
  /** The same with no proviso at all (deadlocks are still preserved; invariants need not be). */
  persistentNone: { rule: persistentRule, proviso: 'none' },
  /** No proviso, and of the smallest persistent sets the last (highest positions) instead of the first. */
  persistentNoneLast: { rule: () => persistentRule('last'), proviso: 'none' },
} as const;
type SearchName = keyof typeof SEARCHES;
const NAMES = Object.keys(SEARCHES) as SearchName[];

interface Measured {
  full: number;
  /** check() without and with --por: all properties, and D2 alone. */
  check: { full: number; por: number; d2Full: number; d2Por: number };
  bound: Record<SearchName, Reduced>;
  enabledHist: Record<number, number>;
  threadsHist: Record<number, number>;
  statesMultiThread: number;
  /** States (>= 2 threads enabled) where some thread is independent of all others (oracle). */
  statesWithIndependentThread: number;
  /** Of those, states where the thread rule's set is not persistent (the future undoes the independence). */
  threadChoiceNotPersistent: number;
  /** States (>= 2 enabled actions) with a persistent proper subset of the enabled actions. */
  statesWithPersistentSubset: number;
  statesMultiAction: number;
  pairs: number;
  commuting: number;
  statesWithCommutingPair: number;
  deadlockStates: number;
  violatedProperties: string[];
}
interface Row extends Measured {
  profile: string;
  version: string;
  scenario: string;
  assumptions: Record<string, string>;
}

function checkStates(model: Model, por: boolean): number {
  const o = check(model, { stopAtFirst: false, por });
  if (o.verdict === 'error') throw new Error(`${model.name}: ${o.error.message}`);
  return o.stats.states;
}

function measure(model: Model): Measured {
  const g = explore(model);
  const enabledHist: Record<number, number> = {};
  const threadsHist: Record<number, number> = {};
  let statesMultiThread = 0;
  let statesWithIndependentThread = 0;
  let statesWithPersistentSubset = 0;
  let statesMultiAction = 0;
  let pairs = 0;
  let commuting = 0;
  let statesWithCommutingPair = 0;
  const pers = persistentRule();
  const mark = new Int32Array(g.n);
  let stamp = 0;
  let threadChoiceNotPersistent = 0;
  for (let s = 0; s < g.n; s++) {
    const as = g.acts[s]!;
    enabledHist[as.length] = (enabledHist[as.length] ?? 0) + 1;
    if (as.length >= 2) {
      statesMultiAction++;
      if (pers(g, s) !== undefined) statesWithPersistentSubset++;
    }
    const nt = new Set(Array.from(as, (a) => g.thread[a]!)).size;
    threadsHist[nt] = (threadsHist[nt] ?? 0) + 1;
    if (nt < 2) continue;
    statesMultiThread++;
    const thr = threadRule(g, s);
    if (thr !== undefined) {
      statesWithIndependentThread++;
      if (!persistent(g, s, thr.map((k) => as[k]!), mark, ++stamp)) threadChoiceNotPersistent++;
    }
    let any = false;
    for (let i = 0; i < as.length; i++) {
      for (let j = i + 1; j < as.length; j++) {
        if (g.thread[as[i]!] === g.thread[as[j]!]) continue;
        pairs++;
        if (commute(g, s, i, j)) (commuting++, (any = true));
      }
    }
    if (any) statesWithCommutingPair++;
  }
  const violated = new Set<string>();
  for (const v of g.violates) for (const p of v ?? []) violated.add(p);
  const sel = selectProperties(model, ['deadlock']);
  if (typeof sel === 'string') throw new Error(sel);
  const chk = { full: checkStates(model, false), por: checkStates(model, true), d2Full: checkStates(sel.model, false), d2Por: checkStates(sel.model, true) };
  if (g.n !== chk.full) throw new Error(`${model.name}: the stored graph has ${g.n} states, check() ${chk.full}`);
  const bound = Object.fromEntries(NAMES.map((k) => [k, reducedSearch(g, SEARCHES[k].rule(), SEARCHES[k].proviso)])) as Record<SearchName, Reduced>;
  return {
    full: g.n,
    check: chk,
    bound,
    enabledHist,
    threadsHist,
    statesMultiThread,
    statesWithIndependentThread,
    threadChoiceNotPersistent,
    statesWithPersistentSubset,
    statesMultiAction,
    pairs,
    commuting,
    statesWithCommutingPair,
    deadlockStates: g.deadlock.reduce((x, y) => x + y, 0),
    violatedProperties: [...violated].sort(),
  };
}

interface Sum {
  models: number;
  full: number;
  por: number;
  d2Full: number;
  d2Por: number;
  bound: Record<SearchName, { states: number; deadlocksMissed: number; stutterDeadlocksMissed: number; modelsMissingProperty: number }>;
  pairs: number;
  commuting: number;
  statesMultiThread: number;
  statesWithCommutingPair: number;
  statesWithIndependentThread: number;
  threadChoiceNotPersistent: number;
  statesMultiAction: number;
  statesWithPersistentSubset: number;
  deadlockStates: number;
  enabledHist: Record<number, number>;
  threadsHist: Record<number, number>;
}
function sum(rs: readonly Measured[]): Sum {
  const t: Sum = {
    models: rs.length,
    full: 0,
    por: 0,
    d2Full: 0,
    d2Por: 0,
    bound: Object.fromEntries(NAMES.map((k) => [k, { states: 0, deadlocksMissed: 0, stutterDeadlocksMissed: 0, modelsMissingProperty: 0 }])) as Sum['bound'],
    pairs: 0,
    commuting: 0,
    statesMultiThread: 0,
    statesWithCommutingPair: 0,
    statesWithIndependentThread: 0,
    threadChoiceNotPersistent: 0,
    statesMultiAction: 0,
    statesWithPersistentSubset: 0,
    deadlockStates: 0,
    enabledHist: {},
    threadsHist: {},
  };
  for (const r of rs) {
    t.full += r.full;
    t.por += r.check.por;
    t.d2Full += r.check.d2Full;
    t.d2Por += r.check.d2Por;
    for (const k of NAMES) {
      const b = r.bound[k];
      t.bound[k].states += b.states;
      t.bound[k].deadlocksMissed += b.deadlocksMissed;
      t.bound[k].stutterDeadlocksMissed += b.stutterDeadlocksMissed;
      if (b.propertiesMissed.length > 0) t.bound[k].modelsMissingProperty++;
    }
    t.pairs += r.pairs;
    t.commuting += r.commuting;
    t.statesMultiThread += r.statesMultiThread;
    t.statesWithCommutingPair += r.statesWithCommutingPair;
    t.statesWithIndependentThread += r.statesWithIndependentThread;
    t.threadChoiceNotPersistent += r.threadChoiceNotPersistent;
    t.statesMultiAction += r.statesMultiAction;
    t.statesWithPersistentSubset += r.statesWithPersistentSubset;
    t.deadlockStates += r.deadlockStates;
    for (const [k, v] of Object.entries(r.enabledHist)) t.enabledHist[+k] = (t.enabledHist[+k] ?? 0) + v;
    for (const [k, v] of Object.entries(r.threadsHist)) t.threadsHist[+k] = (t.threadsHist[+k] ?? 0) + v;
  }
  return t;
}

if (args.includes('--examples')) {
  // Sanity check of the method on models where --por does reduce: the bounds should not be
  // above the checker's own --por count (beyond what visibility and the proviso cost it).
  const dining = (await import('../examples/dining.ts')).default;
  const models: Model[] = [3, 4, 5].map((N) => dining({ N }));
  for (const m of ['peterson', 'naive-mutex']) models.push((await import(`../examples/classic/${m}.ts`)).default());
  models.push((await import('../examples/zr-wb-jc.ts')).default({ NZR: 2, NP: 2, VARIANT: 'fixed' }));
  for (const model of models) {
    const m = measure(model);
    const b = m.bound;
    console.log(
      `${model.name}: full ${m.full}, --por ${m.check.por}, thr ${b.thread.states}, per ${b.persistent.states}, lvl ${b.persistentLevel.states}, none ${b.persistentNone.states}; ` +
        `terminal deadlocks missed: thr ${b.thread.deadlocksMissed}, per ${b.persistent.deadlocksMissed}, none ${b.persistentNone.deadlocksMissed}; properties missed: thr [${b.thread.propertiesMissed}], lvl [${b.persistentLevel.propertiesMissed}]`,
    );
  }
  process.exit(0);
}

const plan = planMatrix(catalog, { profiles: [], variants: [], scenarios: [], assumptions: allAssumptions, maxStates: Infinity, catalogUrl: '' });
if (!plan.ok) throw new Error(plan.error);
const rows: Row[] = [];
for (const job of plan.jobs) {
  const b = buildKernelModel({ profile: job.profile, scenario: job.scenario, variant: job.variant, assumptions: { ...job.assumptions } });
  if (!b.ok) throw new Error(b.error);
  rows.push({ profile: job.profile, version: job.variant, scenario: job.scenario, assumptions: { ...job.assumptions }, ...measure(b.model) });
  if (!json) process.stderr.write(`\r${rows.length}/${plan.jobs.length} models`);
}
if (!json) process.stderr.write('\n');

let sweep: { layouts: number; of: number; rows: (Measured & { layout: string })[]; total: Sum } | undefined;
if (sweepN > 0) {
  const gen = sweepLayoutsFor({ profile: 'ext4-iomap', variant: 'V4', assumptions: {}, maxBlocks: 2 });
  if (!gen.ok) throw new Error(gen.error);
  const all = gen.layouts;
  const n = Math.min(sweepN, all.length);
  const pick = Array.from({ length: n }, (_, k) => all[Math.floor((k * all.length) / n)]!);
  const srows: (Measured & { layout: string })[] = [];
  for (const layout of pick) {
    const b = buildKernelModel({ profile: 'ext4-iomap', variant: 'V4', assumptions: {}, layout });
    if (!b.ok) throw new Error(b.error);
    srows.push({ layout: layout.id, ...measure(b.model) });
    if (!json) process.stderr.write(`\rsweep ${srows.length}/${pick.length} layouts`);
  }
  if (!json) process.stderr.write('\n');
  sweep = { layouts: n, of: all.length, rows: srows, total: sum(srows) };
}

const total = sum(rows);
const label = (r: Row): string => `${r.profile} ${r.version} ${r.scenario}${Object.entries(r.assumptions).map(([k, v]) => ` ${k}=${v}`).join('')}`;
const largest = rows.reduce((a, b) => (b.full > a.full ? b : a));
const x = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
const SHORT: Record<SearchName, string> = { thread: 'thr', closure: 'clo', persistent: 'per', persistentLevel: 'lvl', persistentNone: 'none', persistentNoneLast: 'nonelast' };

if (json) {
  console.log(JSON.stringify({ rows, total, largest, ...(sweep !== undefined ? { sweep } : {}) }, null, 1));
} else {
  const head = ['profile', 'ver', 'scenario', 'assume', 'full', 'por', 'thr', 'x', 'per', 'x', 'lvl', 'x', 'none', 'x', 'commute', '>=2thr', 'indepThr', 'missed by the bound'];
  const table: string[][] = [head];
  for (const r of rows) {
    const lost = NAMES.filter((k) => k !== 'closure')
      .map((k) => [k, r.bound[k]] as const)
      .filter(([, b]) => b.deadlocksMissed + b.stutterDeadlocksMissed > 0 || b.propertiesMissed.length > 0)
      .map(([k, b]) => `${SHORT[k]}:${b.deadlocksMissed}+${b.stutterDeadlocksMissed}dl${b.propertiesMissed.length > 0 ? `[${b.propertiesMissed.join(',')}]` : ''}`);
    table.push([
      r.profile,
      r.version,
      r.scenario,
      Object.entries(r.assumptions).map(([k, v]) => `${k}=${v}`).join(',') || '-',
      String(r.full),
      String(r.check.por),
      String(r.bound.thread.states),
      x(r.full, r.bound.thread.states),
      String(r.bound.persistent.states),
      x(r.full, r.bound.persistent.states),
      String(r.bound.persistentLevel.states),
      x(r.full, r.bound.persistentLevel.states),
      String(r.bound.persistentNone.states),
      x(r.full, r.bound.persistentNone.states),
      pct(r.commuting, r.pairs),
      `${r.statesMultiThread} (${pct(r.statesMultiThread, r.full)})`,
      pct(r.statesWithIndependentThread, r.statesMultiThread),
      lost.join(' ') || '-',
    ]);
  }
  const w = head.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  for (const row of table) console.log(row.map((cell, c) => (c >= 4 && c < 17 ? cell.padStart(w[c]!) : cell.padEnd(w[c]!))).join('  ').trimEnd());
  console.log(
    'por: check() with --por; thr: one oracle-independent thread per state (simple proviso); per: smallest persistent set (oracle along all paths; simple proviso);' +
      ' lvl: the same with the level proviso of porBfs.ts; none: the same with no proviso; commute: cross-thread enabled pairs that commute (oracle);' +
      ' >=2thr: states with >= 2 threads enabled; indepThr: of those, with an oracle-independent thread; missed: terminal+stuttering deadlock states not reached [properties no reached state violates]',
  );
  const say = (name: string, t: Sum) => {
    console.log(`\n${name}: ${t.models} models, ${t.full} states`);
    console.log(`  check(): all properties ${t.full} -> --por ${t.por} (${x(t.full, t.por)}); D2 alone ${t.d2Full} -> ${t.d2Por} (${x(t.d2Full, t.d2Por)})`);
    const line: Record<SearchName, string> = {
      thread: 'one oracle-independent thread (item 3)',
      closure: 'smallest oracle-closed set of enabled actions',
      persistent: 'smallest persistent set, simple proviso',
      persistentLevel: 'smallest persistent set, level proviso',
      persistentNone: 'smallest persistent set, no proviso',
      persistentNoneLast: 'smallest persistent set (last of them), no proviso',
    };
    for (const k of NAMES) {
      const b = t.bound[k];
      console.log(
        `  optimistic bound, ${line[k]}: ${b.states} (${x(t.full, b.states)}); misses ${b.deadlocksMissed} of the terminal and ${b.stutterDeadlocksMissed} of the stuttering deadlock states (${t.deadlockStates} in all), some violated property in ${b.modelsMissingProperty} models`,
      );
    }
    console.log(`  states with >= 2 threads enabled: ${t.statesMultiThread} (${pct(t.statesMultiThread, t.full)}); of those, with an oracle-independent thread: ${t.statesWithIndependentThread} (${pct(t.statesWithIndependentThread, t.statesMultiThread)}), with a commuting pair: ${t.statesWithCommutingPair} (${pct(t.statesWithCommutingPair, t.statesMultiThread)})`);
    console.log(`  states where the thread rule (item 3) picks a set that is not persistent: ${t.threadChoiceNotPersistent} (${pct(t.threadChoiceNotPersistent, t.statesWithIndependentThread)} of its choices)`);
    console.log(`  states with >= 2 enabled actions: ${t.statesMultiAction}; of those, with a persistent proper subset: ${t.statesWithPersistentSubset} (${pct(t.statesWithPersistentSubset, t.statesMultiAction)})`);
    console.log(`  cross-thread pairs of enabled actions: ${t.pairs}, commuting (oracle): ${t.commuting} (${pct(t.commuting, t.pairs)})`);
    console.log(`  enabled actions per state ${JSON.stringify(t.enabledHist)}; threads enabled per state ${JSON.stringify(t.threadsHist)}`);
  };
  const best = (rs: readonly (Measured & { name: string })[]) => {
    const b = rs.reduce((p, q) => (q.full / q.bound.persistentNone.states > p.full / p.bound.persistentNone.states ? q : p));
    return `${b.name}: ${b.full} -> ${b.bound.persistentNone.states} (${x(b.full, b.bound.persistentNone.states)})`;
  };
  say('total', total);
  say(`largest: ${label(largest)}`, sum([largest]));
  console.log(`\nbest factor of the smallest persistent sets (no proviso) over all models: ${best(rows.map((r) => ({ ...r, name: label(r) })))}`);
  if (sweep !== undefined) {
    say(`sweep sample (ext4-iomap V4, 2 blocks, ${sweep.layouts} of ${sweep.of} layouts evenly spaced)`, sweep.total);
    const big = sweep.rows.reduce((a, b) => (b.full > a.full ? b : a));
    say(`largest sampled layout: ${big.layout}`, sum([big]));
    console.log(`\nbest factor of the smallest persistent sets (no proviso) over the sampled layouts: ${best(sweep.rows.map((r) => ({ ...r, name: r.layout })))}`);
  }
}
