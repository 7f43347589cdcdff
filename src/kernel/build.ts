/**
 * buildKernelModel: the kernel model as the explorer checks it: the transition system of
 * src/model (threads, state, waits) with the properties of src/properties/kernel (D1..D8 and
 * the per-mechanism properties) as invariants and end checks.
 *
 * Why a layer of its own: the model says what the kernel does and knows nothing of what must
 * hold; the properties read the model's state; this file is the one place both meet.
 */
import { defineModel } from '../explorer/define.ts';
import type { Model } from '../explorer/model.ts';
import { buildKernelSystem } from '../model/build.ts';
import type { KernelRequest } from '../model/config.ts';
import type { KernelCtx } from '../model/state.ts';
import { withReads } from './footprints.ts';
import { kernelEndChecks, kernelInvariants, mechanismInvariants, notApplicableReason } from '../properties/kernel/index.ts';

export type KernelBuild =
  | {
      ok: true;
      model: Model;
      ctx: KernelCtx;
      /** Why a kernel property this model does not check does not apply to it (`--property D5` on a punch). */
      explainProperty: (name: string) => string | undefined;
    }
  | { ok: false; error: string };

export function buildKernelModel(req: KernelRequest): KernelBuild {
  const r = buildKernelSystem(req);
  if (!r.ok) return r;
  const sys = r.system;
  const model = defineModel({
    name: sys.name,
    layout: sys.ctx.layout,
    threads: sys.threads,
    // Threads keep fixed indices (Z, F, W, C, B); a scenario without a flusher has an idle F.
    allowIdleThreads: true,
    init: sys.init,
    rules: sys.rules,
    invariants: withReads(sys.ctx.layout, [...kernelInvariants(sys.ctx), ...mechanismInvariants(sys)]),
    endChecks: withReads(sys.ctx.layout, kernelEndChecks(sys.ctx)),
    isValidEnd: sys.isValidEnd,
    waitsFor: sys.waitsFor,
    params: sys.params,
    // The spec's name for deadlock freedom: one name in matrix folders and exports alike.
    propertyAliases: { deadlock: 'D2' },
  });
  return { ok: true, model, ctx: sys.ctx, explainProperty: (name) => notApplicableReason(sys.ctx, name) };
}
