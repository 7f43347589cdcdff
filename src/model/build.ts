/**
 * buildKernelModel: compiles a scenario x version x assumptions (x layout) into the explorer's
 * Model, with the kernel properties as invariants/end checks and waitsFor for the cycle
 * printer. Threads are always Z, F, W, C (fixed indices); absent ones have no actions.
 */
import { defineModel } from '../explorer/define.ts';
import type { Model } from '../explorer/model.ts';
import { kernelEndChecks, kernelInvariants } from '../properties/kernel/index.ts';
import { buildConfig, type KernelRequest } from './config.ts';
import { layoutFromId } from './layouts.ts';
import { initState, makeCtx, T_LOCKED, T_SWITCH, THREAD_NAMES, ZP, FP, type KernelCtx } from './state.ts';
import { commitRules } from './threads/commit.ts';
import { endioRules } from './threads/endio.ts';
import { flusherRules } from './threads/flusher.ts';
import { zeroerRules } from './threads/zeroer.ts';
import { makeWaitsFor } from './waits.ts';

export type KernelBuild = { ok: true; model: Model } | { ok: false; error: string };

const THREAD_INFO = [
  { name: 'Z', description: 'zeroer: ext4 caller -> ext4_block_zero_page_range -> iomap_zero_range' },
  { name: 'F', description: 'flusher: background writeback / sync_file_range' },
  { name: 'W', description: 'end-I/O worker: bio completion and unwritten conversion' },
  { name: 'C', description: 'jbd2 commit thread (kjournald2)' },
];

/** Valid end: every thread finished, no I/O in flight, no commit half-way. */
function validEnd(ctx: KernelCtx, s: Uint32Array): boolean {
  const { f, cfg } = ctx;
  if (f.zPc.get(s) !== ZP.DONE || f.fPc.get(s) !== FP.DONE || f.wBusy.is(s)) return false;
  for (let i = 0; i < cfg.folios; i++) if (f.folioWriteback.is(s, i)) return false;
  const tx = f.tx.get(s);
  return tx !== T_LOCKED && tx !== T_SWITCH && !f.spaceShort.is(s);
}

export function buildKernelModel(request: KernelRequest): KernelBuild {
  let req = request;
  if (req.layoutId !== undefined) {
    const found = layoutFromId(req.layoutId, req.variant);
    if (!found.ok) return found;
    req = { ...req, layout: found.layout };
  }
  const r = buildConfig(req);
  if (!r.ok) return r;
  const cfg = r.cfg;
  const ctx = makeCtx(cfg);
  const rules = [...zeroerRules(ctx), ...flusherRules(ctx), ...endioRules(ctx), ...commitRules(ctx)];
  const threadOfRule = rules.map((x) => THREAD_NAMES.indexOf(x.thread as (typeof THREAD_NAMES)[number]));
  const params: Record<string, string | number | boolean> = { scenario: cfg.scenario, variant: cfg.version };
  for (const [k, v] of Object.entries(cfg.assumptions)) params[k] = v;
  if (req.layout !== undefined) params.layout = req.layout.id;
  const model = defineModel({
    name: `kernel:${cfg.scenario}/${cfg.version}${req.layout !== undefined ? `@${req.layout.id}` : ''}`,
    layout: ctx.layout,
    threads: THREAD_INFO,
    // Threads keep fixed indices (Z, F, W, C); a scenario without a flusher has an idle F.
    allowIdleThreads: true,
    init: (s) => initState(ctx, s),
    rules,
    invariants: kernelInvariants(ctx),
    endChecks: kernelEndChecks(ctx),
    isValidEnd: (s) => validEnd(ctx, s),
    waitsFor: makeWaitsFor(ctx, rules, threadOfRule),
    params,
    // The spec's name for deadlock freedom: one name in matrix folders and exports alike.
    propertyAliases: { deadlock: 'D2' },
  });
  return { ok: true, model };
}

/** Build context for tests and tools that construct states by hand. */
export function buildKernelCtx(req: KernelRequest): { ok: true; ctx: KernelCtx } | { ok: false; error: string } {
  const r = buildConfig(req);
  return r.ok ? { ok: true, ctx: makeCtx(r.cfg) } : r;
}
