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

const SEM: Readonly<Record<string, VersionSemantics>> = {
  V0: { skipUnwrittenAndHole: true, batch: 'none', holeFlush: false, partialFirstBlock: false, ...PROTOTYPE },
  V1c: { skipUnwrittenAndHole: false, batch: 'none', holeFlush: true, partialFirstBlock: true, ...PROTOTYPE },
  V2: { skipUnwrittenAndHole: false, batch: 'kmalloc', holeFlush: true, partialFirstBlock: false, ...PROTOTYPE },
  V2a: { skipUnwrittenAndHole: false, batch: 'kmalloc', holeFlush: false, partialFirstBlock: false, ...PROTOTYPE },
  V3: { skipUnwrittenAndHole: false, batch: 'stack', holeFlush: true, partialFirstBlock: false, ...PROTOTYPE },
  V4: { skipUnwrittenAndHole: false, batch: 'stack', holeFlush: false, partialFirstBlock: false, ...PROTOTYPE },
  // ext4 -next v2: zeroing before the handle, fill for every UNWRITTEN, truncate flush (R2, R3).
  'next-v2': { skipUnwrittenAndHole: false, batch: 'stack', holeFlush: true, partialFirstBlock: false, underHandle: false, fillBelowEofOnly: false, truncateFlush: true },
  // Buffer-head ext4 never reaches iomap_zero_range: the iomap switches are unused.
  'bh-v7.0': { skipUnwrittenAndHole: false, batch: 'none', holeFlush: false, partialFirstBlock: false, underHandle: true, fillBelowEofOnly: false, truncateFlush: false },
  'bh-v7.1': { skipUnwrittenAndHole: false, batch: 'none', holeFlush: false, partialFirstBlock: false, underHandle: false, fillBelowEofOnly: false, truncateFlush: false },
};

/** Semantics of a version id; next-v2's iomap side follows the `next-v2-iomap` assumption. */
export function versionSemantics(id: string, assumptions: Readonly<Record<string, string>>): VersionSemantics | undefined {
  const sem = SEM[id];
  if (sem === undefined) return undefined;
  if (id === 'next-v2' && assumptions['next-v2-iomap'] === 'V4') return { ...sem, holeFlush: false };
  return sem;
}
