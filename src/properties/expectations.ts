/**
 * What the spec (section D, with C) and the mailing-list thread say each matrix cell should
 * give, with citations, so the matrix can flag where zrcheck disagrees.
 *
 * Transcribed, not invented: `basis: 'stated'` rows quote or closely paraphrase a sentence of
 * /work/shared/spec/kernel-semantics.md (which itself cites the thread); `basis: 'derived'` rows
 * apply a stated rule of the spec to a cell it does not name (the rule is in the citation).
 * Where the spec is silent there is no row, and the matrix shows no expectation.
 *
 * Rules are tried in order; the first whose property, version, scenario and assumption
 * conditions all match wins, so conditional rows come before the unconditional ones.
 */
import type { Expectation } from '../report/matrixTypes.ts';

export interface ExpectationRule {
  readonly id: string;
  readonly properties: readonly string[];
  readonly versions: readonly string[];
  readonly scenarios: readonly string[];
  /** Assumption values the rule needs (compared with the cell's effective assumptions). */
  readonly when?: Readonly<Record<string, string>>;
  readonly expect: 'holds' | 'violated';
  readonly basis: 'stated' | 'derived';
  readonly cite: string;
}

const UNDER_HANDLE = ['V0', 'V1c', 'V2', 'V2a', 'V3', 'V4'] as const;
const BATCH = ['V2', 'V2a', 'V3', 'V4'] as const;
const ALL_VERSIONS = [...UNDER_HANDLE, 'ext4-outside'] as const;
const EXT4_SCENARIOS = ['C1', 'C3', 'C4', 'C5', 'C6'] as const;
const ALL_SCENARIOS = [...EXT4_SCENARIOS, 'EOF'] as const;
const D1_FAMILY = ['D1', 'D1-literal'] as const;

