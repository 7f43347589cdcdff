/**
 * D6 BatchMappingConsistency (spec D6). Kernel rationale: a batch-driven zero skips every
 * folio the fill left out as clean, trusting the UNWRITTEN mapping to read zero. If the
 * extent was converted with data between the lookup and the fill (ext4 holds no lock across
 * both; XFS holds ILOCK), a clean folio over it is skipped and its data survives (C.4).
 * Checked at the decision point: after the fill, for the blocks the batch leaves out.
 */
import type { Invariant } from '../../explorer/model.ts';
import { persistedValue, readValue } from '../../model/pagecache.ts';
import { ZP, type KernelCtx } from '../../model/state.ts';
import { UNWRITTEN, ZERO } from '../../model/types.ts';

export function d6(ctx: KernelCtx): Invariant {
  const { f, cfg } = ctx;
  return {
    name: 'D6',
    description: 'BatchMappingConsistency: a block skipped by the batch is still UNWRITTEN or holds zero',
    holds: (s) => {
      if (f.zPc.get(s) !== ZP.ITER || !f.zBatchFlag.is(s) || f.zMapType.get(s) !== UNWRITTEN) return true;
      const inBatch = f.zBatch.get(s) - 1;
      for (let b = f.zPos.get(s), e = f.zMapEnd.get(s); b < e; b++) {
        if (cfg.folioOf[b] === inBatch) continue;
        if (f.map.get(s, b) === UNWRITTEN) continue;
        if (readValue(ctx, s, b) !== ZERO || persistedValue(ctx, s, b) !== ZERO) return false;
      }
      return true;
    },
  };
}
