/**
 * `check(model, options)`: the one entry point of the explorer. Validates the model's shape,
 * picks the search and the store, runs, and turns what happened into a CheckOutcome. Model
 * bugs (a value out of its field's range, stray bits, a throwing guard) become an `error`
 * outcome naming the action; a limit becomes `incomplete`, never `holds`.
 */
import { bfs, type SearchResult } from './bfs.ts';
import { dfs } from './dfs.ts';
import { ExactTable } from './exactTable.ts';
import { collisionProbability } from './fingerprint.ts';
import { FIRST_SLOTS, FingerprintTable } from './fingerprintTable.ts';
import { RuleError } from './define.ts';
import type { Model } from './model.ts';
import { modelErrorOf } from './modelError.ts';
import { resolveOptions, type CheckOptions } from './options.ts';
import type { CheckOutcome, ModelError, PropertyVerdict, SearchKind, Stats, Trace } from './outcome.ts';
import { RunContext } from './run.ts';
import { StoreFullError, type VisitedStore } from './visited.ts';
import { checkBitstate } from './bitstateSearch.ts';
import { SymmetryDeclarationError } from './symmetry/plan.ts';
import { CanonicalStore, SymmetryReduction } from './symmetry/reduction.ts';
import { symmetryStats } from './symmetry/stats.ts';
import { initialStatesClosed, verifySymmetry } from './symmetry/verify.ts';
import { porBfs } from './por/porBfs.ts';
import { Stubborn, type PorStats } from './por/stubborn.ts';
import { footprintCheck } from './por/verifyFootprints.ts';

export function check(model: Model, options: CheckOptions = {}): CheckOutcome {
  if (options.verifyFootprints === true) return checkFootprints(model, options);
  if (options.por === true && (options.store === 'bitstate' || options.store === 'bounded')) {
    return { verdict: 'error', error: { code: 'ZR_MODEL_FOOTPRINT', message: `partial-order reduction needs a full visited set (fingerprint or exact), not --${options.store}` } };
  }
  if (options.por === true && options.symmetry === true) {
    // Sound together only with footprints that are themselves symmetric, which nothing checks.
    return { verdict: 'error', error: { code: 'ZR_MODEL_SHAPE', message: 'partial-order reduction and symmetry reduction are not combined: use one of --por and --symmetry' } };
  }
  if (options.store === 'bitstate') {
    if (options.symmetry === true) return { verdict: 'error', error: { code: 'ZR_MODEL_SHAPE', message: 'symmetry reduction does not combine with a bitstate search' } };
    return checkBitstate(model, options);
  }
  const shape = validateModel(model);
  if (shape !== undefined) return { verdict: 'error', error: shape };
  const opts = resolveOptions(options);
  const ctx = new RunContext(model, opts);
  if (opts.symmetry) {
    const sym = symmetryFor(model);
    if (!(sym instanceof SymmetryReduction)) return { verdict: 'error', error: sym };
    ctx.symmetry = sym;
  }
  let por: Stubborn | undefined;
  if (opts.por) {
    const built = Stubborn.build(model, ctx.deadlockMode);
    if (typeof built === 'string') return { verdict: 'error', error: { code: 'ZR_MODEL_FOOTPRINT', message: built } };
    por = built;
  }
  const words = model.layout.words;
  const canGrow = (bytes: number) => ctx.canAllocate(bytes);
  const search = opts.store === 'bounded' ? 'dfs' : opts.search;
  const plain: VisitedStore | undefined =
    opts.store === 'exact'
      ? new ExactTable(words, 1 << 12, canGrow)
      : opts.store === 'fingerprint'
        ? new FingerprintTable(words, FIRST_SLOTS, canGrow)
        : undefined;
  // With symmetry the store holds canonical forms; BFS fingerprints through its batches and
  // counts orbits as it expands, DFS counts them as it stores (symmetry/reduction.ts).
  const store = plain !== undefined && ctx.symmetry !== undefined ? new CanonicalStore(plain, ctx.symmetry, search === 'dfs') : plain;

  let result: SearchResult | undefined;
  options.onFirstState?.();
  try {
    result =
      search === 'bfs'
        ? por !== undefined
          ? porBfs(model, store as ExactTable | FingerprintTable, ctx, por)
          : bfs(model, store!, ctx)
        : dfs(model, store, ctx, opts.cacheCapacity, por);
  } catch (e) {
    if (e instanceof StoreFullError) ctx.stopMemory();
    else return { verdict: 'error', error: modelError(model, ctx, e) };
  }
  const states = (result?.states ?? store?.size ?? 0) - (ctx.stoppedOnNewState ? 1 : 0);
  const visitedBytes = result ? result.storeBytes + result.logBytes : (store?.bytes() ?? 0);
  return finish(ctx, search, states, visitedBytes, por?.stats());
}

/** --verify-footprints: a full search of the model wrapped so that every access is checked. */
function checkFootprints(model: Model, options: CheckOptions): CheckOutcome {
  if (options.store === 'bitstate' || options.store === 'bounded') {
    return { verdict: 'error', error: { code: 'ZR_MODEL_FOOTPRINT', message: `footprint verification needs a full search (fingerprint or exact store), not --${options.store}` } };
  }
  const shape = validateModel(model);
  if (shape !== undefined) return { verdict: 'error', error: shape };
  const fc = footprintCheck(model);
  if (typeof fc === 'string') return { verdict: 'error', error: { code: 'ZR_MODEL_FOOTPRINT', message: fc } };
  try {
    // Every reachable state is visited, whatever violations the search meets on the way.
    return check(fc.model, { ...options, verifyFootprints: false, por: false, symmetry: false, stopAtFirst: false });
  } finally {
    fc.dispose();
  }
}

