/**
 * What the spec (section D, with C) and the mailing-list thread say about each mechanism on
 * each profile, with citations, so the matrix flags where zrcheck disagrees.
 *
 * Keyed to (profile, version, mechanism), never to a scenario: a scenario's start can hold
 * several routes (the C6 start also reaches the C.1 route on V1c), and a rule about one
 * mechanism must not judge a cell by another. Two kinds of rule:
 * - `absent`: the mechanism (or the whole property) never occurs for these versions: judged
 *   in every cell of the profile, so one violating cell is a mismatch with its trace;
 * - `present`: the spec says the mechanism occurs for these versions: judged across the
 *   profile's cells (the named scenarios, or all), so no cell showing it is a mismatch.
 *
 * Transcribed, not invented: `basis: 'stated'` rules quote or closely paraphrase the spec or
 * the issue that reported them; `derived` rules apply a stated rule to a version or profile
 * it does not name (the rule is in the citation). Where the spec is silent there is no rule.
 */

/** A target: a property (`D2`) or one mechanism of it (`D2:C1-no-batch`, `D3:V0-skip-dirty`). */
export type ExpectationTarget = string;

export interface ExpectationRule {
  readonly id: string;
  readonly profiles: readonly string[];
  readonly versions: readonly string[];
  /** Every target the rule judges (a rule about a route speaks for D1 and D2 alike). */
  readonly targets: readonly ExpectationTarget[];
  /** Assumption values the rule needs (compared with a cell's effective assumptions). */
  readonly when?: Readonly<Record<string, string>>;
  readonly expect: 'absent' | 'present';
  /** `present` only: the scenarios whose cells may witness it (default: any). */
  readonly witnessIn?: readonly string[];
  readonly basis: 'stated' | 'derived';
  readonly cite: string;
}

/** A rule as a cell sees it: `absent` means the target must hold there. */
export interface Expectation {
  readonly id: string;
  readonly expect: 'absent' | 'present';
  readonly cite: string;
  readonly basis: 'stated' | 'derived';
}

const IOMAP = ['ext4-iomap'] as const;
const BH = ['ext4-bh'] as const;
const UNDER_HANDLE = ['V1c', 'V2', 'V2a', 'V3', 'V4'] as const;
const BATCH = ['V2', 'V2a', 'V3', 'V4'] as const;
const BH_VERSIONS = ['bh-v7.0', 'bh-v7.1'] as const;
const XFS = ['xfs'] as const;
const XFS_VERSIONS = ['V0', 'V1c', 'V2', 'V2a', 'V3', 'V4', 'v7.1'] as const;
const route = (m: string): string[] => [`D1:${m}`, `D2:${m}`];
const lockCycle = (m: string): string[] => [`D2:${m}`];

