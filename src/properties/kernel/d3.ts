/**
 * D3 ZeroReadsBack (spec D3). Kernel rationale: the zero-range contract. Once the zeroing has
 * returned, every block of the range below i_size reads zero: a cached folio holds zeroes, an
 * uncached block is HOLE/UNWRITTEN or WRITTEN with zero on disk. Skipping a mapping is correct
 * only if nothing dirty sits over it (S9 c5c810b94cfd: V0 skipped dirty UNWRITTEN and exposed
 * stale data).
 */
import type { Invariant } from '../../explorer/model.ts';
import { readValue } from '../../model/pagecache.ts';
import { ZP, type KernelCtx } from '../../model/state.ts';
import { ZERO } from '../../model/types.ts';

/** The zeroing has returned to the caller (XFS callers go on in stages: a flag says it). */
export function zeroingDone(ctx: KernelCtx, s: Uint32Array): boolean {
  return ctx.cfg.b.journal === 'xfs' ? ctx.f.zZeroed.is(s) : ctx.f.zPc.get(s) >= ZP.ZERO_DONE;
}

export function d3(ctx: KernelCtx): Invariant {
  const { f, cfg } = ctx;
  const { zeroStart, zeroEnd } = cfg.caller;
  return {
    name: 'D3',
    description: 'ZeroReadsBack: after the zeroing returns, the range (below i_size) reads zero',
    holds: (s) => {
      const pc = f.zPc.get(s);
      if (!zeroingDone(ctx, s) || (pc === ZP.DONE && zeroStart >= cfg.init.iSize && cfg.caller.kind === 'punch')) return true;
      const size = f.iSize.get(s);
      for (let b = zeroStart; b < zeroEnd && b < size; b++) if (readValue(ctx, s, b) !== ZERO) return false;
      return true;
    },
  };
}
