/**
 * The claims of the seed thread (Zhang Yi, Brian Foster; July-August 2025) as checkable data:
 * who said it, the words, and which matrix cells decide it (with the verdict the claim implies).
 *
 * Quotes are from /work/shared/seed/iomap-zero-range-thread-2025-08-02.txt (which quotes the
 * earlier messages), or from the spec where it quotes a reply the seed does not hold (cited so).
 */

export interface ClaimCheck {
  readonly scenario: string;
  readonly variant: string;
  /** Non-default assumptions of the cell; omitted: defaults. */
  readonly assumptions?: Readonly<Record<string, string>>;
  readonly property: string;
  /** The verdict the claim implies for this cell. */
  readonly implies: 'holds' | 'violated';
}

export interface Claim {
  readonly id: string;
  readonly who: string;
  readonly when: string;
  readonly quote: string;
  /** What the claim means in model terms (which version, scenario and property decide it). */
  readonly reading: string;
  readonly checks: readonly ClaimCheck[];
}

const under = (scenario: string, variants: readonly string[], property: string, implies: 'holds' | 'violated', assumptions?: Record<string, string>): ClaimCheck[] =>
  variants.map((variant) => ({ scenario, variant, property, implies, ...(assumptions !== undefined ? { assumptions } : {}) }));

