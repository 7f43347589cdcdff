/**
 * The claims of the seed thread (Zhang Yi, Brian Foster; July-August 2025) and of the XFS
 * follow-ups (Brian, Dave Chinner; research XFS M1, M6) as checkable data:
 * who said it, the words, and which matrix cells decide it: a target (a property, or one mechanism of it) that the claim implies is
 * present or absent, on one scenario's cell or on every scenario of a profile.
 *
 * Quotes are from /work/shared/seed/iomap-zero-range-thread-2025-08-02.txt (which quotes the
 * earlier messages), or from the spec where it quotes a reply the seed does not hold (cited so).
 */

export interface ClaimCheck {
  /** The kernel the check reads the claim on (default ext4-iomap, the thread's). */
  readonly profile?: string;
  /** One scenario's cell, or (absent) every scenario of the profile. */
  readonly scenario?: string;
  readonly variant: string;
  /** Non-default assumptions of the cells; omitted: defaults. */
  readonly assumptions?: Readonly<Record<string, string>>;
  /** A property (`D2`) or a mechanism of it (`D2:C5-kmalloc`). */
  readonly target: string;
  /** What the claim implies: the target occurs (`present`) or never does (`absent`). */
  readonly implies: 'present' | 'absent';
}

export interface Claim {
  readonly id: string;
  readonly who: string;
  readonly when: string;
  readonly quote: string;
  /** What the claim means in model terms (which version, mechanism and property decide it). */
  readonly reading: string;
  readonly checks: readonly ClaimCheck[];
}

type Opts = { scenario?: string; assumptions?: Record<string, string>; profile?: string };
const at = (variants: readonly string[], targets: readonly string[], implies: 'present' | 'absent', o: Opts = {}): ClaimCheck[] =>
  variants.flatMap((variant) =>
    targets.map((target) => ({
      variant,
      target,
      implies,
      ...(o.scenario !== undefined ? { scenario: o.scenario } : {}),
      ...(o.assumptions !== undefined ? { assumptions: o.assumptions } : {}),
      ...(o.profile !== undefined ? { profile: o.profile } : {}),
    })),
  );