export const EXPECTATION_RULES: readonly ExpectationRule[] = [
  // ---- The C.1 cycle and its routes (ext4-iomap, zeroing under the handle) ----
  { id: 'E1', profiles: IOMAP, versions: ['V1c'], targets: route('C1-no-batch'), expect: 'present', witnessIn: ['C1'], basis: 'stated',
    cite: 'spec D1: "Fails for V1c via C.1"; thread (Zhang 07-19): "I can reproduce the deadlock issue easily without this series"' },
  { id: 'E2', profiles: IOMAP, versions: ['V1c', 'V2', 'V3'], targets: route('C3-hole-flush'), expect: 'present', witnessIn: ['C3'], basis: 'stated',
    cite: 'spec D1: "Fails for V1c via ... C.3", "V2 ... via C.3", "V3 ... still fails via holes (C.3)"; C.3: "Z6: WAIT(!P.writeback) => C.1 cycle"' },
  { id: 'E3', profiles: IOMAP, versions: ['V2a', 'V4'], targets: route('C3-hole-flush'), expect: 'absent', basis: 'stated',
    cite: 'spec D2: "V2a and V4 remove the C.3 route (hole flush)"; D1: "V2a ... no longer fails via C.3"' },
  { id: 'E4', profiles: IOMAP, versions: ['V2', 'V2a'], targets: route('C5-kmalloc'), expect: 'present', witnessIn: ['C5'], basis: 'stated',
    cite: 'spec C.5: "kmalloc fails -> fbatch=NULL ... flush_and_stale -> C.1"; D1: V2 and V2a fail via C.5; thread (Zhang 07-18)' },
  { id: 'E5', profiles: IOMAP, versions: ['V3', 'V4'], targets: route('C5-kmalloc'), expect: 'absent', basis: 'stated',
    cite: 'spec D2: "V3 removes the C.5 route (kmalloc fallback)"; C.5: "resolved by V3: no allocation"' },
  { id: 'E6', profiles: IOMAP, versions: BATCH, targets: route('C1-unfilled'), when: { 'ext4-fill': 'by-version' }, expect: 'present', witnessIn: ['C1-EOF'], basis: 'stated',
    cite: 'spec D1: V2 "fails there only where the filesystem did not fill a batch"; V3 "via any UNWRITTEN mapping for which the fs did not fill a batch"; "With V4 alone ... it fails via UNWRITTEN-without-batch (C.1)"; D2: "Neither removes C.1 via an UNWRITTEN mapping without a batch"' },
  { id: 'E7', profiles: IOMAP, versions: BATCH, targets: route('C1-unfilled'), when: { 'ext4-fill': 'all-unwritten' }, expect: 'absent', basis: 'derived',
    cite: 'spec B.6: with a fill for every UNWRITTEN mapping (the -next v2 helper) no UNWRITTEN mapping is left without a batch' },
  { id: 'E8', profiles: IOMAP, versions: BATCH, targets: route('C4-unflagged'), when: { 'fill-flag': 'if-found' }, expect: 'present', witnessIn: ['C4'], basis: 'stated',
    cite: 'thread (Zhang, after 08-05): "iomap_zero_range() will still flush those two folios ... risk of deadlock"; spec C.4/E.1: reachable only if the flag is set only when folios are found' },
  { id: 'E9', profiles: IOMAP, versions: BATCH, targets: route('C4-unflagged'), when: { 'fill-flag': 'always' }, expect: 'absent', basis: 'stated',
    cite: 'spec C.4 analysis: "an empty fill over UNWRITTEN yields skip ... not a flush"; Brian [S2]: "should still see the empty folio batch and skip over the mapping if unwritten"' },
  // ---- Folio lock vs handle (C.6 family) ----
  { id: 'E10', profiles: IOMAP, versions: UNDER_HANDLE, targets: [...lockCycle('C6-pagecache'), 'D8'], expect: 'present', witnessIn: ['C6'], basis: 'stated',
    cite: 'spec C.6; D1 correction: "C.6 violates D2 (deadlock) and D8 (lock order)"; D2: neither V2a/V4 nor V3 removes C.6' },
  { id: 'E11', profiles: IOMAP, versions: BATCH, targets: lockCycle('C6-batch-folio'), expect: 'present', witnessIn: ['MIXED'], basis: 'stated',
    cite: 'issue 8: "a folio holding an UNWRITTEN and a DELALLOC block deadlocks V4 in 7 steps through the presumed-dirty folio that the batch keeps locked"; spec B.5 (a locked or writeback folio is presumed dirty)' },
  { id: 'E33', profiles: IOMAP, versions: ['V2a', 'V4'], targets: ['D2:C6-isize'], expect: 'present', witnessIn: ['ISIZE'], basis: 'derived',
    cite: 'research A3, R13: v7.1 "ext4: move pagecache_isize_extended() out of active handle" (1ad0f4282329): under the handle it locks the EOF folio, the C.6 order inverted' },
  { id: 'E12', profiles: BH, versions: BH_VERSIONS, targets: ['D2:C6-pagecache', 'D2:C6-batch-folio', 'D2:C6-isize', 'D8'], expect: 'absent', basis: 'derived',
    cite: 'spec A.7: "ext4 buffer-head path: handle start -> folio lock" (ext4_do_writepages starts the handle first), so writeback never holds a folio lock while waiting to start a handle' },
  // ---- Zeroing outside the handle ----
  { id: 'E13', profiles: IOMAP, versions: ['next-v2'], targets: ['D1', 'D1-literal', 'D1-next', 'D2', 'D8'], expect: 'absent', basis: 'stated',
    cite: 'spec D1: "Holds for -next v2 ext4 with any iomap version ... because ext4 then never zeroes under a handle"; D2: "Zeroing outside the handle (S12 v1, S13 -next v2) removes C.1, C.3, C.5 and C.6 for ext4"' },
  { id: 'E14', profiles: IOMAP, versions: UNDER_HANDLE, targets: ['D1-next'], expect: 'present', basis: 'stated',
    cite: 'spec D1: the -next v2 form "flags every under-handle version in every scenario"' },
  // ---- Buffer-head ext4 (mainline) ----
  { id: 'E15', profiles: BH, versions: BH_VERSIONS, targets: ['D2'], expect: 'absent', basis: 'derived',
    cite: 'spec C.2: reserved conversion handles break C.1 (they join a locked transaction); A.7: the handle -> folio order rules out C.6; buffer-head zeroing never flushes (B.9)' },
  { id: 'E16', profiles: BH, versions: BH_VERSIONS, targets: ['D1:writepages-wait'], expect: 'present', witnessIn: ['SYNC'], basis: 'stated',
    cite: 'spec D1 scope note: "ext4\'s own ext4_do_writepages waits on PG_writeback (mpage_prepare_extent_to_map, WB_SYNC_ALL) under the handle it started itself, which D1\'s literal wording would also flag"; it needs a folio dirty and under writeback when writepages locks it' },
  { id: 'E17', profiles: IOMAP, versions: [...UNDER_HANDLE, 'next-v2'], targets: ['D1:writepages-wait'], expect: 'absent', basis: 'derived',
    cite: 'research R1/R27: iomap writeback (writeback_iter) waits on PG_writeback before ext4 starts its handle in ->writeback_range' },
  // ---- Data: zeroed ranges read back zero ----
  { id: 'E18', profiles: IOMAP, versions: ['V0'], targets: ['D3:V0-skip-dirty', 'D4:V0-skip-dirty'], when: { 'pre-zero': 'no' }, expect: 'present', basis: 'stated',
    cite: 'spec D3: "This must fail for V0 (skip dirty UNWRITTEN)"; D4 catches "V0 (dirty UNWRITTEN skipped, later converted with stale data)" [S9 c5c810b94cfd]' },
  { id: 'E19', profiles: IOMAP, versions: ['V0'], targets: ['D3:V0-skip-dirty', 'D4:V0-skip-dirty'], when: { 'pre-zero': 'yes' }, expect: 'absent', basis: 'derived',
    cite: 'thread (Zhang 07-19) / spec B.9: "ext4 always zeroes the in-memory page cache before zeroing", so the skipped dirty data is already zero' },
  { id: 'E20', profiles: IOMAP, versions: BATCH, targets: ['D3:C4-stale-mapping', 'D4:C4-stale-mapping', 'D6:C4-stale-mapping'], when: { 'pre-zero': 'no' }, expect: 'present', witnessIn: ['C4'], basis: 'stated',
    cite: 'spec C.4: "stale mapping plus skip gives a data-integrity risk ... disk/pagecache hold D in the zeroed range"; D4: "C.4 without page-cache pre-zeroing"; D6: ext4 holds no lock across lookup and fill' },
  { id: 'E21', profiles: [...IOMAP, ...BH], versions: [...UNDER_HANDLE, 'next-v2', ...BH_VERSIONS], targets: ['D3:C4-stale-mapping', 'D4:C4-stale-mapping', 'D6'], when: { 'pre-zero': 'yes' }, expect: 'absent', basis: 'stated',
    cite: 'spec C.4: "harmless for ext4 callers only because they zero the page cache first (B.9 pre-zeroing)"; D3 zero-range contract' },
  { id: 'E22', profiles: IOMAP, versions: ['V1c', 'V2', 'V3'], targets: ['D5'], expect: 'absent', basis: 'derived',
    cite: 'spec B.4 V1b rationale (7d9b474ee4cc): "A flush in this case executes partial zeroing from writeback"' },
  { id: 'E23', profiles: IOMAP, versions: ['V2a', 'V4'], targets: ['D5'], when: { 'isize-zeroing': 'yes' }, expect: 'absent', basis: 'stated',
    cite: 'thread (Brian 07-30): "no longer an issue now that pagecache_isize_extended() handles the post-eof zeroing"; Zhang 08-02: "should work"; spec D5' },
  { id: 'E24', profiles: IOMAP, versions: ['V2a', 'V4'], targets: ['D5:post-eof-exposure', 'D3:post-eof-exposure'], when: { 'isize-zeroing': 'no' }, expect: 'present', witnessIn: ['EOF'], basis: 'derived',
    cite: 'spec D5: "Dropping the hole flush (V2a/V4) is safe only if the other mechanisms cover the case"' },
  // ---- XFS: the other iomap user ----
  { id: 'E26', profiles: XFS, versions: XFS_VERSIONS, targets: ['D2'], when: { 'kmalloc-reclaim': 'lockdep-only' }, expect: 'absent', basis: 'derived',
    cite: 'research XFS 1, 4, 8: XFS never zeroes inside a transaction, every flush runs after xfs_iunlock, the fill only trylocks; Dave Chinner (M6): the fs_reclaim report is a false positive' },
  { id: 'E27', profiles: XFS, versions: XFS_VERSIONS, targets: ['D1', 'D8'], expect: 'absent', basis: 'stated',
    cite: 'spec D8: "XFS: no blocking folio_lock while holding ILOCK; only trylock"; research XFS 4: the lifted flush and the zoned flush run after xfs_iunlock' },
  { id: 'E28', profiles: XFS, versions: XFS_VERSIONS, targets: ['D6', 'D3:C4-stale-mapping', 'D4:C4-stale-mapping'], when: { 'conversion-ilock': 'yes' }, expect: 'absent', basis: 'stated',
    cite: 'spec D6: "XFS satisfies this by holding ILOCK across lookup and fill"; Brian [M1]: "iomap either sees the folio in dirty/writeback state where the mapping is unwritten, or if the folio has been cleaned, the mapping is reported as written"' },
  { id: 'E29', profiles: XFS, versions: ['V2a'], targets: ['D9:post-eof-remap'], expect: 'present', witnessIn: ['X-EOF'], basis: 'stated',
    cite: 'Brian [M1] 2025-08-05: V2a "still breaks something with XFS ... results in a mapped post-eof block on the file" (generic/363)' },
  { id: 'E30', profiles: XFS, versions: ['V1c', 'V2', 'V3', 'V4', 'v7.1'], targets: ['D9'], expect: 'absent', basis: 'derived',
    cite: 'research XFS 4, 5: the iomap hole flush (V1c-V3) and its lift into XFS (V4, "a fairly straightforward lift") write the EOF folio back at the old size; v7.1 flushes the EOF folio before the size bump (4/8)' },
  { id: 'E31', profiles: XFS, versions: ['V0'], targets: ['D3:V0-skip-dirty'], expect: 'present', basis: 'stated',
    cite: 'spec D3: "This must fail for V0 (skip dirty UNWRITTEN)"; S9 c5c810b94cfd' },
  // ---- Termination ----
  { id: 'E32', profiles: [...IOMAP, ...BH, ...XFS], versions: ['V0', ...UNDER_HANDLE, 'next-v2', ...BH_VERSIONS, 'v7.1'], targets: ['D7'], expect: 'absent', basis: 'stated',
    cite: 'spec D7: each iteration advances or sets STALE at most once per flush; range_dirty is cleared by the flush (INFERRED from B.3/B.4)' },
];

