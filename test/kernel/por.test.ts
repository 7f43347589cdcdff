/**
 * Partial-order reduction on the kernel model gives the verdicts of the full search: on every
 * built-in scenario of every profile and version with the default assumptions (the matrix's
 * default rows; the rows with other assumption settings and the counterfactual versions,
 * 1,086 cells in all, were compared when the footprints were written), with all properties
 * and with the deadlock property alone, on the 1-block layout sweep of every version, and on a
 * slice of the 2-block sweep of V4 (the whole 2-block sweep of V4, 10,854 layouts, gives the
 * same report with and without --por, all properties or D2 alone: about a minute per run).
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/explorer/check.ts';
import type { CheckOutcome } from '../../src/explorer/outcome.ts';
import { buildKernelModel } from '../../src/kernel/build.ts';
import { PROFILES } from '../../src/model/profiles/index.ts';
import { SCENARIOS, scenarioApplies } from '../../src/model/scenarios.ts';
import { selectProperties } from '../../src/properties/select.ts';
import { sweepLayouts, type SweepResult } from '../../src/sweep/sweep.ts';

function verdicts(o: CheckOutcome): string {
  if (o.verdict === 'error') return `error: ${o.error.message}`;
  return o.properties.map((p) => `${p.property}:${p.status}`).join(' ');
}

function sweepVerdicts(r: SweepResult): unknown {
  if (!r.ok) return r.error;
  return {
    properties: r.properties.map((p) => [p.property, p.status, p.violatingLayouts, p.undecidedLayouts]),
    mechanisms: r.mechanisms.map((m) => [m.mechanism, m.layouts, m.properties]),
    checked: r.checked,
  };
}

describe('POR on the kernel model: the verdicts of the full search', () => {
  for (const p of PROFILES) {
    it(`every scenario of every ${p.id} version, all properties and deadlock alone`, () => {
      const diffs: string[] = [];
      for (const v of p.versions) {
        for (const s of SCENARIOS) {
          if (scenarioApplies(s.id, p.behaviour, p.id) !== undefined) continue;
          const b = buildKernelModel({ profile: p.id, scenario: s.id, variant: v.id });
          if (!b.ok) throw new Error(b.error);
          const d2 = selectProperties(b.model, ['D2']);
          if (typeof d2 === 'string') throw new Error(d2);
          for (const model of [b.model, d2.model]) {
            const want = verdicts(check(model, { stopAtFirst: false }));
            const got = verdicts(check(model, { stopAtFirst: false, por: true }));
            if (got !== want) diffs.push(`${s.id} ${v.id}: ${want} | ${got}`);
          }
        }
      }
      expect(diffs).toEqual([]);
    });
  }

  for (const p of PROFILES) {
    it(`the 1-block layout sweep of every ${p.id} version`, async () => {
      for (const v of p.versions) {
        const req = { profile: p.id, variant: v.id, assumptions: {}, maxBlocks: 1 };
        const full = await sweepLayouts(req);
        const por = await sweepLayouts({ ...req, por: true });
        expect(sweepVerdicts(por)).toEqual(sweepVerdicts(full));
      }
    });
  }

  it('the 2-block sweep of V4 with background writeback and the truncate and extending callers', async () => {
    const req = {
      profile: 'ext4-iomap',
      variant: 'V4',
      assumptions: {},
      maxBlocks: 2,
      callers: ['truncate-down', 'truncate-up', 'zero-range-extend'] as const,
      flushers: ['background'] as const,
    };
    const full = await sweepLayouts(req);
    const por = await sweepLayouts({ ...req, por: true });
    expect(full.ok && full.checked).toBe(724);
    expect(sweepVerdicts(por)).toEqual(sweepVerdicts(full));
  });
});
