/**
 * Turns a request (profile, version, assumptions, and a scenario or a generated layout) into a
 * KernelConfig, or a one-line error naming the bad value and the valid ones. The start is
 * always the result of a setup program (the scenario's or the layout's), run here.
 */
import { DEFAULT_PROFILE, resolveProfile } from './profiles/index.ts';
import { generateLayouts, layoutFromId, type GeneratedLayout } from './layouts.ts';
import { isScenarioId, scenarioApplies, SCENARIOS } from './scenarios.ts';
import { scenarioSetup, type ScenarioSetup } from './scenarioSetups.ts';
import { programText, runSetup } from './setup/ops.ts';
import type { ActorSpec, KernelConfig } from './types.ts';
import { versionSemantics } from './versions.ts';

/**
 * A model request: a built-in scenario, or a generated layout (from `zrcheck layouts`, by
 * value or by id) with the sweep's actors (the worker and the commit thread, the layout's
 * flusher, and optionally the barrier and kmalloc failure).
 */
export interface KernelRequest {
  profile?: string;
  scenario?: string;
  variant: string;
  assumptions?: Record<string, string>;
  /** Allow (and label) a mix of facts no kernel ships. */
  counterfactual?: boolean;
  layout?: GeneratedLayout;
  layoutId?: string;
  /** Layouts only: add the updates barrier. */
  barrier?: boolean;
  /** Layouts only: let the fill helper's kmalloc fail (V2/V2a). Default true. */
  kmalloc?: boolean;
}

export type ConfigResult = { ok: true; cfg: KernelConfig } | { ok: false; error: string };

/** The sweep's actors for a layout: the worker, two timer commits, the layout's flusher over every folio. */
function layoutActors(l: GeneratedLayout, req: KernelRequest, journal: 'jbd2' | 'xfs'): ActorSpec {
  return {
    flusher: l.flusher,
    flusherFirst: 0,
    flusherLast: l.folioBlocks.length - 1,
    flusherPasses: 1,
    commits: journal === 'xfs' ? 0 : req.barrier ? 1 : 2,
    barrier: journal !== 'xfs' && req.barrier === true,
    kmallocMayFail: req.kmalloc !== false,
  };
}

export function buildConfig(req: KernelRequest): ConfigResult {
  const r = resolveProfile(req.profile ?? DEFAULT_PROFILE, req.variant, req.assumptions ?? {}, req.counterfactual === true);
  if (!r.ok) return r;
  const resolved = r.resolved;
  const sem = versionSemantics(resolved.profile.id, req.variant, resolved.assumptions);
  if (sem === undefined) return { ok: false, error: `variant '${req.variant}' has no semantics` };

  let setup: ScenarioSetup;
  let scenario: string;
  if (req.layout !== undefined || req.layoutId !== undefined) {
    if (req.scenario !== undefined) return { ok: false, error: `give either --scenario (${req.scenario}) or --layout, not both: a layout sets the start, the caller and the flusher` };
    let l = req.layout;
    if (l === undefined) {
      const found = layoutFromId(req.layoutId!, resolved.behaviour);
      if (!found.ok) return found;
      l = found.layout;
    }
    setup = { folioBlocks: l.folioBlocks, program: l.program, caller: l.caller, actors: layoutActors(l, req, resolved.behaviour.journal) };
    scenario = `layout ${l.id}`;
  } else {
    if (req.scenario === undefined) return { ok: false, error: `no scenario: give --scenario ID (valid: ${SCENARIOS.map((s) => s.id).join(', ')}) or --layout ID` };
    if (!isScenarioId(req.scenario)) return { ok: false, error: `unknown scenario '${req.scenario}'; valid: ${SCENARIOS.map((s) => s.id).join(', ')}` };
    const notHere = scenarioApplies(req.scenario, resolved.behaviour, resolved.profile.id);
    if (notHere !== undefined) return { ok: false, error: notHere };
    setup = scenarioSetup(req.scenario);
    scenario = req.scenario;
  }

  const folioBlocks = setup.folioBlocks;
  const blocks = folioBlocks.reduce((a, b) => a + b, 0);
  const ran = runSetup({ blocks, folioBlocks }, setup.program, resolved.behaviour);
  if (!ran.ok) return { ok: false, error: `${scenario}: ${ran.error}` };
  const folioOf: number[] = [];
  const folioStart: number[] = [];
  const folioEnd: number[] = [];
  let b = 0;
  folioBlocks.forEach((len, i) => {
    folioStart.push(b);
    for (let k = 0; k < len; k++) folioOf.push(i);
    b += len;
    folioEnd.push(b);
  });
  const breaks = setup.extentBreaks ?? [];
  const caller = setup.caller;
  const preZero = (caller.kind === 'punch' || caller.kind === 'zero-range' || caller.kind === 'zero-range-extend') && resolved.assumptions['pre-zero'] === 'yes';
  const cfg: KernelConfig = {
    profile: resolved,
    b: resolved.behaviour,
    names: resolved.profile.names,
    scenario,
    version: req.variant,
    sem,
    assumptions: resolved.assumptions,
    counterfactual: resolved.counterfactual,
    blocks,
    folios: folioBlocks.length,
    folioOf,
    folioStart,
    folioEnd,
    extentStart: folioOf.map((_f, blk) => blk === 0 || breaks.includes(blk)),
    init: ran.state,
    caller,
    actors: setup.actors,
    preZero,
    setup: programText(setup.program),
  };
  return { ok: true, cfg };
}

export { generateLayouts };
