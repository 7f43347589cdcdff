/**
 * One batch of the layout sweep: the layouts [from, to) of a sweep request, each built and
 * checked exhaustively, folded into a SweepPartial. Runs in the sweep's own process or as a job
 * of kind 'layout-batch' (src/jobs) on a worker (`runJob`), which rebuilds the same deterministic layout list (cached per
 * request) and takes its slice.
 */
import { check } from '../explorer/check.ts';
import { lastState } from '../explorer/trace.ts';
import { buildKernelModel } from '../kernel/build.ts';
import { classifyViolation } from '../kernel/classify.ts';
import { generateLayouts, resolveProfile, type CallerKind, type FlusherMode, type GeneratedLayout } from '../model/index.ts';
import { selectProperties } from '../properties/select.ts';
import { emptyPartial, smaller, type SweepPartial, type Tally, type Witness } from './partial.ts';

export type { SweepPartial } from './partial.ts';

/** A serialisable batch: the sweep request without callbacks, plus its index range. */
export interface BatchJob {
  readonly profile: string;
  readonly variant: string;
  readonly assumptions: Readonly<Record<string, string>>;
  readonly counterfactual?: boolean;
  readonly maxBlocks: number;
  readonly callers?: readonly CallerKind[];
  readonly flushers?: readonly FlusherMode[];
  readonly barrier?: boolean;
  readonly kmalloc?: boolean;
  readonly unalignedStarts?: boolean;
  readonly maxStatesPerLayout?: number;
  readonly properties: readonly string[];
  /** Check each layout with partial-order reduction (`--por`). */
  readonly por?: boolean;
  readonly from: number;
  readonly to: number;
}


type LayoutRequest = Pick<BatchJob, 'profile' | 'variant' | 'assumptions' | 'counterfactual' | 'maxBlocks' | 'callers' | 'flushers' | 'unalignedStarts'>;

/** The generated layouts a request covers, or why there are none. */
export function sweepLayoutsFor(req: LayoutRequest): { ok: true; layouts: GeneratedLayout[]; counterfactual: readonly string[] } | { ok: false; error: string } {
  const r = resolveProfile(req.profile, req.variant, req.assumptions, req.counterfactual === true);
  if (!r.ok) return r;
  const gen = generateLayouts({
    maxBlocks: req.maxBlocks,
    behaviour: r.resolved.behaviour,
    ...(req.callers !== undefined ? { callers: req.callers } : {}),
    ...(req.flushers !== undefined ? { flushers: req.flushers } : {}),
    unalignedStarts: req.unalignedStarts ?? false,
  });
  if (!gen.ok) return gen;
  return { ok: true, layouts: gen.layouts, counterfactual: r.resolved.counterfactual };
}

export interface BatchOptions {
  /** The request's layouts, when the caller has them already. */
  readonly layouts?: readonly GeneratedLayout[];
  readonly shouldAbort?: () => boolean;
  readonly onProgress?: (done: number, total: number, states: number) => void;
}

