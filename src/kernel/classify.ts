/**
 * Names the mechanism of a kernel violation from the state it ends in: the composition of the
 * model's wait-for edges (src/model) with the classifiers of src/properties/kernel.
 */
import type { Model } from '../explorer/model.ts';
import type { KernelCtx } from '../model/state.ts';
import { classifyData, classifyDeadlock, classifyLockOrder, classifyWait, edgesAt, flushRoute } from '../properties/kernel/mechanisms.ts';

export function classifyViolation(model: Model, ctx: KernelCtx, property: string, last: Uint32Array): string | undefined {
  const base = property.split(':')[0]!;
  if (base === 'D2' || base === 'deadlock') {
    if (model.waitsFor === undefined) return undefined;
    return classifyDeadlock(ctx, edgesAt(model.threads.length, model.waitsFor, last), last);
  }
  if (base === 'D1') return classifyWait(ctx, last);
  if (base === 'D1-literal') return flushRoute(ctx, last);
  if (base === 'D8') return classifyLockOrder(ctx, last);
  if (base === 'D3' || base === 'D4' || base === 'D5' || base === 'D6' || base === 'D9') return classifyData(ctx, base, last);
  return undefined;
}
