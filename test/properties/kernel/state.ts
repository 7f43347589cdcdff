/** Hand-made kernel states for the property tests. */
import { buildKernelSystem, type KernelRequest } from '../../../src/model/index.ts';
import { initState, type KernelCtx } from '../../../src/model/state.ts';

export function handMade(req: KernelRequest): { ctx: KernelCtx; s: Uint32Array } {
  const r = buildKernelSystem(req);
  if (!r.ok) throw new Error(r.error);
  const ctx = r.system.ctx;
  const s = ctx.layout.blank();
  initState(ctx, s);
  return { ctx, s };
}
