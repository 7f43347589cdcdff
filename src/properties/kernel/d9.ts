/**
 * D9 NoWrittenPostEOF, an end check (research XFS 5; M1 Brian 2025-08-05, M4 4/8): when the
 * caller is done, no data-fork block at or past i_size is WRITTEN. A written post-EOF block is
 * harmless while it holds zeroes, but a later size extension zeroes it through a folio that
 * starts beyond EOF and will never be written back (iomap_zero_iter's WARN_ON_ONCE, the
 * generic/363 failure Brian reported for V2a on XFS).
 */
import type { Invariant } from '../../explorer/model.ts';
import type { KernelCtx } from '../../model/state.ts';
import { WRITTEN } from '../../model/types.ts';

export function d9(ctx: KernelCtx): Invariant {
  const { f, cfg } = ctx;
  return {
    name: 'D9',
    description: 'NoWrittenPostEOF: at the end no data-fork block at or past i_size is WRITTEN',
    holds: (s) => {
      for (let b = f.iSize.get(s); b < cfg.blocks; b++) if (f.map.get(s, b) === WRITTEN) return false;
      return true;
    },
  };
}
