import { describe, expect, it } from 'vitest';
import { check } from '../../src/explorer/check.ts';
import { buildKernelModel, estimateLayouts, generateLayouts } from '../../src/model/index.ts';

describe('layout generator', () => {
  it('enumerates every valid small layout and each builds', () => {
    const g = generateLayouts({ maxBlocks: 2, version: 'V3' });
    if (!g.ok) throw new Error(g.error);
    expect(g.layouts.length).toBe(814);
    expect(new Set(g.layouts.map((l) => l.id)).size).toBe(g.layouts.length);
    // No DELALLOC over a folio that is not dirty.
    expect(g.layouts.some((l) => l.map[0] === 'DELALLOC' && l.folios[0] !== 'dirty')).toBe(false);
    for (const l of g.layouts.slice(0, 50)) expect(buildKernelModel({ scenario: 'C1', variant: 'V3', layout: l }).ok).toBe(true);
  });

  it('refuses a bound too large, with the estimate, as a value', () => {
    const g = generateLayouts({ maxBlocks: 5, version: 'V3' });
    expect(g.ok).toBe(false);
    if (g.ok) return;
    expect(g.error).toContain(`about ${estimateLayouts(5)} layouts`);
    expect(generateLayouts({ maxBlocks: 0, version: 'V3' }).ok).toBe(false);
    // Unaligned starts double the count: 4 blocks alone fit, with unaligned starts they do not.
    expect(generateLayouts({ maxBlocks: 4, version: 'V3', maxLayouts: 1 }).ok).toBe(false);
    const two = generateLayouts({ maxBlocks: 2, version: 'V1c', unalignedStarts: true });
    expect(two.ok && two.layouts.length).toBe(2 * 814);
    const bad = generateLayouts({ maxBlocks: 2, version: 'V7' as never });
    expect(bad.ok ? '' : bad.error).toMatch(/unknown version 'V7'; valid: V0/);
  });

  it('FINDING: under a handle V4 still deadlocks for some 2-block layouts (UNWRITTEN beyond EOF gets no batch)', () => {
    const g = generateLayouts({ maxBlocks: 2, version: 'V4' });
    if (!g.ok) throw new Error(g.error);
    const dead: string[] = [];
    for (const l of g.layouts) {
      const b = buildKernelModel({ scenario: 'C1', variant: 'V4', layout: l });
      if (!b.ok) throw new Error(b.error);
      const o = check(b.model, { stopAtFirst: false });
      if (o.verdict === 'violated' && o.violations.some((v) => v.property === 'deadlock')) dead.push(l.id);
    }
    expect(dead).toEqual(['V4:2:DU:d:0-2:eof1', 'V4:2:DU:d:1-2:eof1', 'V4:2:UU:d:1-2:eof1']);
  });
});