/** The statistics of a finished search and its outcome (shared with the parallel search). */
export function finish(ctx: RunContext, search: SearchKind, states: number, visitedBytes: number, por?: PorStats): CheckOutcome {
  const wallMs = performance.now() - ctx.startMs;
  const opts = ctx.opts;
  const stats: Stats = {
    states,
    transitions: ctx.transitions,
    depth: ctx.depth,
    wallMs,
    statesPerSec: wallMs > 0 ? (states * 1000) / wallMs : 0,
    bytesPerState: states > 0 ? visitedBytes / states : 0,
    visitedBytes,
    collisionProbability: opts.store === 'exact' ? 0 : collisionProbability(states, ctx.transitions),
    peakResidentMb: process.resourceUsage().maxRSS / 1024,
    search,
    store: opts.store,
    ...(ctx.symmetry !== undefined || por !== undefined
      ? {
          reductions: {
            ...(ctx.symmetry !== undefined ? { symmetry: symmetryStats(ctx.symmetry, !ctx.stopped && opts.store !== 'bounded') } : {}),
            ...(por !== undefined ? { por } : {}),
          },
        }
      : {}),
  };
  return decide(ctx, stats);
}

/** The symmetry reduction for a model, or the model error that its declaration is (checked). */
export function symmetryFor(model: Model): SymmetryReduction | ModelError {
  let sym: SymmetryReduction;
  try {
    sym = new SymmetryReduction(model);
  } catch (e) {
    if (e instanceof SymmetryDeclarationError) return { code: 'ZR_MODEL_SHAPE', message: e.message };
    throw e;
  }
  const wrong = verifySymmetry(model, sym.canon);
  if (wrong !== undefined) return wrong;
  sym.initialClosed = initialStatesClosed(model, sym.canon);
  sym.canon.canonicalizations = 0;
  sym.canon.images = 0;
  return sym;
}

/**
 * The soundness rule, in one place: a property holds only when the search that decided it
 * ran to the end (no limit, no interruption, no stop at another property's violation);
 * otherwise it is violated (a trace) or incomplete. Aggregations over many runs (layout
 * sweeps, the matrix) combine these per-property verdicts with `combineVerdicts`.
 */
function decide(ctx: RunContext, stats: Stats): CheckOutcome {
  const violations = [...ctx.violations.values()];
  const exhaustive = ctx.limit === undefined && !(ctx.stopped && violations.length < ctx.properties.length);
  const properties: PropertyVerdict[] = ctx.properties.map((property) => {
    const violation = ctx.violations.get(property);
    if (violation) return { property, status: 'violated', violation };
    return exhaustive ? { property, status: 'holds' } : { property, status: 'incomplete' };
  });
  if (violations.length > 0) {
    return { verdict: 'violated', violations, properties, stats, exhaustive, ...(ctx.limit !== undefined ? { limit: ctx.limit } : {}) };
  }
  if (ctx.limit !== undefined) return { verdict: 'incomplete', limit: ctx.limit, violations, properties, stats };
  if (!exhaustive) throw new Error('internal: a search stopped without a limit or a violation');
  return { verdict: 'holds', properties, stats };
}

/** A model function threw during the search: say which one, and how its state was reached. */
export function modelError(model: Model, ctx: RunContext, e: unknown): ModelError {
  let trace: Trace | undefined;
  try {
    trace = ctx.pathToCurrent?.();
  } catch {
    trace = undefined; // the replay itself failed; the message still names the culprit
  }
  return modelErrorOf(model, e, { phase: ctx.phase, action: ctx.currentAction }, trace);
}

/** Checks what TypeScript cannot for a model loaded at run time. */
export function validateModel(m: unknown): ModelError | undefined {
  const bad = (message: string): ModelError => ({ code: 'ZR_MODEL_SHAPE', message });
  if (typeof m !== 'object' || m === null) return bad(`a model must be an object, got ${m === null ? 'null' : typeof m}`);
  const model = m as Partial<Model>;
  for (const fn of ['initialStates', 'enabled', 'next'] as const) {
    if (typeof model[fn] !== 'function') return bad(`model.${fn} must be a function, got ${typeof model[fn]}`);
  }
  if (typeof model.layout !== 'object' || model.layout === null || typeof model.layout.words !== 'number') {
    return bad('model.layout must be a Layout (use defineLayout)');
  }
  if (!Array.isArray(model.actions)) return bad('model.actions must be an array of {name, thread}');
  if (!Array.isArray(model.threads)) return bad('model.threads must be an array of {name}');
  if (!Array.isArray(model.invariants)) return bad('model.invariants must be an array (possibly empty)');
  for (const [i, a] of model.actions.entries()) {
    if (typeof a?.name !== 'string' || !Number.isInteger(a.thread) || a.thread < 0 || a.thread >= model.threads.length) {
      return bad(`model.actions[${i}] must have a name and a thread index below ${model.threads.length}, got ${JSON.stringify(a)}`);
    }
  }
  let inits: readonly Uint32Array[];
  try {
    inits = model.initialStates!();
  } catch (e) {
    const inner = e instanceof RuleError ? e.cause : e;
    return { ...bad(`model.initialStates threw: ${inner instanceof Error ? inner.message : String(inner)}`), cause: inner };
  }
  if (!Array.isArray(inits) || inits.length === 0) return bad('model.initialStates() must return at least one state');
  for (const [i, s] of inits.entries()) {
    if (!(s instanceof Uint32Array) || s.length !== model.layout.words) {
      return bad(`initial state ${i} must be a Uint32Array of ${model.layout.words} words`);
    }
    const stray = model.layout.strayWord(s);
    if (stray >= 0) return bad(`initial state ${i} has bits outside the declared layout in word ${stray}`);
  }
  return undefined;
}
