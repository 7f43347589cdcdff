/**
 * Which cells the matrix runs, and the validation of the names a user asks for.
 *
 * Per profile: every version of that kernel x every scenario, once with the profile's default
 * assumptions and once more per non-default value of each of its assumptions (one at a time).
 * Assumptions are the profile's own open questions (spec INFERRED/UNVERIFIED), so every run
 * is a kernel someone could have; no fact of one profile is ever paired with another's.
 * Counterfactual versions (a mix no kernel ships, e.g. V0 under ext4-iomap) run only when
 * asked for, and their cells say so.
 */
import type { Catalog, CatalogProfile } from './catalog.ts';
import type { CellJob } from './types.ts';

export interface PlanRequest {
  /** Profile ids to run; empty = all. */
  readonly profiles: readonly string[];
  /** Version ids to run; empty = all of each profile. */
  readonly variants: readonly string[];
  /** Scenario ids to run; empty = all. */
  readonly scenarios: readonly string[];
  /** Also run the non-default assumption settings (default true). */
  readonly assumptions?: boolean;
  /** Also run each profile's counterfactual versions, labelled (default false). */
  readonly counterfactual?: boolean;
  readonly maxStates: number;
  readonly catalogUrl: string;
  /** Check every cell with partial-order reduction. */
  readonly por?: boolean;
}

export type PlanResult = { ok: true; jobs: CellJob[] } | { ok: false; error: string };

const quoteAll = (xs: readonly string[]) => xs.map((b) => `'${b}'`).join(', ');

/** Checks requested names against the catalogue: one line naming the bad value and the valid ones. */
export function validateNames(catalog: Catalog, req: Pick<PlanRequest, 'profiles' | 'variants' | 'scenarios' | 'counterfactual'>): string | undefined {
  const pIds = catalog.profiles.map((p) => p.id);
  const badP = req.profiles.filter((p) => !pIds.includes(p));
  if (badP.length > 0) return `unknown profile ${quoteAll(badP)}; valid profiles: ${pIds.join(', ')}`;
  const profiles = selectedProfiles(catalog, req.profiles);
  const vIds = [...new Set(profiles.flatMap((p) => versionsOf(p, req.counterfactual === true).map((v) => v.id)))];
  const badV = req.variants.filter((v) => !vIds.includes(v));
  if (badV.length > 0) {
    const cf = badV.map((v) => profiles.find((p) => p.counterfactualVersions.some((c) => c.id === v))).find((p) => p !== undefined);
    if (cf !== undefined && req.counterfactual !== true) {
      return `variant ${quoteAll(badV)} is counterfactual on profile ${cf.id}: ${cf.counterfactualVersions.find((c) => badV.includes(c.id))!.why}; add --counterfactual to run it`;
    }
    return `unknown variant ${quoteAll(badV)} for profile${profiles.length === 1 ? '' : 's'} ${profiles.map((p) => p.id).join(', ')}; valid variants: ${vIds.join(', ')}`;
  }
  const sIds = catalog.scenarios.map((s) => s.id);
  const badS = req.scenarios.filter((s) => !sIds.includes(s));
  if (badS.length > 0) return `unknown scenario ${quoteAll(badS)}; valid scenarios: ${sIds.join(', ')}`;
  return undefined;
}

function selectedProfiles(catalog: Catalog, ids: readonly string[]): CatalogProfile[] {
  return catalog.profiles.filter((p) => ids.length === 0 || ids.includes(p.id));
}

function versionsOf(p: CatalogProfile, counterfactual: boolean): { id: string; counterfactual: boolean }[] {
  return [
    ...(counterfactual ? p.counterfactualVersions.map((v) => ({ id: v.id, counterfactual: true })) : []),
    ...p.versions.map((v) => ({ id: v.id, counterfactual: false })),
  ];
}

/** The assumption settings of a profile: defaults, then each non-default value alone. */
export function assumptionSettings(p: CatalogProfile, all: boolean): Record<string, string>[] {
  const settings: Record<string, string>[] = [{}];
  if (!all) return settings;
  for (const a of p.assumptions) for (const value of a.values) if (value !== a.default) settings.push({ [a.id]: value });
  return settings;
}

export function planMatrix(catalog: Catalog, req: PlanRequest): PlanResult {
  const bad = validateNames(catalog, req);
  if (bad !== undefined) return { ok: false, error: bad };
  const scenarios = catalog.scenarios.map((s) => s.id).filter((s) => req.scenarios.length === 0 || req.scenarios.includes(s));
  const properties = catalog.properties.map((p) => p.id);
  const jobs: CellJob[] = [];
  for (const p of selectedProfiles(catalog, req.profiles)) {
    const versions = versionsOf(p, req.counterfactual === true).filter((v) => req.variants.length === 0 || req.variants.includes(v.id));
    const settings = assumptionSettings(p, req.assumptions ?? true);
    for (const scenario of scenarios.filter((s) => p.scenarios === undefined || p.scenarios.includes(s))) {
      for (const v of versions) {
        for (const assumptions of settings) {
          jobs.push({
            profile: p.id,
            scenario,
            variant: v.id,
            assumptions,
            ...(v.counterfactual ? { counterfactual: true } : {}),
            catalogUrl: req.catalogUrl,
            properties,
            maxStates: req.maxStates,
            ...(req.por === true ? { por: true } : {}),
          });
        }
      }
    }
  }
  return { ok: true, jobs };
}
