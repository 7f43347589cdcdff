/**
 * The kernel model's footprints (src/model/footprints/, src/kernel/footprints.ts): every
 * rule of every model the matrix and the 1-block sweep build has one, and --verify-footprints'
 * traced search accepts them on every built-in scenario of every profile and version, and on
 * every third 1-block layout of one version per profile (the whole 1-block sweep of every version,
 * 2,352 models, and every matrix cell with every assumption setting, 1,086, were verified
 * when the table was written: about two minutes, too long for a unit test). A footprint broken
 * on purpose is caught, naming the rule, the field and the state.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/explorer/check.ts';
import type { Model } from '../../src/explorer/model.ts';
import { buildKernelModel } from '../../src/kernel/build.ts';
import { catalog } from '../../src/kernel/catalog.ts';
import { planMatrix } from '../../src/matrix/plan.ts';
import { generateLayouts } from '../../src/model/layouts.ts';
import { PROFILES } from '../../src/model/profiles/index.ts';
import { SCENARIOS, scenarioApplies } from '../../src/model/scenarios.ts';

function mustBuild(req: Parameters<typeof buildKernelModel>[0]): Model {
  const b = buildKernelModel(req);
  if (!b.ok) throw new Error(b.error);
  return b.model;
}

function verified(model: Model): string {
  const o = check(model, { verifyFootprints: true });
  return o.verdict === 'error' ? `${o.error.code}: ${o.error.message}` : 'ok';
}

describe('kernel footprints', () => {
  it('every rule of every matrix cell and every 1-block layout model declares one, and every property its reads', () => {
    const plan = planMatrix(catalog, { profiles: [], variants: [], scenarios: [], assumptions: true, counterfactual: true, maxStates: 1, catalogUrl: 'x' });
    if (!plan.ok) throw new Error(plan.error);
    const models: Model[] = [];
    for (const job of plan.jobs) {
      const b = catalog.build(job);
      if (b.ok) models.push(b.model);
    }
    for (const p of PROFILES) {
      for (const v of p.versions) {
        const ls = generateLayouts({ maxBlocks: 1, behaviour: p.behaviour });
        if (!ls.ok) throw new Error(ls.error);
        for (const layout of ls.layouts) models.push(mustBuild({ profile: p.id, variant: v.id, layout, barrier: true }));
      }
    }
    expect(models.length).toBeGreaterThan(1000);
    const missing = new Set<string>();
    for (const m of models) {
      for (const a of m.actions) if (a.footprint === undefined) missing.add(a.name);
      for (const p of [...m.invariants, ...(m.endChecks ?? [])]) if (p.reads === undefined) missing.add(p.name);
    }
    expect([...missing]).toEqual([]);
  });

  for (const p of PROFILES) {
    it(`--verify-footprints accepts every scenario of every ${p.id} version`, () => {
      const bad: string[] = [];
      for (const v of p.versions) {
        for (const s of SCENARIOS) {
          if (scenarioApplies(s.id, p.behaviour, p.id) !== undefined) continue;
          const r = verified(mustBuild({ profile: p.id, scenario: s.id, variant: v.id }));
          if (r !== 'ok') bad.push(`${s.id} ${v.id}: ${r}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }

  it('--verify-footprints accepts every third 1-block layout of one version per profile (with the barrier)', () => {
    const bad: string[] = [];
    for (const [profile, variant] of [['ext4-iomap', 'V2'], ['ext4-bh', 'bh-v7.0'], ['xfs', 'V4']] as const) {
      const p = PROFILES.find((x) => x.id === profile)!;
      const ls = generateLayouts({ maxBlocks: 1, behaviour: p.behaviour });
      if (!ls.ok) throw new Error(ls.error);
      for (const layout of ls.layouts.filter((_, k) => k % 3 === 0)) {
        const r = verified(mustBuild({ profile, variant, layout, barrier: profile !== 'xfs' }));
        if (r !== 'ok') bad.push(`${profile} ${variant} ${layout.id}: ${r}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('--verify-footprints accepts 2-block layouts where both folios complete their I/O (bio completion while the worker is busy)', () => {
    // A 2-block sample of every version was verified when the table was written; these caught a `when` no 1-block layout breaks.
    for (const layoutId of ['1+1:D0-1>1:bg:w0-1.s.w0-2', '1+1:Z0-2:bg:f0-1.w1-2.s.e.r0-1']) {
      expect(verified(mustBuild({ profile: 'ext4-bh', variant: 'bh-v7.0', layoutId, barrier: true })), layoutId).toBe('ok');
    }
  });

  it('a footprint broken on purpose fails, naming the rule, the field and the state, with the trace to it', () => {
    const model = mustBuild({ scenario: 'C1', variant: 'V3' });
    const i = model.actions.findIndex((a) => a.name.startsWith('Z ext4_journal_start'));
    expect(i).toBeGreaterThanOrEqual(0);
    const a = model.actions[i]!;
    const broken: Model = {
      ...model,
      actions: model.actions.map((x, k) => (k === i ? { ...x, footprint: { ...a.footprint!, writes: a.footprint!.writes.filter((f) => f !== 'tUpdates') } } : x)),
    };
    const o = check(broken, { verifyFootprints: true });
    expect(o.verdict).toBe('error');
    if (o.verdict !== 'error') return;
    expect(o.error.code).toBe('ZR_MODEL_FOOTPRINT');
    expect(o.error.message).toContain(`rule ${JSON.stringify(a.name)} update writes tUpdates`);
    expect(o.error.message).toMatch(/in state .*zPc=START/);
    expect(o.error.trace).toBeDefined();
    // The unbroken model passes.
    expect(verified(model)).toBe('ok');
  });
});