export const CLAIMS: readonly Claim[] = [
  {
    id: 'T1',
    who: 'Zhang Yi',
    when: '2025-07-18',
    quote:
      'if we fail to add dirty folios to the fbatch, iomap_zero_range() will flush those unwritten and dirty range. This could potentially lead to a deadlock, as most calls to ext4_block_zero_page_range() occur under an active journal handle.',
    reading: 'V2 on ext4-iomap: the kmalloc-failure route (C5-kmalloc) waits on writeback under the handle (D1) and closes the C.1 cycle (D2).',
    checks: at(['V2'], ['D1:C5-kmalloc', 'D2:C5-kmalloc'], 'present'),
  },
  {
    id: 'T2',
    who: 'Brian Foster',
    when: '2025-07-18',
    quote:
      'the reason for falling back like this here is just that this was considered an optional optimization, with the flush in iomap_zero_range() being default fallback behavior.',
    reading: 'Without a batch (V1c, or V2 when kmalloc fails) iomap flushes: the literal D1 form (the flush called under a handle) occurs for V1c and, by the kmalloc route, for V2.',
    checks: [...at(['V1c'], ['D1-literal:C1-no-batch'], 'present'), ...at(['V2'], ['D1-literal:C5-kmalloc'], 'present', { scenario: 'C5' })],
  },
  {
    id: 'T2b',
    who: 'Brian Foster',
    when: '2025-07-18',
    quote:
      'maybe as an incremental step put it on the stack in iomap_zero_range() and initialize the iomap_iter pointer there instead of doing the dynamic allocation (then the fill helper would set a flag to indicate the fs did pagecache lookup)',
    reading: 'That is V3 (merged for v6.19-rc5): without an allocation the kmalloc route is gone in every scenario, for D1 and D2.',
    checks: at(['V3'], ['D1:C5-kmalloc', 'D2:C5-kmalloc'], 'absent'),
  },
  {
    id: 'T3',
    who: 'Zhang Yi',
    when: '2025-07-19',
    quote:
      'if we flush the page cache under an active journal handle, we cannot stop it, which may lead to a deadlock. [...] most calls to ext4_block_zero_page_range() occur under an active journal handle, so I can reproduce the deadlock issue easily without this series.',
    reading:
      'Pre-series iomap (V1c) under the ext4-iomap handle: the no-batch flush waits under the handle (D1) and deadlocks (D2). On buffer-head ext4 the same callers zero under the handle without any flush, and never deadlock.',
    checks: [...at(['V1c'], ['D1:C1-no-batch', 'D2:C1-no-batch'], 'present'), ...at(['bh-v7.0'], ['D2'], 'absent', { profile: 'ext4-bh' })],
  },
  {
    id: 'T4',
    who: 'Zhang Yi',
    when: '2025-07-19',
    quote:
      'even though we implement this, this series still cannot resolve the issue. The corner case is: [...] [hhhhhhhhuuuuuuuu] [...] iomap_zero_range() will still flush this whole folio and lead to deadlock during writeback the latter half of the folio.',
    reading: 'The hole flush (C3-hole-flush): with the series (V2) and with the stack batch (V3) it still waits under the handle and deadlocks.',
    checks: at(['V2', 'V3'], ['D1:C3-hole-flush', 'D2:C3-hole-flush'], 'present'),
  },
  {
    id: 'T5',
    who: 'Zhang Yi',
    when: '2025-07-19',
    quote:
      "it seems that ext4 doesn't need to flush dirty folios over unwritten mappings before zeroing partial blocks. This is because ext4 always zeroes the in-memory page cache before zeroing [...] it must has already been zeroed.",
    reading:
      'Skipping dirty UNWRITTEN mappings without any flush is V0 (counterfactual on ext4-iomap): with pre-zeroing (default) the zeroed range reads back and persists as zero (D3, D4 absent) in every scenario; without pre-zeroing the skip leaves stale data (V0-skip-dirty).',
    checks: [...at(['V0'], ['D3', 'D4'], 'absent'), ...at(['V0'], ['D3:V0-skip-dirty'], 'present', { assumptions: { 'pre-zero': 'no' } })],
  },
  {
    id: 'T6',
    who: 'Brian Foster',
    when: '2025-07-30',
    quote:
      'if we had two smallish changes to this code path to 1. eliminate the dynamic folio_batch allocation and 2. drop the flush on hole mapping case, would that address the issues with iomap zero range for ext4?',
    reading: 'Both changes together are V4. "Address the issues": no deadlock (D2) in any scenario on ext4-iomap with zeroing still under the handle.',
    checks: at(['V4'], ['D2'], 'absent'),
  },
  {
    id: 'T7',
    who: 'Brian Foster / Zhang Yi',
    when: '2025-07-30 / 2025-08-02',
    quote:
      "I'm particularly wondering if that is no longer an issue now that pagecache_isize_extended() handles the post-eof zeroing — Zhang: \"I suppose the post-EOF partial folio zeroing in pagecache_isize_extended() should work.\"",
    reading: 'Dropping the hole flush (V2a, V4) keeps post-EOF bytes zero (D5) when the size extension zeroes the EOF folio (default isize-zeroing=yes).',
    checks: at(['V2a', 'V4'], ['D5'], 'absent'),
  },
  {
    id: 'T8',
    who: 'Zhang Yi',
    when: '2025-08-02',
    quote:
      "This solution works fine on ext4 and I don't find any other risks by now. (Since my testing environment has sufficient memory, I have not yet handled the case of memory allocation failure).",
    reading: 'V2a (unwritten-only flush): no deadlock in the layouts he tested (C1, C3); the kmalloc-failure route he left open still deadlocks; and no deadlock anywhere else either ("no other risks").',
    checks: [
      ...at(['V2a'], ['D2'], 'absent', { scenario: 'C1' }),
      ...at(['V2a'], ['D2'], 'absent', { scenario: 'C3' }),
      ...at(['V2a'], ['D2:C5-kmalloc'], 'present'),
      ...at(['V2a'], ['D2:C1-unfilled', 'D2:C6-pagecache', 'D2:C6-batch-folio', 'D2:C6-isize'], 'absent'),
    ],
  },
  {
    id: 'T9',
    who: 'Zhang Yi',
    when: '2025-08-02',
    quote:
      'another thread writes back folio 1 and clears this folio, so this folio will not be added to the follo_batch. Then iomap_zero_range() will still flush those two folios. When flushing the second folio, there is still a risk of deadlock due to changes in metadata.',
    reading:
      'The mapping/batch race (C4) flushes under the handle and deadlocks for V2 and V3: both with the merged fill semantics (flag set even for an empty batch, default) and with the flag set only when a folio is found (fill-flag=if-found, route C4-unflagged).',
    checks: [
      ...at(['V2', 'V3'], ['D1', 'D2'], 'present', { scenario: 'C4' }),
      ...at(['V2', 'V3'], ['D1:C4-unflagged', 'D2:C4-unflagged'], 'present', { assumptions: { 'fill-flag': 'if-found' } }),
    ],
  },
  {
    id: 'T10',
    who: 'Brian Foster',
    when: '2025-08-05 (quoted in spec C.4, [S2])',
    quote: 'If the folio is clean and thus not included, the iomap logic should still see the empty folio batch and skip over the mapping if unwritten.',
    reading:
      'With the merged semantics the race never flushes under the handle (C4-unflagged absent, D1 and D2 hold in C4) for V2 and V3; only the if-found reading flushes.',
    checks: [
      ...at(['V2', 'V3'], ['D1:C4-unflagged', 'D2:C4-unflagged'], 'absent'),
      ...at(['V2', 'V3'], ['D1', 'D2'], 'absent', { scenario: 'C4' }),
      ...at(['V2'], ['D1:C4-unflagged'], 'present', { assumptions: { 'fill-flag': 'if-found' } }),
    ],
  },
  {
    id: 'T11',
    who: 'Zhang Yi',
    when: '2025-08-02',
    quote: 'there appears to be no consistency guarantee between the lookup of the mapping and the follo_batch.',
    reading: 'D6 (batch/mapping consistency) in C4: violated (C4-stale-mapping) when the caller did not pre-zero; with pre-zeroing the excluded data is zero anyway.',
    checks: [...at(['V2'], ['D6:C4-stale-mapping'], 'present', { assumptions: { 'pre-zero': 'no' } }), ...at(['V2'], ['D6'], 'absent', { scenario: 'C4' })],
  },
  {
    id: 'T12',
    who: 'Zhang Yi',
    when: '2025-07-19',
    quote:
      "In my v1 ext4-on-iomap series [1], I resolved this issue by moving all instances of ext4_block_zero_page_range() out of the running journal handle(please see patch 19-21). But I don't think this is a good solution since it's complex and fragile.",
    reading:
      'Zeroing outside the handle (ext4-iomap next-v2; on buffer-head ext4, v7.1): no wait under a handle (D1) and no deadlock (D2) in any scenario. ("Complex and fragile" is about code, not checked.)',
    checks: [...at(['next-v2'], ['D1', 'D2'], 'absent'), ...at(['bh-v7.1'], ['D2'], 'absent', { profile: 'ext4-bh' })],
  },
  {
    id: 'T13',
    who: 'Brian Foster',
    when: '2025-08-05',
    quote:
      'As it turns out, this still breaks something with XFS. I\'ve narrowed it down to an interaction between a large eof folio that fails to split on truncate due to being dirty, COW prealloc and insert range racing with writeback in such a way that this results in a mapped post-eof block on the file.',
    reading:
      'On XFS, V2a (no hole flush, nothing in XFS) lets writeback after insert range\'s size bump remap a post-EOF COW block, which the shift leaves WRITTEN past EOF (D9, mechanism post-eof-remap); the hole flush (V1c..V3), its lift into XFS (V4) and v7.1\'s EOF flush (4/8) prevent it. (Reduced to one insert: research XFS 5, INFERRED.)',
    checks: [
      ...at(['V2a'], ['D9:post-eof-remap'], 'present', { profile: 'xfs', scenario: 'X-EOF' }),
      ...at(['V3', 'V4', 'v7.1'], ['D9'], 'absent', { profile: 'xfs', scenario: 'X-EOF' }),
    ],
  },
  {
    id: 'T14',
    who: 'Brian Foster',
    when: '2025-08-05 / 2025-11 (M1; M6 aRNDFNenNDq3icjw)',
    quote:
      'Of course this should happen under appropriate fs locks such that iomap either sees the folio in dirty/writeback state where the mapping is unwritten, or if the folio has been cleaned, the mapping is reported as written. [...] It doesn\'t need to be under ilock, just either under ilock or before iomap_begin to rule out problematic inconsistency (i.e. seeing a clean folio && unwritten mapping and racing with writeback).',
    reading:
      'Under XFS the lookup and the fill run under one ILOCK hold and the completion\'s conversion needs the ILOCK: the C.4 race (C4-stale-mapping, D6) never happens, in any scenario, for any batch version. Dropping the ILOCK between them (the counterfactual ilock-across-fill=no, a test) makes it reachable.',
    checks: at(['V2', 'V3', 'V4', 'v7.1'], ['D6', 'D3:C4-stale-mapping', 'D4:C4-stale-mapping'], 'absent', { profile: 'xfs' }),
  },
  {
    id: 'T15',
    who: 'Dave Chinner',
    when: '2025-11 (M6 aQu8B63pEAzGRAkj)',
    quote:
      'As I said on #xfs: false positive on the inode lock. Reclaim is running in GFP_KERNEL context, so it\'s allowed to lock unreferenced inodes. The inodes that the allocation context holds locked are referenced inodes, so it cannot self-deadlock on the inode locks it holds.',
    reading:
      "V2's kmalloc(GFP_KERNEL) under the ILOCK does not deadlock on XFS under the default kmalloc-reclaim=lockdep-only (D2 absent in every scenario); taken at its word (kmalloc-reclaim=blocks) the lockdep report is a self-deadlock (ilock-reclaim).",
    checks: [
      ...at(['V2'], ['D2'], 'absent', { profile: 'xfs' }),
      ...at(['V2'], ['D2:ilock-reclaim'], 'present', { profile: 'xfs', assumptions: { 'kmalloc-reclaim': 'blocks' } }),
    ],
  },
];

/** Thread statements zrcheck does not model, listed so the claims file is complete. */
export const NOT_MODELLED: readonly { who: string; when: string; quote: string; why: string }[] = [
  {
    who: 'Zhang Yi',
    when: '2025-07-18',
    quote: 'So please return this error code, and then ext4 can interrupt zero operations to prevent deadlock.',
    why: 'No version returns the allocation failure to ext4 (the proposal was superseded by V3, which cannot fail); C5 models the fallback flush as posted.',
  },
  {
    who: 'Brian Foster',
    when: '2025-07-30',
    quote: 'I suspect one is that you could just call the fill helper in the hole case as well, but that\'s kind of a hack and not really intended use.',
    why: 'No version fills a batch over a HOLE (the kernel WARNs when a batch comes with a non-UNWRITTEN mapping, spec B.4 V2).',
  },
  {
    who: 'Zhang Yi',
    when: '2025-08-02',
    quote: 'since ext4 currently uses this interface only to zero out partial block, so this situation will not happen',
    why: 'The C4 scenario zeroes two whole folios on purpose (the "if the usage changes in the future" case); partial-block-only callers are not a separate scenario.',
  },
];
