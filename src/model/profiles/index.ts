/**
 * The profiles, and turning a request (profile, version, assumptions, counterfactual) into one
 * coherent set of kernel facts, or a one-line refusal that names the conflicting facts.
 */
import { EXT4_BH } from './ext4Bh.ts';
import { EXT4_IOMAP } from './ext4Iomap.ts';
import { XFS } from './xfs.ts';
import type { Profile, ProfileBehaviour, ProfileId } from './profile.ts';

export type { Profile, ProfileId, ProfileBehaviour, ProfileFact, ProfileNames, ProfileVersion, AssumptionInfo, FactOverride, FactStatus } from './profile.ts';

export const PROFILES: readonly Profile[] = [EXT4_IOMAP, EXT4_BH, XFS];
export const DEFAULT_PROFILE: ProfileId = 'ext4-iomap';

export function profileById(id: string): Profile | undefined {
  return PROFILES.find((p) => p.id === id);
}

/** Every version id of any profile (for --variant help and the old single-profile callers). */
export function allVersionIds(): string[] {
  return [...new Set(PROFILES.flatMap((p) => p.versions.map((v) => v.id)))];
}

export interface ResolvedProfile {
  readonly profile: Profile;
  readonly behaviour: ProfileBehaviour;
  /** Every assumption of the profile with its value (defaults filled in). */
  readonly assumptions: Readonly<Record<string, string>>;
  /** Overrides applied (non-default values only): non-empty means a counterfactual mix. */
  readonly overrides: Readonly<Record<string, string>>;
  /** Why this run is counterfactual (empty when it is a kernel someone ships). */
  readonly counterfactual: readonly string[];
}

export type ProfileResult = { readonly ok: true; readonly resolved: ResolvedProfile } | { readonly ok: false; readonly error: string };

/**
 * Resolves a profile request. `given` holds both free assumptions and fact overrides (the
 * command line's `--assume`); an override to another profile's value, or a version of another
 * profile marked counterfactual, is refused unless `counterfactual` is set, and then labelled.
 */
export function resolveProfile(
  profileId: string,
  version: string,
  given: Readonly<Record<string, string>> = {},
  counterfactual = false,
): ProfileResult {
  const profile = profileById(profileId);
  if (profile === undefined) {
    return { ok: false, error: `unknown profile '${profileId}'; valid: ${PROFILES.map((p) => p.id).join(', ')}` };
  }
  const labels: string[] = [];
  if (!profile.versions.some((v) => v.id === version)) {
    const foreign = profile.foreignVersions.find((f) => f.id === version);
    if (foreign === undefined) {
      return { ok: false, error: `unknown variant '${version}' for profile ${profile.id}; valid: ${profile.versions.map((v) => v.id).join(', ')}` };
    }
    if (!foreign.counterfactual) return { ok: false, error: `variant ${version} does not exist in profile ${profile.id}: ${foreign.why}` };
    if (!counterfactual) return { ok: false, error: `variant ${version} with profile ${profile.id} is a counterfactual mix: ${foreign.why}; add --counterfactual to check it anyway` };
    labels.push(`variant ${version}: ${foreign.why}`);
  }
  const assumptions: Record<string, string> = {};
  for (const a of profile.assumptions) assumptions[a.id] = a.default;
  const overrides: Record<string, string> = {};
  let behaviour = profile.behaviour;
  for (const [k, v] of Object.entries(given)) {
    const a = profile.assumptions.find((x) => x.id === k);
    if (a !== undefined) {
      if (!a.values.includes(v)) return { ok: false, error: `assumption '${k}' has no value '${v}'; valid: ${a.values.join(', ')}` };
      assumptions[k] = v;
      continue;
    }
    const o = profile.overrides.find((x) => x.id === k);
    if (o === undefined) {
      const other = PROFILES.find((p) => p.assumptions.some((x) => x.id === k));
      const valid = [...profile.assumptions.map((x) => x.id), ...profile.overrides.map((x) => `${x.id} (counterfactual)`)].join(', ');
      return {
        ok: false,
        error: other !== undefined ? `assumption '${k}' belongs to profile ${other.id}, not ${profile.id}; valid here: ${valid}` : `unknown assumption '${k}' for profile ${profile.id}; valid: ${valid}`,
      };
    }
    if (!o.values.includes(v)) return { ok: false, error: `'${k}' has no value '${v}'; valid: ${o.values.join(', ')}` };
    if (v === o.values[0]) continue; // the profile's own value
    if (!counterfactual) return { ok: false, error: `--assume ${k}=${v} conflicts with profile ${profile.id}: ${o.conflict}; add --counterfactual to check the mix anyway` };
    overrides[k] = v;
    behaviour = o.apply(behaviour, v);
    labels.push(`${k}=${v}: ${o.conflict}`);
  }
  return { ok: true, resolved: { profile, behaviour, assumptions, overrides, counterfactual: labels } };
}
