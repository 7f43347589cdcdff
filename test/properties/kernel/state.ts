/** Hand-made kernel states for the property tests. */
import { buildKernelCtx, type KernelRequest } from '../../../src/model/index.ts';
import { initState, type KernelCtx } from '../../../src/model/state.ts';

export function handMade(req: KernelRequest): { ctx: KernelCtx; s: Uint32Array } {
  const r = buildKernelCtx(req);
  if (!r.ok) throw new Error(r.error);
  const s = r.ctx.layout.blank();
  initState(r.ctx, s);
  return { ctx: r.ctx, s };
}
