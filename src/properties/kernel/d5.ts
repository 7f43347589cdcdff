/**
 * D5 NoPostEOFExposure (spec D5). Kernel rationale: after a size extension from S to S2,
 * [S, S2) reads zero unless written after the extension. Garbage left past EOF by an mmap
 * store is removed by the caller's zeroing of the old EOF block, by writeback's post-EOF
 * zeroing (reached via the hole flush) or by pagecache_isize_extended (52aecaee1c26).
 */
import type { Invariant } from '../../explorer/model.ts';
import { readValue } from '../../model/pagecache.ts';
import type { KernelCtx } from '../../model/state.ts';
import { ZERO } from '../../model/types.ts';

export function d5(ctx: KernelCtx): Invariant {
  const { f, cfg } = ctx;
  const from = cfg.init.iSize;
  const to = cfg.caller.newSize ?? from;
  return {
    name: 'D5',
    description: 'NoPostEOFExposure: after the size extension the newly exposed blocks read zero',
    holds: (s) => {
      if (!f.zSized.is(s)) return true;
      for (let b = from; b < to; b++) if (readValue(ctx, s, b) !== ZERO) return false;
      return true;
    },
  };
}
