/**
 * C.5, kmalloc failure in iomap_fill_dirty_folios (spec C.5): V2 allocates the batch with
 * kmalloc(GFP_KERNEL); on failure fbatch stays NULL and iomap falls back to the flush, under
 * the handle. Zhang asked for the error to be returned; V3 removed the allocation.
 */
import { describe, expect, it } from 'vitest';
import { d1AndDeadlock, runScenario } from './run.ts';

describe('C5: kmalloc failure falls back to the flush', () => {
  it('V2 and V2a deadlock after the allocation fails', () => {
    for (const v of ['V2', 'V2a']) {
      const r = runScenario('C5', v);
      expect(d1AndDeadlock(r), v).toEqual({ D1: 7, deadlock: 8 });
      expect(r.trace.deadlock, v).toContain('Z iomap_fill_dirty_folios: kmalloc fails [B.4]');
    }
  });

  it('V1c never had a batch: same cycle without the allocation step', () => {
    expect(d1AndDeadlock(runScenario('C5', 'V1c'))).toEqual({ D1: 6, deadlock: 7 });
  });

  it('V3 and V4 (stack batch) cannot fail the allocation; -next v2 holds no handle', () => {
    for (const v of ['V3', 'V4', 'next-v2']) {
      expect(d1AndDeadlock(runScenario('C5', v)), v).toEqual({ D1: 'holds', deadlock: 'holds' });
    }
  });
});
