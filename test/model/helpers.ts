/**
 * Test helpers: a kernel context with a state set up from the request, and stepping a model by
 * action name (asserting the action is enabled), so unit tests read like traces.
 */
import type { Model } from '../../src/explorer/model.ts';
import { buildKernelModel } from '../../src/kernel/build.ts';
import { buildKernelSystem, type KernelRequest } from '../../src/model/index.ts';
import { initState, type KernelCtx } from '../../src/model/state.ts';

export function ctxOf(req: KernelRequest): { ctx: KernelCtx; s: Uint32Array } {
  const r = buildKernelSystem(req);
  if (!r.ok) throw new Error(r.error);
  const ctx = r.system.ctx;
  const s = ctx.layout.blank();
  initState(ctx, s);
  return { ctx, s };
}

export function modelOf(req: KernelRequest): Model {
  const b = buildKernelModel(req);
  if (!b.ok) throw new Error(b.error);
  return b.model;
}

export function enabledNames(m: Model, s: Uint32Array): string[] {
  const out = new Int32Array(m.actions.length);
  const n = m.enabled(s, out);
  return [...out.subarray(0, n)].map((i) => m.actions[i]!.name);
}

/** Fires the actions named (each must be enabled) and returns the final state. */
export function run(m: Model, s: Uint32Array, ...names: string[]): Uint32Array {
  let cur = s;
  for (const name of names) {
    const id = m.actions.findIndex((a) => a.name === name);
    if (id < 0) throw new Error(`no action ${name}; actions: ${m.actions.map((a) => a.name).join(' | ')}`);
    if (!enabledNames(m, cur).includes(name)) {
      throw new Error(`action ${name} not enabled; enabled: ${enabledNames(m, cur).join(' | ')}`);
    }
    const nxt = new Uint32Array(cur.length);
    m.next(cur, id, nxt);
    cur = nxt;
  }
  return cur;
}