export const EXPECTATION_RULES: readonly ExpectationRule[] = [
  // ---- D1 NoWaitUnderHandle (and its literal form: no flush call under a handle) ----
  { id: 'E1', properties: D1_FAMILY, versions: ['V1c'], scenarios: ['C1', 'C3', 'C5'], expect: 'violated', basis: 'stated',
    cite: 'spec D1: "Fails for V1c via C.1, C.3 and C.5"' },
  { id: 'E2', properties: D1_FAMILY, versions: ['V2'], scenarios: ['C3', 'C5'], expect: 'violated', basis: 'stated',
    cite: 'spec D1: "Fails for V2 with the thread-era prototype via C.3 and C.5"' },
  { id: 'E3', properties: D1_FAMILY, versions: ['V2', 'V2a', 'V3'], scenarios: ['C1'], expect: 'holds', basis: 'stated',
    cite: 'spec D1: "in the plain C.1 layout (UNWRITTEN below EOF, fill called, allocation succeeds) V2 has a batch and does not flush" (V2a, V3 fill the same way, B.4)' },
  { id: 'E4', properties: D1_FAMILY, versions: ['V3'], scenarios: ['C3'], expect: 'violated', basis: 'stated',
    cite: 'spec D1: "V3 (hole flush retained, no kmalloc) still fails via holes (C.3)"' },
  { id: 'E5', properties: D1_FAMILY, versions: ['V2a'], scenarios: ['C3'], expect: 'holds', basis: 'stated',
    cite: 'spec D1: "V2a ... no longer fails via C.3"' },
  { id: 'E6', properties: D1_FAMILY, versions: ['V2a'], scenarios: ['C5'], expect: 'violated', basis: 'stated',
    cite: 'spec D1: "V2a ... still fails via kmalloc failure (C.5)"' },
  { id: 'E7', properties: D1_FAMILY, versions: ['V3', 'V4'], scenarios: ['C5'], expect: 'holds', basis: 'derived',
    cite: 'spec D2: "V3 removes the C.5 route (kmalloc fallback)"; C.5: "resolved by V3: no allocation"' },
  { id: 'E8', properties: D1_FAMILY, versions: ['V4'], scenarios: ['C1'], expect: 'violated', basis: 'stated',
    cite: 'spec D1: "With V4 alone and zeroing still under a handle, it fails via UNWRITTEN-without-batch (C.1)"' },
  { id: 'E9', properties: D1_FAMILY, versions: ['V4'], scenarios: ['C3'], expect: 'holds', basis: 'derived',
    cite: 'spec D2: "V2a and V4 remove the C.3 route (hole flush)"' },
  { id: 'E10', properties: D1_FAMILY, versions: ALL_VERSIONS, scenarios: ['C6'], expect: 'holds', basis: 'stated',
    cite: 'spec D1 correction: "C.6 does not violate D1 ... no task waits on PG_writeback and no flush runs"' },
  { id: 'E11', properties: D1_FAMILY, versions: BATCH, scenarios: ['C4'], when: { 'fill-flag': 'if-found' }, expect: 'violated', basis: 'stated',
    cite: 'thread (Zhang, after 08-05): "iomap_zero_range() will still flush those two folios ... risk of deadlock"; spec C.4/E.1: reachable only if the flag is set only when folios are found' },
  { id: 'E12', properties: D1_FAMILY, versions: BATCH, scenarios: ['C4'], expect: 'holds', basis: 'stated',
    cite: 'spec C.4 analysis: "an empty fill over UNWRITTEN yields skip ... not a flush"; Brian [S2]: "should still see the empty folio batch and skip over the mapping if unwritten"' },
  { id: 'E13', properties: D1_FAMILY, versions: ['V1c'], scenarios: ['C4'], expect: 'violated', basis: 'derived',
    cite: 'spec B.4 V1c: no batch, so a dirty UNWRITTEN mapping with range_dirty flushes (the C.1 route)' },
  { id: 'E14', properties: D1_FAMILY, versions: ['V0'], scenarios: ALL_SCENARIOS, expect: 'holds', basis: 'derived',
    cite: 'spec B.4 V0: HOLE and UNWRITTEN are skipped, so V0 never flushes' },
  { id: 'E15', properties: D1_FAMILY, versions: ['ext4-outside'], scenarios: ALL_SCENARIOS, expect: 'holds', basis: 'stated',
    cite: 'spec D1: "Holds for -next v2 ext4 with any iomap version ... because ext4 then never zeroes under a handle"' },
  { id: 'E16', properties: D1_FAMILY, versions: ALL_VERSIONS, scenarios: ['EOF'], expect: 'holds', basis: 'derived',
    cite: 'spec C scenario EOF: the caller (XFS-like size extension) holds no journal handle' },
  // ---- D1-next: iomap_zero_range never entered under a handle (-next v2 WARN) ----
  { id: 'E17', properties: ['D1-next'], versions: UNDER_HANDLE, scenarios: EXT4_SCENARIOS, expect: 'violated', basis: 'stated',
    cite: 'spec D1: "that form flags every under-handle version in every scenario"' },
  { id: 'E18', properties: ['D1-next'], versions: ALL_VERSIONS, scenarios: ['EOF'], expect: 'holds', basis: 'derived',
    cite: 'spec C scenario EOF: the caller holds no journal handle' },
  { id: 'E19', properties: ['D1-next'], versions: ['ext4-outside'], scenarios: ALL_SCENARIOS, expect: 'holds', basis: 'stated',
    cite: 'spec B.6/B.9 -next v2: "WARN_ON_ONCE(ext4_handle_valid(journal_current_handle()))"; zeroing moved outside the handle' },
  // ---- D2 DeadlockFreedom ----
  { id: 'E20', properties: ['D2'], versions: ['ext4-outside'], scenarios: ALL_SCENARIOS, expect: 'holds', basis: 'stated',
    cite: 'spec D2: "Zeroing outside the handle (S12 v1, S13 -next v2) removes C.1, C.3, C.5 and C.6 for ext4"' },
  { id: 'E21', properties: ['D2', 'D8'], versions: UNDER_HANDLE, scenarios: ['C6'], when: { 'lock-order': 'handle-then-folio' }, expect: 'holds', basis: 'derived',
    cite: 'spec A.7/C.6: the C.6 cycle needs the iomap order folio lock -> handle; the buffer-head order is the opposite' },
  { id: 'E22', properties: ['D2', 'D8'], versions: UNDER_HANDLE, scenarios: ['C6'], expect: 'violated', basis: 'stated',
    cite: 'spec D1 correction: "C.6 violates D2 (deadlock) and D8 (lock order)"; D2: neither V2a/V4 nor V3 removes C.6' },
  { id: 'E23', properties: ['D2'], versions: ['V1c', 'V2', 'V3'], scenarios: ['C3'], expect: 'violated', basis: 'stated',
    cite: 'spec C.3: "Z6: WAIT(!P.writeback) => C.1 cycle"; thread (Zhang 07-19): "this series still cannot resolve the issue"' },
  { id: 'E24', properties: ['D2'], versions: ['V2a', 'V4'], scenarios: ['C3'], expect: 'holds', basis: 'stated',
    cite: 'spec D2: "V2a and V4 remove the C.3 route (hole flush)"' },
  { id: 'E25', properties: ['D2'], versions: ['V2', 'V2a'], scenarios: ['C5'], expect: 'violated', basis: 'stated',
    cite: 'spec C.5: "kmalloc fails -> fbatch=NULL ... flush_and_stale -> C.1"; thread (Zhang 07-18)' },
  { id: 'E26', properties: ['D2'], versions: ['V3', 'V4'], scenarios: ['C5'], expect: 'holds', basis: 'stated',
    cite: 'spec D2: "V3 removes the C.5 route (kmalloc fallback)"' },
  { id: 'E27', properties: ['D2'], versions: ['V1c'], scenarios: ['C1', 'C5'], expect: 'violated', basis: 'stated',
    cite: 'spec C.1 cycle; thread (Zhang 07-19): "I can reproduce the deadlock issue easily without this series"' },
  { id: 'E28', properties: ['D2'], versions: ['V2', 'V2a', 'V3'], scenarios: ['C1'], expect: 'holds', basis: 'derived',
    cite: 'spec D1: in the plain C.1 layout the batch is filled and no flush runs, so the C.1 cycle cannot form' },
  { id: 'E29', properties: ['D2'], versions: ['V4'], scenarios: ['C1'], expect: 'violated', basis: 'derived',
    cite: 'spec D2: "Neither removes C.1 via an UNWRITTEN mapping without a batch"; D1: V4 "fails via UNWRITTEN-without-batch (C.1)"' },
  { id: 'E30', properties: ['D2'], versions: BATCH, scenarios: ['C4'], when: { 'fill-flag': 'if-found' }, expect: 'violated', basis: 'stated',
    cite: 'thread (Zhang, after 08-05): "When flushing the second folio, there is still a risk of deadlock"; spec C.4 story under if-found flag semantics' },
  { id: 'E31', properties: ['D2'], versions: BATCH, scenarios: ['C4'], expect: 'holds', basis: 'stated',
    cite: 'spec C.4 analysis: with the flag always set, the empty batch skips the mapping and no flush runs; Brian [S2]' },
  { id: 'E32', properties: ['D2'], versions: ['V1c'], scenarios: ['C4'], expect: 'violated', basis: 'derived',
    cite: 'spec B.4 V1c + C.1: a flush under the handle writes back a folio nested in the handle (normal conversion handle)' },
  { id: 'E33', properties: ['D2'], versions: ['V0'], scenarios: ['C1', 'C3', 'C4', 'C5'], expect: 'holds', basis: 'derived',
    cite: 'spec B.4 V0: no flush, so no C.1 route' },
  { id: 'E34', properties: ['D2'], versions: ALL_VERSIONS, scenarios: ['EOF'], expect: 'holds', basis: 'derived',
    cite: 'spec C scenario EOF: no journal handle, so no t_updates edge' },
  // ---- D3 ZeroReadsBack, D4 ZeroPersists, D6 BatchMappingConsistency ----
  { id: 'E35', properties: ['D3', 'D4'], versions: ['V0'], scenarios: ['C1', 'C4', 'C5'], when: { 'pre-zero': 'no' }, expect: 'violated', basis: 'stated',
    cite: 'spec D3: "This must fail for V0 (skip dirty UNWRITTEN)"; D4 catches "V0 (dirty UNWRITTEN skipped, later converted with stale data)" [S9 c5c810b94cfd]' },
  { id: 'E36', properties: ['D3', 'D4'], versions: ['V0'], scenarios: ['C1', 'C4', 'C5'], when: { 'pre-zero': 'yes' }, expect: 'holds', basis: 'derived',
    cite: 'thread (Zhang 07-19) / spec B.9: "ext4 always zeroes the in-memory page cache before zeroing", so the skipped dirty data is already zero' },
  { id: 'E37', properties: ['D3', 'D4', 'D6'], versions: [...BATCH, 'ext4-outside'], scenarios: ['C4'], when: { 'pre-zero': 'no' }, expect: 'violated', basis: 'stated',
    cite: 'spec C.4: "stale mapping plus skip gives a data-integrity risk ... Result: disk/pagecache hold D in the zeroed range"; D4: "C.4 without page-cache pre-zeroing"; D6: ext4 does not hold one lock across lookup and fill' },
  { id: 'E38', properties: ['D3', 'D4', 'D6'], versions: [...BATCH, 'ext4-outside'], scenarios: ['C4'], when: { 'pre-zero': 'yes' }, expect: 'holds', basis: 'stated',
    cite: 'spec C.4: "harmless for ext4 callers only because they zero the page cache first (B.9 pre-zeroing), so D = 0"' },
  // ---- D5 NoPostEOFExposure ----
  { id: 'E39', properties: ['D5'], versions: ['V1c', 'V2', 'V3'], scenarios: ['EOF'], expect: 'holds', basis: 'derived',
    cite: 'spec B.4 V1b rationale (7d9b474ee4cc): "A flush in this case executes partial zeroing from writeback"' },
  { id: 'E40', properties: ['D5'], versions: ['V2a', 'V4'], scenarios: ['EOF'], when: { 'isize-zeroing': 'yes' }, expect: 'holds', basis: 'stated',
    cite: 'thread (Brian 07-30): "no longer an issue now that pagecache_isize_extended() handles the post-eof zeroing"; Zhang 08-02: "should work"; spec D5' },
  { id: 'E41', properties: ['D5'], versions: ['V0', 'V2a', 'V4'], scenarios: ['EOF'], when: { 'isize-zeroing': 'no' }, expect: 'violated', basis: 'derived',
    cite: 'spec D5: "Dropping the hole flush (V2a/V4) is safe only if the other mechanisms cover the case"' },
  // ---- D7 Termination ----
  { id: 'E42', properties: ['D7'], versions: ALL_VERSIONS, scenarios: ALL_SCENARIOS, expect: 'holds', basis: 'stated',
    cite: 'spec D7: each iteration advances or sets STALE at most once per flush; range_dirty is cleared by the flush (INFERRED from B.3/B.4)' },
  // ---- D8 LockOrder outside C6 ----
  { id: 'E43', properties: ['D8'], versions: ['ext4-outside'], scenarios: ALL_SCENARIOS, expect: 'holds', basis: 'stated',
    cite: 'spec B.9 -next v2: zeroing outside the handle, because "the order of acquiring the folio lock and starting a handle is inconsistent with the iomap writeback procedure"' },
];

function matches(rule: ExpectationRule, cell: { scenario: string; variant: string; assumptions: Readonly<Record<string, string>> }, property: string): boolean {
  if (!rule.properties.includes(property) || !rule.versions.includes(cell.variant) || !rule.scenarios.includes(cell.scenario)) return false;
  for (const [k, v] of Object.entries(rule.when ?? {})) if (cell.assumptions[k] !== v) return false;
  return true;
}

/** The expectation of a property in a cell (`assumptions` holds every assumption's value). */
export function lookupExpectation(
  cell: { scenario: string; variant: string; assumptions: Readonly<Record<string, string>> },
  property: string,
): Expectation | undefined {
  const rule = EXPECTATION_RULES.find((r) => matches(r, cell, property));
  if (rule === undefined) return undefined;
  const when = Object.entries(rule.when ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return { id: rule.id, expect: rule.expect, basis: rule.basis, cite: when === '' ? rule.cite : `[when ${when}] ${rule.cite}` };
}
