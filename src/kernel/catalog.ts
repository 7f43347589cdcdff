/**
 * The kernel's catalogue for the verdict matrix (src/matrix/catalog.ts): the profiles with
 * their versions (and the counterfactual ones) and assumptions, the scenarios, the
 * properties, the mechanisms and the spec's expectations, and a builder that also names the
 * mechanism of a violation from its last state.
 */
import type { Catalog } from '../matrix/catalog.ts';
import { PROFILES } from '../model/profiles/index.ts';
import { SCENARIOS, scenarioApplies } from '../model/scenarios.ts';
import { EXPECTATION_RULES } from '../properties/kernel/expectations.ts';
import { KERNEL_PROPERTIES } from '../properties/kernel/index.ts';
import { MECHANISMS } from '../properties/kernel/mechanisms.ts';
import { buildKernelModel } from './build.ts';
import { classifyViolation } from './classify.ts';

export const catalog: Catalog = {
  profiles: PROFILES.map((p) => ({
    id: p.id,
    title: p.title,
    cite: p.cite,
    versions: p.versions.map((v) => ({ id: v.id, title: v.title, description: v.description, cite: v.cite })),
    counterfactualVersions: p.foreignVersions.filter((f) => f.counterfactual).map((f) => ({ id: f.id, why: f.why })),
    assumptions: p.assumptions.map((a) => ({ id: a.id, values: a.values, default: a.default, description: a.description, cite: a.cite })),
    scenarios: SCENARIOS.filter((s) => scenarioApplies(s.id, p.behaviour, p.id) === undefined).map((s) => s.id),
  })),
  scenarios: SCENARIOS.map((s) => ({ id: s.id, title: s.title, description: s.story, cite: s.cite })),
  properties: KERNEL_PROPERTIES,
  mechanisms: MECHANISMS,
  expectations: EXPECTATION_RULES,
  aliases: { D2: 'deadlock' },
  kernel: true,
  build(key) {
    const b = buildKernelModel({
      profile: key.profile,
      scenario: key.scenario,
      variant: key.variant,
      assumptions: { ...key.assumptions },
      counterfactual: key.counterfactual === true,
    });
    if (!b.ok) return b;
    const { model, ctx } = b;
    return {
      ok: true,
      model,
      classify: (property, last) => classifyViolation(model, ctx, property, last),
      counterfactual: ctx.cfg.counterfactual,
    };
  },
};
