/**
 * D4 ZeroPersists (spec D4), an end check. Kernel rationale: once all writeback has completed
 * with no further writes to the range, the zeroed range reads zero from disk plus mapping.
 * Catches V0's skipped dirty UNWRITTEN (later converted with stale data) and the C.4 race
 * without page-cache pre-zeroing (the extent converted with data, then skipped as clean).
 *
 * Only blocks below the final i_size are checked: writeback never writes post-EOF blocks
 * (it zeroes them in the page cache), so zeroing past EOF cannot reach the disk (iomap's
 * "zeroing folio beyond EOF won't write back" WARN); stale on-disk data past EOF is D5's
 * concern once a size extension exposes it.
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
      const { zeroStart, zeroEnd } = cfg.caller;
      if (cfg.caller.kind === 'punch' && zeroStart >= cfg.init.iSize) return true; // returned early: nothing zeroed
      const size = ctx.f.iSize.get(s);
      for (let b = zeroStart; b < zeroEnd && b < size; b++) if (persistedValue(ctx, s, b) !== ZERO) return false;
      return true;
    },
  };
}