export function sweepBatch(job: BatchJob, opts: BatchOptions = {}): SweepPartial {
  let layouts = opts.layouts;
  if (layouts === undefined) {
    const gen = sweepLayoutsFor(job);
    if (!gen.ok) return { ...emptyPartial(), error: gen.error };
    layouts = gen.layouts;
  }
  const tallies: Record<string, Tally> = {};
  const smallest: Record<string, Witness> = {};
  const mechanisms: Record<string, { properties: Set<string>; layouts: number; smallest: Witness }> = {};
  let checked = 0;
  let incomplete = 0;
  let totalStates = 0;
  let aborted = false;
  const fail = (error: string): SweepPartial => ({ ...emptyPartial(), error });
  for (let i = job.from; i < job.to; i++) {
    const layout = layouts[i]!;
    if (opts.shouldAbort?.()) {
      aborted = true;
      break;
    }
    const built = buildKernelModel({
      profile: job.profile,
      variant: job.variant,
      assumptions: { ...job.assumptions },
      layout,
      ...(job.counterfactual === true ? { counterfactual: true } : {}),
      ...(job.barrier === true ? { barrier: true } : {}),
      ...(job.kmalloc === false ? { kmalloc: false } : {}),
    });
    if (!built.ok) return fail(built.error);
    const sel = selectProperties(built.model, job.properties, built.explainProperty);
    if (typeof sel === 'string') return fail(sel);
    const o = check(sel.model, {
      stopAtFirst: false,
      ...(sel.deadlockOff ? { deadlock: 'off' as const } : {}),
      ...(job.maxStatesPerLayout !== undefined ? { maxStates: job.maxStatesPerLayout } : {}),
      ...(job.por === true ? { por: true } : {}),
      ...(opts.shouldAbort !== undefined ? { shouldAbort: opts.shouldAbort } : {}),
    });
    if (o.verdict === 'error') return fail(`layout ${layout.id}: ${o.error.message}`);
    totalStates += o.stats.states;
    if (o.verdict === 'incomplete' || (o.verdict === 'violated' && o.limit !== undefined)) incomplete++;
    const seenHere = new Map<string, Witness>();
    o.properties.forEach((p, k) => {
      // First seen: layout index, then position in that layout's report (a total order).
      const t = (tallies[p.property] ??= { violated: 0, held: 0, undecided: 0, checking: 0, firstSeen: i * 1024 + k });
      t.checking++;
      if (p.status === 'holds') t.held++;
      else if (p.status === 'incomplete') t.undecided++;
      else {
        t.violated++;
        const w: Witness = { layout, traceLength: p.violation.trace.steps.length, property: p.property };
        const s = smallest[p.property];
        if (s === undefined || smaller(w, s)) smallest[p.property] = w;
        // The mechanism: a mechanism property names it; other properties are classified from
        // the state their trace ends in (D8, D3..D6; D1-literal by its flush route).
        const colon = p.property.indexOf(':');
        const named = colon < 0 ? p.property : p.property.slice(0, colon);
        const base = named === 'deadlock' ? 'D2' : named;
        const hasOwn = o.properties.some((q) => q.property.startsWith(`${base}:`));
        const m = colon >= 0 ? p.property.slice(colon + 1) : hasOwn ? undefined : classifyViolation(built.model, built.ctx, base, lastState(p.violation.trace));
        if (m === undefined) return;
        const prev = seenHere.get(m);
        if (prev === undefined || smaller(w, prev)) seenHere.set(m, w);
        const e = (mechanisms[m] ??= { properties: new Set(), layouts: 0, smallest: w });
        e.properties.add(base);
      }
    });
    for (const [m, w] of seenHere) {
      const e = mechanisms[m]!;
      e.layouts++;
      if (smaller(w, e.smallest)) e.smallest = w;
    }
    checked++;
    opts.onProgress?.(checked, job.to - job.from, totalStates);
    if (o.verdict === 'incomplete' && o.limit.kind === 'aborted') {
      aborted = true;
      break;
    }
  }
  const order = Object.keys(tallies).sort((p, q) => tallies[p]!.firstSeen - tallies[q]!.firstSeen);
  return {
    checked,
    incomplete,
    aborted,
    totalStates,
    tallies,
    smallest,
    mechanisms: Object.fromEntries(Object.entries(mechanisms).map(([m, e]) => [m, { properties: [...e.properties].sort(), layouts: e.layouts, smallest: e.smallest }])),
    order,
  };
}

/** Layout lists by request, so a worker generates each sweep's list once. */
const cache = new Map<string, GeneratedLayout[]>();

/** The job handler (src/jobs): one batch on a worker process. */
export function runJob(job: BatchJob): SweepPartial {
  const { from: _f, to: _t, properties: _p, maxStatesPerLayout: _m, por: _r, ...layoutKey } = job;
  const key = JSON.stringify(layoutKey);
  let layouts = cache.get(key);
  if (layouts === undefined) {
    const gen = sweepLayoutsFor(job);
    if (!gen.ok) return { ...emptyPartial(), error: gen.error };
    layouts = gen.layouts;
    cache.clear();
    cache.set(key, layouts);
  }
  return sweepBatch(job, { layouts });
}
