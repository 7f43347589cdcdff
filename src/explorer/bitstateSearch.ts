/**
 * Bitstate depth-first search (`--bitstate BITS`, and every swarm member): DFS over an explicit
 * stack whose visited set is a BitstateTable (bitstate.ts). A state on the stack has its bits
 * set, so a cycle back to it is simply "seen": no stack set is needed. Diversification for a
 * swarm: the hash seed, the order in which each state's actions are tried (a seeded
 * permutation of the action table), and a depth bound below which states are not expanded
 * (the search goes on elsewhere, unlike --max-depth, which stops it).
 *
 * The verdict rule: a bitstate search never decides that a property holds. Run to its end
 * without a violation it is 'incomplete' with the limit 'bitstate' (the CLI prints "no
 * violation found (bitstate, estimated coverage X %)"); a violation it finds is real (a
 * replayable trace: the stack path).
 *
 * Kept apart from dfs.ts on purpose: the exhaustive searches stay as they are, and this file
 * owns everything bitstate does differently.
 */
import { BitstateTable } from './bitstate.ts';
import { terminal, StrayBitsError } from './bfs.ts';
import { modelError, validateModel } from './check.ts';
import { collisionProbability } from './fingerprint.ts';
import type { Model } from './model.ts';
import { resolveOptions, type BitstateOptions, type CheckOptions } from './options.ts';
import type { CheckOutcome, PropertyVerdict, Stats } from './outcome.ts';
import { RunContext } from './run.ts';
import { buildTrace } from './trace.ts';

/** A seeded permutation of 0..n-1 (mulberry32 + Fisher-Yates); seed 0 is the identity. */
export function actionRanks(n: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (seed !== 0) {
    let s = seed >>> 0;
    const rnd = () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      const x = order[i]!;
      order[i] = order[j]!;
      order[j] = x;
    }
  }
  const rank = new Int32Array(n);
  order.forEach((a, r) => (rank[a] = r));
  return rank;
}

interface SearchResult {
  readonly table: BitstateTable;
}

function bitstateDfs(model: Model, ctx: RunContext, b: BitstateOptions): SearchResult {
  const W = model.layout.words;
  const layout = model.layout;
  const A = Math.max(1, model.actions.length);
  const table = new BitstateTable(b.log2Bits, b.hashes ?? 3, b.seed ?? 0, W, b.sketch === true);
  const rank = b.orderSeed !== undefined && b.orderSeed !== 0 ? actionRanks(model.actions.length, b.orderSeed) : undefined;
  const bound = b.depthBound ?? Number.POSITIVE_INFINITY;
  const inits = model.initialStates();
  const stuttering = ctx.deadlockMode === 'stuttering';
  const deadlockOn = ctx.deadlockMode !== 'off';
  const maxDepth = ctx.opts.maxDepth;
  const maxStates = ctx.opts.maxStates;

  let cap = 256;
  let states = new Uint32Array(cap * W);
  let acts = new Int32Array(cap * A);
  let nActs = new Int32Array(cap);
  let nextIdx = new Int32Array(cap);
  let selfOnly = new Uint8Array(cap);
  let top = -1;
  const succ = new Uint32Array(W);
  const frame = new Uint32Array(W);
  const ids = new Int32Array(A);
  let frameOf = -1;
  let initialOf = 0;

  const pathTraceOf = (upto: number) => {
    const actions: number[] = [];
    for (let i = 0; i < upto; i++) actions.push(acts[i * A + nextIdx[i]! - 1]!);
    return buildTrace(model, inits[initialOf]!, actions);
  };
  const pathTrace = (upto: number) => () => pathTraceOf(upto);
  ctx.pathToCurrent = () => pathTraceOf(Math.max(0, top));

  const grow = () => {
    cap *= 2;
    const s2 = new Uint32Array(cap * W);
    s2.set(states);
    states = s2;
    const a2 = new Int32Array(cap * A);
    a2.set(acts);
    acts = a2;
    const n2 = new Int32Array(cap);
    n2.set(nActs);
    nActs = n2;
    const x2 = new Int32Array(cap);
    x2.set(nextIdx);
    nextIdx = x2;
    const y2 = new Uint8Array(cap);
    y2.set(selfOnly);
    selfOnly = y2;
  };

  const push = (s: Uint32Array): void => {
    top++;
    if (top === cap) grow();
    const base = top * W;
    for (let w = 0; w < W; w++) states[base + w] = s[w]!;
    const n = model.enabled(s, ids);
    const abase = top * A;
    for (let j = 0; j < n; j++) {
      // Insertion by rank: a member's own order of the enabled actions.
      const a = ids[j]!;
      let k = j;
      if (rank !== undefined) while (k > 0 && rank[acts[abase + k - 1]!]! > rank[a]!) (acts[abase + k] = acts[abase + k - 1]!), k--;
      acts[abase + k] = a;
    }
    // Beyond the depth bound the state is checked but not expanded.
    nActs[top] = top >= bound ? 0 : n;
    nextIdx[top] = 0;
    selfOnly[top] = 1;
    if (top > ctx.depth) ctx.depth = top;
    ctx.checkNewState(s, pathTraceOf, top);
    if (n === 0 && !ctx.stopped) terminal(ctx, s, pathTrace(top), deadlockOn);
  };

  for (let k = 0; k < inits.length && !ctx.stopped; k++) {
    initialOf = k;
    const s0 = inits[k]!;
    if (!table.add(s0)) continue;
    push(s0);
    while (top >= 0 && !ctx.stopped) {
      if (frameOf !== top) {
        const base = top * W;
        for (let w = 0; w < W; w++) frame[w] = states[base + w]!;
        frameOf = top;
      }
      if (nextIdx[top]! < nActs[top]!) {
        if (top >= maxDepth) {
          ctx.stopDepth();
          break;
        }
        const a = acts[top * A + nextIdx[top]!]!;
        nextIdx[top]!++;
        ctx.currentAction = a;
        model.next(frame, a, succ);
        ctx.transitions++;
        ctx.currentAction = -1;
        if (layout.strayWord(succ) >= 0) throw new StrayBitsError(a, layout.strayWord(succ));
        if (selfOnly[top] === 1) for (let w = 0; w < W; w++) if (succ[w] !== frame[w]) selfOnly[top] = 0;
        if (table.add(succ)) {
          push(succ);
          frameOf = -1;
          if (table.stored > maxStates) ctx.stopStates();
        }
      } else {
        if (stuttering && deadlockOn && nActs[top]! > 0 && selfOnly[top] === 1 && !ctx.isValidEnd(frame)) {
          nextIdx[top] = 0;
          if (ctx.report('deadlock', 'deadlock', pathTrace(top))) break;
        }
        top--;
        frameOf = -1;
      }
      ctx.tick(table.stored, top + 1);
    }
  }
  return { table };
}

