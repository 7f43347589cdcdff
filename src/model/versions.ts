/**
 * The code versions of iomap_zero_range and its ext4 caller, as data (spec B.4, B.6, B.9).
 *
 * Why data: a version is a handful of switches over one program; tests and the matrix iterate
 * over this table, so adding a version cannot forget a code path.
 */
import type { VersionId, VersionSemantics } from './types.ts';

export interface VersionInfo {
  readonly id: VersionId;
  readonly title: string;
  readonly description: string;
  readonly cite: string;
}

export const VERSIONS: readonly VersionInfo[] = [
  {
    id: 'V0',
    title: 'before Aug 2024',
    description: 'HOLE and UNWRITTEN mappings are skipped as already zero, even if dirty in page cache.',
    cite: 'spec B.4 V0; S9 c5c810b94cfd',
  },
  {
    id: 'V1c',
    title: 'v6.13..v6.18, pre-series',
    description:
      'range_dirty computed once before lookup; the first HOLE/UNWRITTEN mapping with range_dirty flushes the whole remaining range (iomap_zero_iter_flush_and_stale) and re-looks up. No folio batch.',
    cite: 'spec B.4 V1c; S9, S15',
  },
  {
    id: 'V2',
    title: 'folio batch as posted (v3..v5, v6.19-rc1)',
    description:
      'ext4 fills a kmalloc\'d folio batch for UNWRITTEN mappings below EOF; fbatch != NULL means batch-driven zeroing (empty batch = skip). kmalloc may fail: fbatch stays NULL and iomap falls back to the flush.',
    cite: 'spec B.4 V2, B.5, B.6; S1, S4',
  },
  {
    id: 'V2a',
    title: "V2 + Zhang's tested change (no hole flush)",
    description: 'As V2, but the flush happens only for UNWRITTEN mappings (range_dirty && UNWRITTEN).',
    cite: 'spec B.4 V2a; S2 seed',
  },
  {
    id: 'V3',
    title: 'stack batch + IOMAP_F_FOLIO_BATCH (v6.19-rc5)',
    description:
      'Batch on the stack of iomap_zero_range, no allocation failure; the fill helper sets IOMAP_F_FOLIO_BATCH. Hole flush retained.',
    cite: 'spec B.4 V3; S6',
  },
  {
    id: 'V4',
    title: 'xfs-linux for-next 2026-03 (hole flush lifted into XFS)',
    description: 'As V3, but iomap flushes only for UNWRITTEN mappings without the batch flag and with range_dirty.',
    cite: 'spec B.4 V4; S8 v3 3/8',
  },
  {
    id: 'ext4-outside',
    title: 'ext4 zeroes outside the handle (2024 v1 / 2026 -next v2) over V3 iomap',
    description:
      'ext4_block_zero_page_range runs before the handle is started (or after it is stopped); the fill helper runs for every UNWRITTEN mapping (no EOF test). iomap side as V3 (the -next v2 base).',
    cite: 'spec B.9 (S12 20/27, S13 07/22, 17/22), B.6 -next v2',
  },
];

const SEM: Readonly<Record<VersionId, VersionSemantics>> = {
  V0: { skipUnwrittenAndHole: true, batch: 'none', holeFlush: false, underHandle: true, fillBelowEofOnly: true, partialFirstBlock: false },
  V1c: { skipUnwrittenAndHole: false, batch: 'none', holeFlush: true, underHandle: true, fillBelowEofOnly: true, partialFirstBlock: true },
  V2: { skipUnwrittenAndHole: false, batch: 'kmalloc', holeFlush: true, underHandle: true, fillBelowEofOnly: true, partialFirstBlock: false },
  V2a: { skipUnwrittenAndHole: false, batch: 'kmalloc', holeFlush: false, underHandle: true, fillBelowEofOnly: true, partialFirstBlock: false },
  V3: { skipUnwrittenAndHole: false, batch: 'stack', holeFlush: true, underHandle: true, fillBelowEofOnly: true, partialFirstBlock: false },
  V4: { skipUnwrittenAndHole: false, batch: 'stack', holeFlush: false, underHandle: true, fillBelowEofOnly: true, partialFirstBlock: false },
  'ext4-outside': {
    skipUnwrittenAndHole: false,
    batch: 'stack',
    holeFlush: true,
    underHandle: false,
    fillBelowEofOnly: false,
    partialFirstBlock: false,
  },
};

export function isVersionId(v: string): v is VersionId {
  return Object.prototype.hasOwnProperty.call(SEM, v);
}

export function versionSemantics(v: VersionId): VersionSemantics {
  return SEM[v];
}
