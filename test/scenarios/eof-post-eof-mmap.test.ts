/**
 * The post-EOF mmap-write case behind the hole flush (7d9b474ee4cc, spec B.4 V1b rationale,
 * D5): garbage written by mmap past EOF into a hole-backed block of the EOF folio; then the
 * zero range over it and a size extension. The hole flush lets writeback zero the post-EOF
 * part; V2a/V4 drop it and rely on pagecache_isize_extended (52aecaee1c26).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from './run.ts';

describe('EOF: post-EOF mmap garbage and the hole flush', () => {
  it('with pagecache_isize_extended zeroing, every version keeps the new range zero', () => {
    for (const v of ['V1c', 'V2', 'V2a', 'V3', 'V4', 'next-v2']) {
      const r = runScenario('EOF', v);
      expect([r.verdict.D5, r.verdict.D3, r.verdict.deadlock], v).toEqual(['holds', 'holds', 'holds']);
    }
  });

  it('without it, dropping the hole flush (V2a, V4) and V0 expose the garbage; the hole flush versions do not', () => {
    for (const v of ['V2a', 'V4']) {
      const r = runScenario('EOF', v, { 'isize-zeroing': 'no' });
      expect(r.verdict.D3, v).toBe(7);
      expect(r.trace.D3, v).toContain('Z iomap_iter_advance_full (skip mapping) [B.4]');
      expect(r.verdict.D5, v).not.toBe('holds');
    }
    for (const v of ['V1c', 'V2', 'V3', 'next-v2']) {
      const r = runScenario('EOF', v, { 'isize-zeroing': 'no' });
      expect([r.verdict.D5, r.verdict.D3], v).toEqual(['holds', 'holds']);
    }
  });
});

describe('EOF: the hole flush waits under the truncate handle without a cycle', () => {
  it('V1c/V2/V3 wait on PG_writeback under the handle (D1), but the EOF folio needs no conversion and no i_disksize update: no deadlock', () => {
    for (const v of ['V1c', 'V2', 'V3']) {
      const r = runScenario('EOF', v);
      expect([r.verdict.D1, r.verdict.deadlock], v).toEqual([5, 'holds']);
      expect(r.verdict['D1:C3-hole-flush'], v).toBe(5);
    }
  });
});
