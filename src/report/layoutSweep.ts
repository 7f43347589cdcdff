/**
 * Layout sweep: checks one kernel scenario/version on every small initial layout the model's
 * generator lists (blocks x mapping types x folio states x zero range x i_size), and says, per
 * property, how many layouts break it and which is the smallest witness. This answers "does
 * any layout of at most N blocks deadlock?" without the user enumerating layouts by hand.
 */
import { check } from '../explorer/check.ts';
import type { Model } from '../explorer/model.ts';
import { buildKernelModel, generateLayouts, type GeneratedLayout, type VersionId } from '../model/index.ts';

export interface SweepRequest {
  readonly scenario: string;
  readonly variant: string;
  readonly assumptions: Readonly<Record<string, string>>;
  readonly maxBlocks: number;
  readonly unalignedStarts?: boolean;
  /** Only these properties (ids as in the model; `deadlock`); all when empty. */
  readonly properties?: readonly string[];
  /** Per-layout state limit; a layout that hits it counts as incomplete. */
  readonly maxStatesPerLayout?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly shouldAbort?: () => boolean;
  /** Narrows a built model to the selected properties (the CLI's `selectProperties`). */
  readonly select?: (model: Model) => { model: Model; deadlockOff: boolean } | string;
}

export interface PropertySweep {
  readonly property: string;
  readonly violatingLayouts: number;
  /** Fewest blocks, then shortest trace, then layout id: a deterministic smallest witness. */
  readonly smallest?: { readonly layout: GeneratedLayout; readonly traceLength: number };
}

export type SweepResult =
  | { readonly ok: false; readonly error: string }
  | {
      readonly ok: true;
      readonly layouts: number;
      readonly checked: number;
      readonly incomplete: number;
      readonly aborted: boolean;
      readonly totalStates: number;
      readonly properties: readonly PropertySweep[];
    };

export function sweepLayouts(req: SweepRequest): SweepResult {
  const gen = generateLayouts({ maxBlocks: req.maxBlocks, version: req.variant as VersionId, unalignedStarts: req.unalignedStarts ?? false });
  if (!gen.ok) return gen;
  const found = new Map<string, { count: number; smallest?: { layout: GeneratedLayout; traceLength: number } }>();
  let checked = 0;
  let incomplete = 0;
  let totalStates = 0;
  let aborted = false;
  const order: string[] = [];
  for (const layout of gen.layouts) {
    if (req.shouldAbort?.()) {
      aborted = true;
      break;
    }
    const built = buildKernelModel({ scenario: req.scenario, variant: req.variant, assumptions: { ...req.assumptions }, layout });
    if (!built.ok) return { ok: false, error: built.error };
    let model = built.model;
    let deadlockOff = false;
    if (req.select) {
      const sel = req.select(model);
      if (typeof sel === 'string') return { ok: false, error: sel };
      model = sel.model;
      deadlockOff = sel.deadlockOff;
    }
    const o = check(model, { stopAtFirst: false, ...(deadlockOff ? { deadlock: 'off' as const } : {}), ...(req.maxStatesPerLayout ? { maxStates: req.maxStatesPerLayout } : {}) });
    if (o.verdict === 'error') return { ok: false, error: `layout ${layout.id}: ${o.error.message}` };
    if (order.length === 0) for (const p of o.properties) order.push(p.property);
    totalStates += o.stats.states;
    if (o.verdict === 'incomplete') incomplete++;
    for (const p of o.properties) {
      if (p.status !== 'violated') continue;
      const len = p.violation.trace.steps.length;
      const f = found.get(p.property) ?? { count: 0 };
      f.count++;
      if (f.smallest === undefined || smaller(layout, len, f.smallest.layout, f.smallest.traceLength)) f.smallest = { layout, traceLength: len };
      found.set(p.property, f);
    }
    checked++;
    req.onProgress?.(checked, gen.layouts.length);
  }
  return {
    ok: true,
    layouts: gen.layouts.length,
    checked,
    incomplete,
    aborted,
    totalStates,
    properties: order.map((property) => {
      const f = found.get(property);
      return f?.smallest ? { property, violatingLayouts: f.count, smallest: f.smallest } : { property, violatingLayouts: 0 };
    }),
  };
}

function smaller(a: GeneratedLayout, la: number, b: GeneratedLayout, lb: number): boolean {
  if (a.blocks !== b.blocks) return a.blocks < b.blocks;
  if (la !== lb) return la < lb;
  return a.id < b.id;
}

/** One line a person reads, e.g. `2 blocks [HOLE UNWRITTEN] in 1 folio (dirty), zero [0,1), i_size 2`. */
export function describeLayout(l: GeneratedLayout): string {
  const folios = l.folioBlocks.map((n, i) => `${n}-block ${l.folios[i]}`).join(' + ');
  return `${l.blocks} block${l.blocks === 1 ? '' : 's'} [${l.map.join(' ')}], folios ${folios}, zero [${l.zeroStart},${l.zeroEnd}), i_size ${l.iSize ?? l.blocks}`;
}

/**
 * The generated layout with this id (ids look like `V3:2:DH:d:1-2:eof1`: version, blocks,
 * mappings, folio states, zero range, i_size), or an error line.
 */
export function findLayout(id: string): { ok: true; layout: GeneratedLayout } | { ok: false; error: string } {
  const [version, blocks] = id.split(':');
  const n = Number(blocks);
  if (version === undefined || !Number.isInteger(n) || n < 1 || n > 8) {
    return { ok: false, error: `layout id '${id}' is not of the form VERSION:BLOCKS:... as zrcheck layouts prints it` };
  }
  for (const unalignedStarts of [false, true]) {
    const gen = generateLayouts({ maxBlocks: n, version: version as VersionId, unalignedStarts });
    if (!gen.ok) return { ok: false, error: `layout id '${id}': ${gen.error}` };
    const hit = gen.layouts.find((l) => l.id === id);
    if (hit) return { ok: true, layout: hit };
  }
  return { ok: false, error: `no generated layout has id '${id}'` };
}
