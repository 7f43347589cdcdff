/**
 * The semantics of each version of the zeroing code (spec B.4, B.6, B.9; research A3, B7), as
 * data. Which versions a kernel runs is the profile's (src/model/profiles); what a version does
 * is here, so the iomap loop reads one set of switches whatever the profile.
 *
 * Why data: a version is a handful of switches over one program; tests and the matrix iterate
 * over these tables, so adding a version cannot forget a code path.
 */
import type { VersionSemantics } from './types.ts';

const PROTOTYPE = { underHandle: true, fillBelowEofOnly: true, truncateFlush: false } as const;
const NOT_XFS = { xfsLift: false, xfsCowBatch: false, xfsInsertEofFlush: false } as const;

const SEM: Readonly<Record<string, VersionSemantics>> = {
  V0: { skipUnwrittenAndHole: true, batch: 'none', holeFlush: false, partialFirstBlock: false, ...PROTOTYPE, ...NOT_XFS },
  V1c: { skipUnwrittenAndHole: false, batch: 'none', holeFlush: true, partialFirstBlock: true, ...PROTOTYPE, ...NOT_XFS },
  V2: { skipUnwrittenAndHole: false, batch: 'kmalloc', holeFlush: true, partialFirstBlock: false, ...PROTOTYPE, ...NOT_XFS },
  V2a: { skipUnwrittenAndHole: false, batch: 'kmalloc', holeFlush: false, partialFirstBlock: false, ...PROTOTYPE, ...NOT_XFS },
  V3: { skipUnwrittenAndHole: false, batch: 'stack', holeFlush: true, partialFirstBlock: false, ...PROTOTYPE, ...NOT_XFS },
  V4: { skipUnwrittenAndHole: false, batch: 'stack', holeFlush: false, partialFirstBlock: false, ...PROTOTYPE, ...NOT_XFS },
  // ext4 -next v2: zeroing before the handle, fill for every UNWRITTEN, truncate flush (R2, R3).
  'next-v2': { skipUnwrittenAndHole: false, batch: 'stack', holeFlush: true, partialFirstBlock: false, underHandle: false, fillBelowEofOnly: false, truncateFlush: true, ...NOT_XFS },
  // Buffer-head ext4 never reaches iomap_zero_range: the iomap switches are unused.
  'bh-v7.0': { skipUnwrittenAndHole: false, batch: 'none', holeFlush: false, partialFirstBlock: false, underHandle: true, fillBelowEofOnly: false, truncateFlush: false, ...NOT_XFS },
  'bh-v7.1': { skipUnwrittenAndHole: false, batch: 'none', holeFlush: false, partialFirstBlock: false, underHandle: false, fillBelowEofOnly: false, truncateFlush: false, ...NOT_XFS },
};

/**
 * The same iomap versions under XFS: no journal handle around zeroing; XFS fills a batch for
 * UNWRITTEN within EOF (T1: `offset_fsb < eof_fsb`); V4 lifts the hole flush into XFS; v7.1 adds
 * the COW-fronted hole batch and the insert-range EOF flush (research XFS 3-5).
 */
const XFS_BASE = { underHandle: false, fillBelowEofOnly: true, truncateFlush: false, xfsLift: false, xfsCowBatch: false, xfsInsertEofFlush: false } as const;
const XFS_SEM: Readonly<Record<string, VersionSemantics>> = {
  V0: { skipUnwrittenAndHole: true, batch: 'none', holeFlush: false, partialFirstBlock: false, ...XFS_BASE },
  V1c: { skipUnwrittenAndHole: false, batch: 'none', holeFlush: true, partialFirstBlock: true, ...XFS_BASE },
  V2: { skipUnwrittenAndHole: false, batch: 'kmalloc', holeFlush: true, partialFirstBlock: false, ...XFS_BASE },
  V2a: { skipUnwrittenAndHole: false, batch: 'kmalloc', holeFlush: false, partialFirstBlock: false, ...XFS_BASE },
  V3: { skipUnwrittenAndHole: false, batch: 'stack', holeFlush: true, partialFirstBlock: false, ...XFS_BASE },
  V4: { skipUnwrittenAndHole: false, batch: 'stack', holeFlush: false, partialFirstBlock: false, ...XFS_BASE, xfsLift: true },
  'v7.1': { skipUnwrittenAndHole: false, batch: 'stack', holeFlush: false, partialFirstBlock: false, ...XFS_BASE, xfsCowBatch: true, xfsInsertEofFlush: true },
};

/** Semantics of a version id on a profile; next-v2's iomap side follows the `next-v2-iomap` assumption. */
export function versionSemantics(profile: string, id: string, assumptions: Readonly<Record<string, string>>): VersionSemantics | undefined {
  if (profile === 'xfs') return XFS_SEM[id];
  const sem = SEM[id];
  if (sem === undefined) return undefined;
  if (id === 'next-v2' && assumptions['next-v2-iomap'] === 'V4') return { ...sem, holeFlush: false };
  return sem;
}
