/**
 * Layout sweep: checks one kernel scenario/version on every small initial layout the model's
 * generator lists (blocks x mapping types x folio states x zero range x i_size), and says, per
 * property, whether it holds on every layout, on how many it is violated (with the smallest
 * witness), and on how many it was not decided. This answers "does any layout of at most N
 * blocks deadlock?" without the user enumerating layouts by hand.
 *
 * Soundness: a property "holds on every layout" only when every layout's check decided it
 * (src/explorer/verdicts.ts); a layout stopped by the state limit, an interruption, or a sweep
 * cut short leaves it incomplete.
 */
import { check } from '../explorer/check.ts';
import type { Model } from '../explorer/model.ts';
import { VerdictTally, type PropertyStatus } from '../explorer/verdicts.ts';
import { buildKernelModel, generateLayouts, type GeneratedLayout, type VersionId } from '../model/index.ts';

export interface SweepRequest {
  readonly scenario: string;
  readonly variant: string;
  readonly assumptions: Readonly<Record<string, string>>;
  readonly maxBlocks: number;
  readonly unalignedStarts?: boolean;
  /** Per-layout state limit; a layout that hits it leaves its undecided properties incomplete. */
  readonly maxStatesPerLayout?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Polled between layouts and inside each check: true stops the sweep (incomplete). */
  readonly shouldAbort?: () => boolean;
  /** Narrows a built model to the selected properties (the CLI's `selectProperties`). */
  readonly select?: (model: Model) => { model: Model; deadlockOff: boolean } | string;
}

export interface PropertySweep {
  readonly property: string;
  /** holds: decided on every layout; violated: on at least one; incomplete: otherwise. */
  readonly status: PropertyStatus;
  readonly violatingLayouts: number;
  /** Layouts checked that did not decide this property (limit, interruption). */
  readonly undecidedLayouts: number;
  /** Fewest blocks, then shortest trace, then layout id: a deterministic smallest witness. */
  readonly smallest?: { readonly layout: GeneratedLayout; readonly traceLength: number };
}

export type SweepResult =
  | { readonly ok: false; readonly error: string }
  | {
      readonly ok: true;
      readonly layouts: number;
      readonly checked: number;
      /** Layouts whose check stopped at a limit or an interruption. */
      readonly incomplete: number;
      /** The sweep was interrupted: `layouts - checked` layouts were never checked. */
      readonly aborted: boolean;
      readonly totalStates: number;
      readonly properties: readonly PropertySweep[];
    };

export function sweepLayouts(req: SweepRequest): SweepResult {
  const gen = generateLayouts({ maxBlocks: req.maxBlocks, version: req.variant as VersionId, unalignedStarts: req.unalignedStarts ?? false });
  if (!gen.ok) return gen;
  const tally = new VerdictTally();
  const smallest = new Map<string, { layout: GeneratedLayout; traceLength: number }>();
  let checked = 0;
  let incomplete = 0;
  let totalStates = 0;
  let aborted = false;
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
    const o = check(model, {
      stopAtFirst: false,
      ...(deadlockOff ? { deadlock: 'off' as const } : {}),
      ...(req.maxStatesPerLayout !== undefined ? { maxStates: req.maxStatesPerLayout } : {}),
      ...(req.shouldAbort !== undefined ? { shouldAbort: req.shouldAbort } : {}),
    });
    if (o.verdict === 'error') return { ok: false, error: `layout ${layout.id}: ${o.error.message}` };
    tally.add(o);
    totalStates += o.stats.states;
    if (o.verdict === 'incomplete' || (o.verdict === 'violated' && o.limit !== undefined)) incomplete++;
    for (const p of o.properties) {
      if (p.status !== 'violated') continue;
      const len = p.violation.trace.steps.length;
      const s = smallest.get(p.property);
      if (s === undefined || smaller(layout, len, s.layout, s.traceLength)) smallest.set(p.property, { layout, traceLength: len });
    }
    checked++;
    req.onProgress?.(checked, gen.layouts.length);
    if (o.verdict === 'incomplete' && o.limit.kind === 'aborted') {
      aborted = true;
      break;
    }
  }
  return {
    ok: true,
    layouts: gen.layouts.length,
    checked,
    incomplete,
    aborted,
    totalStates,
    properties: tally.properties().map((t) => {
      const s = smallest.get(t.property);
      return {
        property: t.property,
        status: tally.status(t.property, gen.layouts.length),
        violatingLayouts: t.violated,
        undecidedLayouts: t.undecided,
        ...(s !== undefined ? { smallest: s } : {}),
      };
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

export { layoutFromId as findLayout } from '../model/layouts.ts';