/** `check()` for store 'bitstate' (check.ts hands over): the same outcome shape, never 'holds'. */
export function checkBitstate(model: Model, options: CheckOptions): CheckOutcome {
  const shape = validateModel(model);
  if (shape !== undefined) return { verdict: 'error', error: shape };
  const b = options.bitstate;
  if (b === undefined) throw new Error('internal: store bitstate without bitstate options');
  const opts = resolveOptions({ ...options, search: 'dfs' });
  const ctx = new RunContext(model, opts);
  let table: BitstateTable | undefined;
  try {
    table = bitstateDfs(model, ctx, b).table;
  } catch (e) {
    return { verdict: 'error', error: modelError(model, ctx, e) };
  }
  const wallMs = performance.now() - ctx.startMs;
  const states = table.stored - (ctx.stoppedOnNewState ? 1 : 0);
  const stats: Stats = {
    states,
    transitions: ctx.transitions,
    depth: ctx.depth,
    wallMs,
    statesPerSec: wallMs > 0 ? (states * 1000) / wallMs : 0,
    bytesPerState: states > 0 ? table.bytes() / states : 0,
    visitedBytes: table.bytes(),
    collisionProbability: collisionProbability(states, ctx.transitions),
    peakResidentMb: process.resourceUsage().maxRSS / 1024,
    search: 'dfs',
    store: 'bitstate',
    bitstate: {
      log2Bits: table.log2Bits,
      hashes: table.hashes,
      seed: table.seed,
      bitsSet: table.bitsSet,
      hashFactor: table.hashFactor(),
      coverage: table.coverage(),
      expectedOmissions: table.expectedOmissions,
      ...(table.sketch !== undefined ? { sketch: table.sketch } : {}),
    },
  };
  const violations = [...ctx.violations.values()];
  // Ran to its end: the bitstate table is what limits it. Stopped at a violation: the others
  // are simply not decided, as in an exhaustive search stopped there.
  const ranToEnd = !ctx.stopped;
  const limit = ctx.limit ?? (ranToEnd ? { kind: 'bitstate' as const, limit: table.log2Bits, unit: 'bits' as const } : undefined);
  // Not one property holds: a bitstate search may have skipped the state that breaks it.
  const properties: PropertyVerdict[] = ctx.properties.map((property) => {
    const violation = ctx.violations.get(property);
    return violation !== undefined ? { property, status: 'violated', violation } : { property, status: 'incomplete' };
  });
  if (violations.length > 0) return { verdict: 'violated', violations, properties, stats, exhaustive: false, ...(limit !== undefined ? { limit } : {}) };
  if (limit === undefined) throw new Error('internal: a bitstate search stopped without a limit or a violation');
  return { verdict: 'incomplete', limit, violations, properties, stats };
}
