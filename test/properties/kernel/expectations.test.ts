/** The spec's expectations as rules keyed to (profile, version, mechanism), never to a scenario. */
import { describe, expect, it } from 'vitest';
import { EXPECTATION_RULES, expectationOf, ruleApplies, splitTarget } from '../../../src/properties/kernel/expectations.ts';
import { KERNEL_PROPERTIES } from '../../../src/properties/kernel/index.ts';
import { MECHANISMS } from '../../../src/properties/kernel/mechanisms.ts';
import { PROFILES } from '../../../src/model/index.ts';
import { SCENARIOS } from '../../../src/model/scenarios.ts';

describe('expectation rules', () => {
  it('name only real profiles, versions, properties, mechanisms, assumptions and scenarios', () => {
    const props = KERNEL_PROPERTIES.map((p) => p.id);
    for (const r of EXPECTATION_RULES) {
      for (const pid of r.profiles) {
        const p = PROFILES.find((x) => x.id === pid);
        expect(p, `${r.id}: profile ${pid}`).toBeDefined();
        const versions = [...p!.versions.map((v) => v.id), ...p!.foreignVersions.filter((f) => f.counterfactual).map((f) => f.id)];
        // A rule over several profiles lists the versions of each; at least one must be this profile's.
        expect(r.versions.some((v) => versions.includes(v)), `${r.id}: versions of ${pid}`).toBe(true);
        for (const k of Object.keys(r.when ?? {})) expect(p!.assumptions.map((a) => a.id), `${r.id}: assumption ${k}`).toContain(k);
      }
      for (const t of r.targets) {
        const { property, mechanism } = splitTarget(t);
        expect(props, `${r.id}: ${t}`).toContain(property);
        if (mechanism !== undefined) {
          const m = MECHANISMS.find((x) => x.id === mechanism);
          expect(m, `${r.id}: ${t}`).toBeDefined();
          expect(m!.properties, `${r.id}: ${mechanism} breaks ${property}`).toContain(property);
        }
      }
      for (const s of r.witnessIn ?? []) expect(SCENARIOS.map((x) => x.id), r.id).toContain(s);
      expect(r.witnessIn === undefined || r.expect === 'present', `${r.id}: only present rules name witnesses`).toBe(true);
      expect(r.cite.length, r.id).toBeGreaterThan(10);
    }
    expect(new Set(EXPECTATION_RULES.map((r) => r.id)).size).toBe(EXPECTATION_RULES.length);
  });

  it('an absent rule covers every scenario of its versions; a present rule only its witness scenarios', () => {
    const e3 = EXPECTATION_RULES.find((r) => r.id === 'E3')!; // V2a and V4 remove the hole flush
    const cell = (scenario: string, variant: string, assumptions: Record<string, string> = {}) => ({ profile: 'ext4-iomap', scenario, variant, assumptions });
    expect(SCENARIOS.every((s) => ruleApplies(e3, cell(s.id, 'V4')))).toBe(true);
    expect(ruleApplies(e3, cell('C3', 'V3'))).toBe(false);
    expect(ruleApplies(e3, { ...cell('C3', 'V4'), profile: 'ext4-bh' })).toBe(false);
    const e2 = EXPECTATION_RULES.find((r) => r.id === 'E2')!; // the hole flush occurs for V1c/V2/V3 in C3
    expect(ruleApplies(e2, cell('C3', 'V2'))).toBe(true);
    expect(ruleApplies(e2, cell('C6', 'V2'))).toBe(false);
    const e8 = EXPECTATION_RULES.find((r) => r.id === 'E8')!; // the if-found route needs its assumption
    expect(ruleApplies(e8, cell('C4', 'V3', { 'fill-flag': 'always' }))).toBe(false);
    expect(ruleApplies(e8, cell('C4', 'V3', { 'fill-flag': 'if-found' }))).toBe(true);
    expect(expectationOf(e8).cite).toMatch(/^\[when fill-flag=if-found\] /);
  });

  it('transcribe the spec on the C.3 route: present for V1c/V2/V3, absent for V2a/V4', () => {
    const about = (variant: string) =>
      EXPECTATION_RULES.filter((r) => r.profiles.includes('ext4-iomap') && r.versions.includes(variant) && r.targets.includes('D2:C3-hole-flush')).map((r) => r.expect);
    expect(['V1c', 'V2', 'V2a', 'V3', 'V4'].map(about)).toEqual([['present'], ['present'], ['absent'], ['present'], ['absent']]);
  });
});
