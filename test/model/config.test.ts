/**
 * Request validation: a bad scenario, variant, assumption or layout is an error value with
 * one line naming the bad value and the valid ones; good requests record every parameter.
 */
import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS, buildKernelModel, KERNEL_PROPERTIES, SCENARIOS, VERSIONS } from '../../src/model/index.ts';
import { applicableProperties } from '../../src/model/applicable.ts';

describe('buildKernelModel', () => {
  it('names the bad value and lists the valid ones', () => {
    const bad = (req: Parameters<typeof buildKernelModel>[0]): string => {
      const b = buildKernelModel(req);
      if (b.ok) throw new Error('expected an error');
      expect(b.error).not.toContain('\n');
      return b.error;
    };
    expect(bad({ scenario: 'C2', variant: 'V3' })).toBe("unknown scenario 'C2'; valid: C1, C3, C4, C5, C6, EOF");
    expect(bad({ scenario: 'C1', variant: 'V9' })).toMatch(/^unknown variant 'V9'; valid: V0, V1c, V2, V2a, V3, V4, ext4-outside$/);
    expect(bad({ scenario: 'C1', variant: 'V3', assumptions: { 'lock-ordr': 'x' } })).toMatch(/unknown assumption 'lock-ordr'; valid: conversion-handle, lock-order/);
    expect(bad({ scenario: 'C1', variant: 'V3', assumptions: { 'lock-order': 'x' } })).toBe(
      "assumption 'lock-order' has no value 'x'; valid: folio-then-handle, handle-then-folio",
    );
    const layout = { id: 'L', blocks: 2, folioBlocks: [2], map: ['DELALLOC', 'HOLE'] as const, folios: ['clean'] as const, zeroStart: 0, zeroEnd: 1 };
    expect(bad({ scenario: 'C1', variant: 'V3', layout: { ...layout, map: [...layout.map], folios: [...layout.folios] } })).toBe(
      'layout L: DELALLOC block 0 needs a dirty folio',
    );
    expect(bad({ scenario: 'C1', variant: 'V3', layout: { ...layout, map: ['HOLE', 'HOLE'], folios: ['dirty'], zeroEnd: 3 } })).toMatch(
      /zero range \[0, 3\)/,
    );
  });

  it('records scenario, variant and every assumption in params', () => {
    const b = buildKernelModel({ scenario: 'C3', variant: 'V2', assumptions: { 'fill-flag': 'if-found' } });
    expect(b.ok).toBe(true);
    if (!b.ok) return;
    expect(b.model.name).toBe('kernel:C3/V2');
    expect(Object.keys(b.model.params!).sort()).toEqual(['scenario', 'variant', ...ASSUMPTIONS.map((a) => a.id)].sort());
    expect(b.model.params!['fill-flag']).toBe('if-found');
    expect(b.model.threads.map((t) => t.name)).toEqual(['Z', 'F', 'W', 'C']);
  });

  it('tables: every version, scenario, assumption and property documents itself with a citation', () => {
    for (const t of [...VERSIONS, ...SCENARIOS, ...ASSUMPTIONS, ...KERNEL_PROPERTIES]) {
      expect(t.cite.length, t.id).toBeGreaterThan(3);
    }
    for (const a of ASSUMPTIONS) expect(a.values).toContain(a.default);
    expect(KERNEL_PROPERTIES.map((p) => p.id)).toEqual(['D1', 'D1-literal', 'D1-next', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8']);
  });

  it('invariant names are the property ids; D5 only where there is a size extension', () => {
    for (const s of SCENARIOS) {
      const b = buildKernelModel({ scenario: s.id, variant: 'V3' });
      if (!b.ok) throw new Error(b.error);
      const names = [...b.model.invariants.map((i) => i.name), ...(b.model.endChecks ?? []).map((i) => i.name), 'deadlock'];
      expect(names.sort()).toEqual(applicableProperties(s.id, 'V3').sort());
    }
  });
});
