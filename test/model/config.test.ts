/**
 * Request validation: a bad profile, scenario, variant, assumption or layout is an error value
 * with one line naming the bad value and the valid ones; good requests record every parameter.
 */
import { describe, expect, it } from 'vitest';
import { buildKernelModel } from '../../src/kernel/build.ts';
import { PROFILES, SCENARIOS, scenariosFor } from '../../src/model/index.ts';
import { applicableProperties, KERNEL_PROPERTIES } from '../../src/properties/kernel/index.ts';
import { MECHANISMS } from '../../src/properties/kernel/mechanisms.ts';
import { EXPECTATION_RULES, splitTarget } from '../../src/properties/kernel/expectations.ts';

const bad = (req: Parameters<typeof buildKernelModel>[0]): string => {
  const b = buildKernelModel(req);
  if (b.ok) throw new Error(`expected an error for ${JSON.stringify(req)}`);
  expect(b.error).not.toContain('\n');
  return b.error;
};

describe('buildKernelModel', () => {
  it('names the bad profile, scenario or variant and lists the valid ones', () => {
    expect(bad({ profile: 'zfs', scenario: 'C1', variant: 'V3' })).toBe("unknown profile 'zfs'; valid: ext4-iomap, ext4-bh, xfs");
    expect(bad({ scenario: 'C2', variant: 'V3' })).toBe("unknown scenario 'C2'; valid: C1, C1-EOF, C3, C4, C5, C6, MIXED, EOF, ISIZE, SYNC, BARRIER, TRUNC, X-COW, X-EOF, X-C4");
    expect(bad({ variant: 'V3' })).toMatch(/^no scenario: give --scenario ID \(valid: C1, /);
    expect(bad({ scenario: 'C1', variant: 'V9' })).toBe("unknown variant 'V9' for profile ext4-iomap; valid: V1c, V2, V2a, V3, V4, next-v2");
    expect(bad({ profile: 'ext4-bh', scenario: 'C1', variant: 'V9' })).toBe("unknown variant 'V9' for profile ext4-bh; valid: bh-v7.0, bh-v7.1");
    // Another profile's version is refused with the reason; a counterfactual one asks for --counterfactual.
    expect(bad({ scenario: 'C1', variant: 'bh-v7.0' })).toMatch(/^variant bh-v7.0 does not exist in profile ext4-iomap: .*--profile ext4-bh/);
    expect(bad({ profile: 'ext4-bh', scenario: 'C1', variant: 'V3', counterfactual: true })).toMatch(/^variant V3 does not exist in profile ext4-bh/);
    expect(bad({ scenario: 'C1', variant: 'V0' })).toMatch(/^variant V0 with profile ext4-iomap is a counterfactual mix: .*add --counterfactual/);
  });

  it('names the bad assumption or value and lists the valid ones', () => {
    expect(bad({ scenario: 'C1', variant: 'V3', assumptions: { 'lock-ordr': 'x' } })).toMatch(
      /^unknown assumption 'lock-ordr' for profile ext4-iomap; valid: pre-zero, journal-space, .*lock-order \(counterfactual\)/,
    );
    expect(bad({ scenario: 'C1', variant: 'V3', assumptions: { 'pre-zero': 'x' } })).toBe("assumption 'pre-zero' has no value 'x'; valid: yes, no");
    expect(bad({ scenario: 'C1', variant: 'V3', assumptions: { 'lock-order': 'x' } })).toBe("'lock-order' has no value 'x'; valid: folio-then-handle, handle-then-folio");
  });

  it('names what is wrong with a layout id', () => {
    expect(bad({ variant: 'V3', layoutId: '2:P0-1:bg:zz' })).toMatch(/^layout id '2:P0-1:bg:zz' has a bad setup step 'zz'/);
    expect(bad({ variant: 'V3', layoutId: '2:P0-1:bg' })).toMatch(/does not have 4 parts/);
    expect(bad({ variant: 'V3', layoutId: '2:P1-2:bg:w0-1' })).toBe('layout 2:P1-2:bg:w0-1: caller P1-2 does not apply to the start its program leaves (i_size 1)');
    expect(bad({ variant: 'V3', layoutId: '2:P0-1:bg:s' })).toBe('layout 2:P0-1:bg:s: setup step 1 (writeback): nothing is dirty');
    expect(bad({ scenario: 'C1', variant: 'V3', layoutId: '2:P0-1:bg:w0-2' })).toMatch(/^give either --scenario \(C1\) or --layout, not both/);
  });

  it('records profile, scenario, variant and every assumption of the profile in params', () => {
    const b = buildKernelModel({ scenario: 'C3', variant: 'V2', assumptions: { 'fill-flag': 'if-found' } });
    if (!b.ok) throw new Error(b.error);
    expect(b.model.name).toBe('kernel:ext4-iomap/C3/V2');
    const iomap = PROFILES.find((p) => p.id === 'ext4-iomap')!;
    expect(Object.keys(b.model.params!).sort()).toEqual(['profile', 'scenario', 'variant', ...iomap.assumptions.map((a) => a.id)].sort());
    expect(b.model.params!['fill-flag']).toBe('if-found');
    expect(b.model.params!['profile']).toBe('ext4-iomap');
    expect(b.model.threads.map((t) => t.name)).toEqual(['Z', 'F', 'W', 'C', 'B']);
    const bh = buildKernelModel({ profile: 'ext4-bh', scenario: 'C1', variant: 'bh-v7.1', assumptions: { 'dioread-nolock': 'no' } });
    if (!bh.ok) throw new Error(bh.error);
    expect(bh.model.name).toBe('kernel:ext4-bh/C1/bh-v7.1');
    expect(bh.model.params!['dioread-nolock']).toBe('no');
    expect(bh.model.params!['fill-flag']).toBeUndefined(); // an iomap assumption
  });

  it('a counterfactual run is named so and records its override', () => {
    const b = buildKernelModel({ scenario: 'C1', variant: 'V3', assumptions: { 'conversion-handle': 'reserved' }, counterfactual: true });
    if (!b.ok) throw new Error(b.error);
    expect(b.model.name).toBe('kernel:ext4-iomap/C1/V3 COUNTERFACTUAL');
    expect(b.model.params).toMatchObject({ 'conversion-handle': 'reserved', counterfactual: true });
  });

  it('tables: every profile, version, fact, assumption, scenario, property and mechanism documents itself with a citation', () => {
    for (const p of PROFILES) {
      for (const t of [p, ...p.versions, ...p.facts, ...p.assumptions, ...p.overrides]) expect(t.cite.length, `${p.id}: ${t.id}`).toBeGreaterThanOrEqual(3);
      for (const a of p.assumptions) expect(a.values, `${p.id}: ${a.id}`).toContain(a.default);
      expect(new Set(p.assumptions.map((a) => a.id)).size).toBe(p.assumptions.length);
    }
    for (const t of [...SCENARIOS, ...KERNEL_PROPERTIES]) expect(t.cite.length, t.id).toBeGreaterThanOrEqual(3);
    for (const m of MECHANISMS.filter((x) => x.id !== 'unclassified')) expect(m.cite.length, m.id).toBeGreaterThanOrEqual(3);
    expect(KERNEL_PROPERTIES.map((p) => p.id)).toEqual(['D1', 'D1-literal', 'D1-next', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9']);
  });

  it('every expectation rule names profiles, versions, assumption values and mechanisms that exist', () => {
    const props = new Set(KERNEL_PROPERTIES.map((p) => p.id));
    const versionsOf = (pid: string): string[] => {
      const p = PROFILES.find((x) => x.id === pid)!;
      return [...p.versions.map((v) => v.id), ...p.foreignVersions.filter((f) => f.counterfactual).map((f) => f.id)];
    };
    for (const r of EXPECTATION_RULES) {
      for (const pid of r.profiles) expect(PROFILES.some((x) => x.id === pid), `${r.id}: profile ${pid}`).toBe(true);
      // A rule over several profiles names each version in at least one of them.
      for (const v of r.versions) expect(r.profiles.some((pid) => versionsOf(pid).includes(v)), `${r.id}: version ${v}`).toBe(true);
      for (const [k, v] of Object.entries(r.when ?? {})) {
        const a = PROFILES.filter((p) => r.profiles.includes(p.id)).flatMap((p) => p.assumptions).filter((x) => x.id === k);
        expect(a.length, `${r.id}: assumption ${k}`).toBeGreaterThan(0);
        for (const x of a) expect(x.values, `${r.id}: ${k}=${v}`).toContain(v);
      }
      for (const t of r.targets) {
        const { property, mechanism } = splitTarget(t);
        expect(props.has(property), `${r.id}: ${t}`).toBe(true);
        if (mechanism !== undefined) expect(MECHANISMS.find((m) => m.id === mechanism)?.properties, `${r.id}: ${t}`).toContain(property);
      }
    }
  });

  it('a model checks exactly its applicable properties: D1-next only on iomap, D5 only where the caller extends the file', () => {
    for (const p of PROFILES) {
      for (const v of p.versions) {
        for (const s of scenariosFor(p)) {
          const b = buildKernelModel({ profile: p.id, scenario: s.id, variant: v.id });
          if (!b.ok) throw new Error(b.error);
          const names = [...b.model.invariants.map((i) => i.name), ...(b.model.endChecks ?? []).map((i) => i.name), 'D2'].filter((n) => !n.includes(':'));
          const jbd2 = p.id !== 'xfs';
          const expected = [
            'D1',
            ...(jbd2 ? ['D1-literal'] : []),
            ...(p.id === 'ext4-iomap' ? ['D1-next'] : []),
            'D2',
            ...(s.id === 'X-EOF' ? [] : ['D3', 'D4']),
            ...(s.id === 'EOF' || s.id === 'ISIZE' ? ['D5'] : []),
            'D6',
            'D7',
            'D8',
            'D9',
          ];
          expect(names.sort(), `${p.id}/${s.id}/${v.id}`).toEqual([...expected].sort());
          expect(applicableProperties(b.ctx).sort(), `${p.id}/${s.id}/${v.id}`).toEqual([...expected].sort());
          if (s.id !== 'EOF' && s.id !== 'ISIZE') expect(b.explainProperty('D5')).toMatch(/does not apply/);
          if (p.id === 'ext4-bh') expect(b.explainProperty('D1-next')).toMatch(/does not apply to profile ext4-bh/);
          if (p.id === 'xfs') expect(b.explainProperty('D1-literal')).toMatch(/XFS holds no journal handle/);
          expect(b.explainProperty('D1')).toBeUndefined();
        }
      }
    }
  });
});
