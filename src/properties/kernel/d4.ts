/**
 * D4 ZeroPersists (spec D4), an end check. Kernel rationale: once all writeback has completed
 * with no further writes to the range, the zeroed range reads zero from disk plus mapping.
 * Catches V0's skipped dirty UNWRITTEN (later converted with stale data) and the C.4 race
 * without page-cache pre-zeroing (the extent converted with data, then skipped as clean).
 */
import type { Invariant } from '../../explorer/model.ts';
import { persistedValue } from '../../model/pagecache.ts';
import type { KernelCtx } from '../../model/state.ts';
import { ZERO } from '../../model/types.ts';

export function d4(ctx: KernelCtx): Invariant {
  const { cfg } = ctx;
  return {
    name: 'D4',
    description: 'ZeroPersists: after all writeback, the zeroed range persists as zero',
    holds: (s) => {
      for (let b = cfg.zeroStart; b < cfg.zeroEnd; b++) if (persistedValue(ctx, s, b) !== ZERO) return false;
      return true;
    },
  };
}
