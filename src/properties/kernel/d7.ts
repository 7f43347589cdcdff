/**
 * D7 zero-range termination/progress (spec D7). Kernel rationale: each iomap_iter round must
 * advance pos or set STALE, and STALE happens at most once because the flush clears the
 * sticky range_dirty; so ->iomap_begin runs at most (blocks in range) + 1 times. A round
 * that neither advances nor sets STALE would end the loop early (B.3), which D3 then sees.
 */
import type { Invariant } from '../../explorer/model.ts';
import type { KernelCtx } from '../../model/state.ts';

export function d7(ctx: KernelCtx): Invariant {
  const { f, cfg } = ctx;
  const bound = Math.max(0, cfg.caller.zeroEnd - cfg.caller.zeroStart) + 1;
  return {
    name: 'D7',
    description: `Termination: at most ${bound} ->iomap_begin rounds (one per block plus one STALE re-lookup)`,
    holds: (s) => f.zIters.get(s) <= bound,
  };
}