/** A cell as the rules see it: `assumptions` holds every assumption's effective value. */
export interface ExpectationCell {
  readonly profile: string;
  readonly variant: string;
  readonly scenario: string;
  readonly assumptions: Readonly<Record<string, string>>;
}

/** Whether a rule speaks about a cell (profile, version, assumptions, and for `present` the witness scenarios). */
export function ruleApplies(rule: ExpectationRule, cell: ExpectationCell): boolean {
  if (!rule.profiles.includes(cell.profile) || !rule.versions.includes(cell.variant)) return false;
  if (rule.expect === 'present' && rule.witnessIn !== undefined && !rule.witnessIn.includes(cell.scenario)) return false;
  for (const [k, v] of Object.entries(rule.when ?? {})) if (cell.assumptions[k] !== v) return false;
  return true;
}

/** The rule as a cell shows it, with its `when` in the citation. */
export function expectationOf(rule: ExpectationRule): Expectation {
  const when = Object.entries(rule.when ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return { id: rule.id, expect: rule.expect, basis: rule.basis, cite: when === '' ? rule.cite : `[when ${when}] ${rule.cite}` };
}

/** Splits `D2:C1-no-batch` into property and mechanism. */
export function splitTarget(target: ExpectationTarget): { property: string; mechanism?: string } {
  const i = target.indexOf(':');
  return i < 0 ? { property: target } : { property: target.slice(0, i), mechanism: target.slice(i + 1) };
}
