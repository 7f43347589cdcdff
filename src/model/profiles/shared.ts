/**
 * What the ext4 profiles share: the assumptions both kernels leave open (the spec's INFERRED
 * and UNVERIFIED points that are not about one writeback path), and the counterfactual
 * overrides that swap one fact for the other profile's value.
 */
import type { AssumptionInfo, FactOverride, ProfileBehaviour, ProfileId } from './profile.ts';

export const COMMON_ASSUMPTIONS: readonly AssumptionInfo[] = [
  {
    id: 'pre-zero',
    values: ['yes', 'no'],
    default: 'yes',
    description:
      "Whether ext4 punch hole and zero range zero the page cache of the range (truncate_pagecache_range) before zeroing (VERIFIED for punch/zero range, B.9); that it always leaves the range zeroed is INFERRED (E.11).",
    cite: 'spec B.9, C.4, E.11',
  },
  {
    id: 'journal-space',
    values: ['may-run-short', 'ample'],
    default: 'may-run-short',
    description:
      "Whether a normal handle start may find jbd2_log_space_left() short and wait for a commit (__jbd2_log_wait_for_space, internals not read; INFERRED nondeterministic boolean).",
    cite: 'spec B.7 add_transaction_credits case 3, C.1b, D environment, E.5',
  },
  {
    id: 'isize-zeroing',
    values: ['yes', 'no'],
    default: 'yes',
    description:
      "Whether a size extension zeroes the exposed post-EOF part of a cached EOF folio (pagecache_isize_extended, 52aecaee1c26, VERIFIED merged) or not (UNVERIFIED 2026 report that its guards skip it for large folios).",
    cite: 'spec D5, S11; R31',
  },
];

interface OverrideSpec {
  readonly id: string;
  readonly field: keyof ProfileBehaviour;
  /** The value each profile has (profiles without the fact have no such switch). */
  readonly byProfile: Partial<Readonly<Record<ProfileId, string>>>;
  readonly parse: (v: string) => ProfileBehaviour[keyof ProfileBehaviour];
  readonly cite: string;
}

const SPECS: readonly OverrideSpec[] = [
  {
    id: 'lock-order',
    field: 'lockOrder',
    byProfile: { 'ext4-iomap': 'folio-then-handle', 'ext4-bh': 'handle-then-folio' },
    parse: (v) => v as ProfileBehaviour['lockOrder'],
    cite: 'spec A.7 (S13 for the iomap order, S16 for ext4_do_writepages)',
  },
  {
    id: 'conversion-handle',
    field: 'conversionHandle',
    byProfile: { 'ext4-iomap': 'normal', 'ext4-bh': 'reserved' },
    parse: (v) => v as ProfileBehaviour['conversionHandle'],
    cite: 'spec B.8, C.2; R1 (iomap: normal EXT4_HT_EXT_CONVERT), R17/R34 (buffer head: jbd2_journal_start_reserved)',
  },
  {
    id: 'data-ordered',
    field: 'dataOrdered',
    byProfile: { 'ext4-iomap': 'no', 'ext4-bh': 'yes' },
    parse: (v) => v === 'yes',
    cite: 'R5 (iomap inodes do not order data), R9 (the deadlock ordering would bring), B4 of the research notes',
  },
];

/** The overrides a profile allows under --counterfactual: each fact set to the other profile's value. */
export function counterfactualOverrides(profile: ProfileId): FactOverride[] {
  return SPECS.filter((spec) => spec.byProfile[profile] !== undefined).map((spec) => {
    const own = spec.byProfile[profile]!;
    const others = Object.entries(spec.byProfile).filter(([p, v]) => p !== profile && v !== own);
    const values = [own, ...new Set(others.map(([, v]) => v))];
    return {
      id: spec.id,
      values,
      conflict: others.map(([p, v]) => `${spec.id}=${v} is a fact of profile ${p}, not of ${profile} (which has ${own})`).join('; '),
      cite: spec.cite,
      apply: (b: ProfileBehaviour, value: string) => ({ ...b, [spec.field]: spec.parse(value) }),
    };
  });
}