export const CLAIMS: readonly Claim[] = [
  {
    id: 'T1',
    who: 'Zhang Yi',
    when: '2025-07-18',
    quote:
      'if we fail to add dirty folios to the fbatch, iomap_zero_range() will flush those unwritten and dirty range. This could potentially lead to a deadlock, as most calls to ext4_block_zero_page_range() occur under an active journal handle.',
    reading: 'V2 with kmalloc failure (scenario C5): the fallback flush runs under the handle (D1) and can deadlock (D2).',
    checks: [...under('C5', ['V2'], 'D1', 'violated'), ...under('C5', ['V2'], 'D2', 'violated')],
  },
  {
    id: 'T2',
    who: 'Brian Foster',
    when: '2025-07-18',
    quote:
      'the reason for falling back like this here is just that this was considered an optional optimization, with the flush in iomap_zero_range() being default fallback behavior.',
    reading: 'Without a batch (V1c, or V2 when kmalloc fails) iomap flushes: the literal D1 form (flush called under a handle) is violated in C1 for V1c and in C5 for V2.',
    checks: [...under('C1', ['V1c'], 'D1-literal', 'violated'), ...under('C5', ['V2'], 'D1-literal', 'violated')],
  },
  {
    id: 'T2b',
    who: 'Brian Foster',
    when: '2025-07-18',
    quote:
      'maybe as an incremental step put it on the stack in iomap_zero_range() and initialize the iomap_iter pointer there instead of doing the dynamic allocation (then the fill helper would set a flag to indicate the fs did pagecache lookup)',
    reading: 'That is V3 (merged for v6.19-rc5): without an allocation there is no fallback flush, so the kmalloc-failure scenario C5 neither waits under the handle (D1) nor deadlocks (D2).',
    checks: [...under('C5', ['V3'], 'D1', 'holds'), ...under('C5', ['V3'], 'D2', 'holds')],
  },
  {
    id: 'T3',
    who: 'Zhang Yi',
    when: '2025-07-19',
    quote:
      'if we flush the page cache under an active journal handle, we cannot stop it, which may lead to a deadlock. [...] most calls to ext4_block_zero_page_range() occur under an active journal handle, so I can reproduce the deadlock issue easily without this series.',
    reading: 'Pre-series iomap (V1c) under the ext4 handle, scenario C1: waits on writeback under the handle (D1) and deadlocks (D2) through the commit and the conversion worker.',
    checks: [...under('C1', ['V1c'], 'D1', 'violated'), ...under('C1', ['V1c'], 'D2', 'violated')],
  },
  {
    id: 'T4',
    who: 'Zhang Yi',
    when: '2025-07-19',
    quote:
      'even though we implement this, this series still cannot resolve the issue. The corner case is: [...] [hhhhhhhhuuuuuuuu] [...] iomap_zero_range() will still flush this whole folio and lead to deadlock during writeback the latter half of the folio.',
    reading: 'Scenario C3 ([hhuu] punch): with the series (V2) and with the stack batch (V3) the hole flush still runs under the handle and deadlocks.',
    checks: [...under('C3', ['V2', 'V3'], 'D1', 'violated'), ...under('C3', ['V2', 'V3'], 'D2', 'violated')],
  },
  {
    id: 'T5',
    who: 'Zhang Yi',
    when: '2025-07-19',
    quote:
      'it seems that ext4 doesn\'t need to flush dirty folios over unwritten mappings before zeroing partial blocks. This is because ext4 always zeroes the in-memory page cache before zeroing [...] it must has already been zeroed.',
    reading: 'With pre-zeroing (default), even V0, which skips dirty UNWRITTEN ranges without any flush, reads back and persists zeros (D3, D4) in C1; without pre-zeroing it does not.',
    checks: [
      ...under('C1', ['V0'], 'D3', 'holds'),
      ...under('C1', ['V0'], 'D4', 'holds'),
      ...under('C1', ['V0'], 'D3', 'violated', { 'pre-zero': 'no' }),
    ],
  },
  {
    id: 'T6',
    who: 'Brian Foster',
    when: '2025-07-30',
    quote:
      'if we had two smallish changes to this code path to 1. eliminate the dynamic folio_batch allocation and 2. drop the flush on hole mapping case, would that address the issues with iomap zero range for ext4?',
    reading: 'Both changes together are V4. "Address the issues": no deadlock (D2) in any ext4 scenario (C1, C3, C4, C5, C6).',
    checks: ['C1', 'C3', 'C4', 'C5', 'C6'].flatMap((s) => under(s, ['V4'], 'D2', 'holds')),
  },
  {
    id: 'T7',
    who: 'Brian Foster / Zhang Yi',
    when: '2025-07-30 / 2025-08-02',
    quote:
      'I\'m particularly wondering if that is no longer an issue now that pagecache_isize_extended() handles the post-eof zeroing — Zhang: "I suppose the post-EOF partial folio zeroing in pagecache_isize_extended() should work."',
    reading: 'Scenario EOF: dropping the hole flush (V2a, V4) keeps post-EOF bytes zero (D5) when size extension zeroes the EOF folio (default isize-zeroing=yes).',
    checks: [...under('EOF', ['V2a', 'V4'], 'D5', 'holds')],
  },
  {
    id: 'T8',
    who: 'Zhang Yi',
    when: '2025-08-02',
    quote:
      'This solution works fine on ext4 and I don\'t find any other risks by now. (Since my testing environment has sufficient memory, I have not yet handled the case of memory allocation failure).',
    reading: 'V2a (unwritten-only flush): no deadlock in C1 and C3; the kmalloc-failure case he left open (C5) still deadlocks.',
    checks: [...under('C1', ['V2a'], 'D2', 'holds'), ...under('C3', ['V2a'], 'D2', 'holds'), ...under('C5', ['V2a'], 'D2', 'violated')],
  },
  {
    id: 'T9',
    who: 'Zhang Yi',
    when: '2025-08-02',
    quote:
      'another thread writes back folio 1 and clears this folio, so this folio will not be added to the follo_batch. Then iomap_zero_range() will still flush those two folios. When flushing the second folio, there is still a risk of deadlock due to changes in metadata.',
    reading: 'Scenario C4 (mapping/batch race with sync_file_range): the claim implies a flush under the handle (D1) and a deadlock (D2) for V2 and V3, both with the merged fill semantics (flag set even for an empty batch, default) and with the flag set only when a folio is found (fill-flag=if-found).',
    checks: [
      ...under('C4', ['V2', 'V3'], 'D1', 'violated'),
      ...under('C4', ['V2', 'V3'], 'D2', 'violated'),
      ...under('C4', ['V2', 'V3'], 'D2', 'violated', { 'fill-flag': 'if-found' }),
    ],
  },
  {
    id: 'T10',
    who: 'Brian Foster',
    when: '2025-08-05 (quoted in spec C.4, [S2])',
    quote:
      'If the folio is clean and thus not included, the iomap logic should still see the empty folio batch and skip over the mapping if unwritten.',
    reading: 'Scenario C4 with the merged semantics: no flush under the handle (D1) and no deadlock (D2) for V2 and V3; the race then only matters for data (D4, D6) if the caller did not pre-zero.',
    checks: [
      ...under('C4', ['V2', 'V3'], 'D1', 'holds'),
      ...under('C4', ['V2', 'V3'], 'D2', 'holds'),
      ...under('C4', ['V2'], 'D1', 'violated', { 'fill-flag': 'if-found' }),
    ],
  },
  {
    id: 'T11',
    who: 'Zhang Yi',
    when: '2025-08-02',
    quote: 'there appears to be no consistency guarantee between the lookup of the mapping and the follo_batch.',
    reading: 'D6 (batch/mapping consistency) in C4: violated when the caller did not pre-zero (stale data reaches disk); with pre-zeroing the excluded data is zero anyway.',
    checks: [...under('C4', ['V2'], 'D6', 'violated', { 'pre-zero': 'no' }), ...under('C4', ['V2'], 'D6', 'holds')],
  },
  {
    id: 'T12',
    who: 'Zhang Yi',
    when: '2025-07-19',
    quote:
      'In my v1 ext4-on-iomap series [1], I resolved this issue by moving all instances of ext4_block_zero_page_range() out of the running journal handle(please see patch 19-21). But I don\'t think this is a good solution since it\'s complex and fragile.',
    reading: 'Zeroing outside the handle (ext4-outside): no wait under a handle (D1) and no deadlock (D2) in any scenario. ("Complex and fragile" is about code, not checked.)',
    checks: ['C1', 'C3', 'C4', 'C5', 'C6', 'EOF'].flatMap((s) => [...under(s, ['ext4-outside'], 'D1', 'holds'), ...under(s, ['ext4-outside'], 'D2', 'holds')]),
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
