/**
 * Mechanisms: the named ways a property breaks, read off the violating state (its wait-for
 * cycle and what the zeroer was doing), so a verdict is compared with what the spec says about
 * that mechanism rather than about a scenario (a scenario's start may hold several routes).
 *
 * Deadlocks (D2) and waits under a handle (D1) are classified by the cycle or wait and by the
 * zeroer's route into it; data properties by what was skipped. Each mechanism names the spec
 * section it comes from; `unclassified` marks a state no mechanism explains (a finding to
 * name, never silently folded into another).
 */
import type { WaitInfo } from '../../explorer/model.ts';
import { fsFillsBatch } from '../../model/iomap.ts';
import { B, C, F, FP, W, Z, ZP, type KernelCtx } from '../../model/state.ts';
import { zWantsBatchFolio } from '../../model/threads/zeroerQuery.ts';
import { persistedValue, readValue } from '../../model/pagecache.ts';
import { HOLE, UNWRITTEN, ZERO } from '../../model/types.ts';
import { cycleThrough, type WaitEdge } from '../waitFor.ts';
import { waitUnderHandle } from './d1.ts';

export interface MechanismInfo {
  readonly id: string;
  readonly title: string;
  /** The properties this mechanism breaks. */
  readonly properties: readonly string[];
  readonly description: string;
  readonly cite: string;
}

export const MECHANISMS: readonly MechanismInfo[] = [
  {
    id: 'C1-no-batch',
    title: 'flush under the handle: UNWRITTEN mapping, no batch in this version',
    properties: ['D1', 'D2'],
    description:
      'iomap_zero_range without a folio batch (V1c) meets a dirty UNWRITTEN mapping and flushes under the caller\'s handle; writeback\'s completion needs a normal handle (conversion, i_disksize), which waits for the commit, which waits for the zeroer\'s handle.',
    cite: 'spec C.1; B.4 V1c',
  },
  {
    id: 'C1-unfilled',
    title: 'flush under the handle: UNWRITTEN mapping ext4 filled no batch for (beyond EOF)',
    properties: ['D1', 'D2'],
    description:
      'The thread-era prototype calls the fill helper only below EOF: an UNWRITTEN mapping at or past EOF gets no batch, so V2..V4 flush under the handle: the C.1 cycle through the unwritten-without-batch route.',
    cite: 'spec D1 ("With V4 alone ... fails via UNWRITTEN-without-batch (C.1)"), B.6',
  },
  {
    id: 'C3-hole-flush',
    title: 'flush under the handle: the hole flush',
    properties: ['D1', 'D2'],
    description:
      'ext4 fills no batch for a HOLE; V1c/V2/V3 flush the whole remaining range for a dirty hole, and writeback (per folio) writes the folio\'s UNWRITTEN (or newly allocated) blocks, whose completion needs a normal handle.',
    cite: 'spec C.3',
  },
  {
    id: 'C5-kmalloc',
    title: 'flush under the handle: kmalloc failure fallback',
    properties: ['D1', 'D2'],
    description: 'V2/V2a: the fill helper\'s kmalloc fails, fbatch stays NULL, and iomap falls back to the flush under the handle.',
    cite: 'spec C.5',
  },
  {
    id: 'C4-unflagged',
    title: 'flush under the handle: an empty fill that sets no flag',
    properties: ['D1', 'D2'],
    description:
      'With the flag set only when folios are found (Zhang\'s reading, E.1), a fill that finds its folios cleaned by a racing writeback leaves no batch, and iomap flushes the rest of the range under the handle.',
    cite: 'spec C.4, E.1',
  },
  {
    id: 'C6-pagecache',
    title: 'folio lock vs handle: page-cache zeroing',
    properties: ['D2', 'D8'],
    description:
      'Writeback holds the folio lock and waits to start its handle (the transaction is locked); the zeroer holds its handle and zeroes through the page cache (FGP_WRITEBEGIN folio_lock); the commit waits for the zeroer\'s handle. No flush.',
    cite: 'spec C.6; S13 07/22, 17/22',
  },
  {
    id: 'C6-batch-folio',
    title: 'folio lock vs handle: the presumed-dirty batch folio',
    properties: ['D2', 'D8'],
    description:
      'The fill put the folio in the batch (dirty, under writeback, or locked: presumed dirty); iomap_zero_iter then blocks on its lock, held by writeback that waits to start its handle (a DELALLOC block in the same folio needs allocation) while the commit waits for the zeroer\'s handle.',
    cite: 'spec B.5 (presumed dirty), C.6; issue 8 (layout UNWRITTEN + DELALLOC)',
  },
  {
    id: 'C6-isize',
    title: 'folio lock vs handle: pagecache_isize_extended under the handle',
    properties: ['D2', 'D8'],
    description:
      'The size extension locks the EOF folio (pagecache_isize_extended) while the caller holds its handle; writeback holds that lock and waits to start its handle. Moved out of the handle in v7.1 (1ad0f4282329).',
    cite: 'spec D5, B.9; research A3 (1ad0f4282329 "move pagecache_isize_extended() out of active handle")',
  },
  {
    id: 'sync-writeback',
    title: 'sync writeback holds the folio lock while waiting for writeback',
    properties: ['D2'],
    description:
      'fsync / sync_file_range(WAIT) locks the folio and waits for the writeback in progress; that writeback\'s completion needs a normal handle; the zeroer, holding its handle, waits for the folio lock; the commit waits for the zeroer.',
    cite: 'spec B.2 (3); research A1 (folio_prepare_writeback), B1',
  },
  {
    id: 'writepages-wait',
    title: 'buffer-head writepages waits for writeback under its own handle',
    properties: ['D1'],
    description:
      'WB_SYNC_ALL mpage_prepare_extent_to_map waits for PG_writeback while holding the writepages handle; safe only while conversions use reserved handles (C.2).',
    cite: 'spec D1 scope note; B.8; research B1',
  },
  {
    id: 'ordered-data',
    title: 'the commit\'s data=ordered writeback waits on a folio',
    properties: ['D2'],
    description: 'journal_submit_data_buffers locks ordered folios and journal_finish_inode_data_buffers waits for their writeback, in T_FLUSH/T_COMMIT.',
    cite: 'spec B.7; research B4, A4 (R9: why iomap drops data=ordered)',
  },
  {
    id: 'V0-skip-dirty',
    title: 'dirty HOLE/UNWRITTEN skipped as zero',
    properties: ['D3', 'D4'],
    description: 'V0 skips HOLE and UNWRITTEN mappings even when dirty in the page cache; the data stays (and is later written back and converted).',
    cite: 'spec B.4 V0; S9 c5c810b94cfd',
  },
  {
    id: 'C4-stale-mapping',
    title: 'stale mapping plus skip: an extent converted between lookup and fill',
    properties: ['D3', 'D4', 'D6'],
    description:
      'ext4 holds no lock across the lookup and the fill: writeback converts the extent with data in between, the fill finds the folio clean and leaves it out, and the batch skips the range: the data survives unless the caller pre-zeroed.',
    cite: 'spec C.4 ("the real hazard ... is the opposite direction"), D6',
  },
  {
    id: 'post-eof-exposure',
    title: 'garbage past EOF exposed by a size extension',
    properties: ['D3', 'D4', 'D5'],
    description: 'An mmap store left data past EOF; nothing zeroed it before the extension exposed it.',
    cite: 'spec D5; B.4 V1b rationale (7d9b474ee4cc); S11',
  },
  {
    id: 'ilock-reclaim',
    title: 'XFS: kmalloc under the ILOCK enters reclaim, which waits for that ILOCK',
    properties: ['D2'],
    description:
      "V2's kmalloc(GFP_KERNEL) in iomap_fill_dirty_folios runs under XFS's ILOCK; fs reclaim (xfs_reclaim_inodes_nr) would lock the inode. Dave Chinner: a false positive, reclaim locks only unreferenced inodes; reachable only under kmalloc-reclaim=blocks.",
    cite: 'spec C.7; research XFS 8 (M6)',
  },
  {
    id: 'hole-skip-dirty',
    title: 'a dirty data-fork HOLE skipped without a flush',
    properties: ['D3', 'D4'],
    description:
      'The lookup reports a HOLE (XFS: whatever the COW fork holds) while the page cache holds data there; without the hole flush (V2a, and V4 on ext4) iomap skips it as zero and returns with the data in place.',
    cite: 'spec B.4 V2a; research XFS 3, 4 (M4 8/8 log)',
  },
  {
    id: 'post-eof-remap',
    title: 'XFS: a COW block past the old EOF remapped, then shifted past EOF',
    properties: ['D9'],
    description:
      'With i_size raised and the EOF folio still dirty, writeback writes a post-EOF COW block and the completion remaps it into the data fork; insert range then shifts it past EOF, where a later zero range WARNs (generic/363).',
    cite: 'research XFS 5 (M1; M4 4/8 c35a3e273e86)',
  },
  {
    id: 'unclassified',
    title: 'no named mechanism',
    properties: ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D8'],
    description: 'A violation whose cycle or route matches none of the mechanisms above: a finding to name.',
    cite: '-',
  },
];

/** What the zeroer's flush came from: the route of a flush under the handle. */
export function flushRoute(ctx: KernelCtx, s: Uint32Array): string {
  const { f, cfg } = ctx;
  const t = f.zMapType.get(s);
  if (t === HOLE) return 'C3-hole-flush';
  if (f.zKmallocFailed.is(s)) return 'C5-kmalloc';
  if (cfg.sem.batch === 'none') return 'C1-no-batch';
  if (t === UNWRITTEN && !fsFillsBatch(ctx, s, t, f.zPos.get(s))) return 'C1-unfilled';
  if (!f.zBatchFlag.is(s)) return 'C4-unflagged';
  return 'unclassified';
}

/** Every wait-for edge at `s`, from the model's waitsFor. */
export function edgesAt(threads: number, waitsFor: (s: Uint32Array, t: number) => WaitInfo | undefined, s: Uint32Array): WaitEdge[] {
  const edges: WaitEdge[] = [];
  for (let t = 0; t < threads; t++) {
    const w = waitsFor(s, t);
    if (w === undefined) continue;
    for (const to of w.on) edges.push({ from: t, to, kind: w.kind, what: w.what });
  }
  return edges;
}

const JOURNAL = new Set(['T_LOCKED', 'T_SWITCH', 'journal_space', 'barrier']);

/**
 * The mechanism of a deadlocked state: from the cycle through the zeroer (or any cycle), its
 * edge kinds and the zeroer's step.
 */
export function classifyDeadlock(ctx: KernelCtx, edges: readonly WaitEdge[], s: Uint32Array): string {
  const { f } = ctx;
  const cycle = cycleThrough(edges, Z) ?? [F, W, C, B].map((t) => cycleThrough(edges, t)).find((c) => c !== undefined);
  if (cycle === undefined) return 'unclassified';
  const from = (t: number) => cycle.find((e) => e.from === t);
  const z = from(Z);
  if (z?.kind === 'ILOCK' && z.to === Z) return 'ilock-reclaim';
  if (z?.kind === 'PG_writeback') {
    const pc = f.zPc.get(s);
    if (pc === ZP.FLUSH_WRITE || pc === ZP.FLUSH_WAIT) return flushRoute(ctx, s);
    return 'unclassified';
  }
  if (z?.kind === 'folio_lock' && z.to === F) {
    const fw = from(F);
    if (fw?.kind === 'PG_writeback') return 'sync-writeback';
    if (fw !== undefined && JOURNAL.has(fw.kind)) {
      const pc = f.zPc.get(s);
      if (zWantsBatchFolio(ctx, s)) return 'C6-batch-folio';
      if (pc === ZP.SIZE) return 'C6-isize';
      return 'C6-pagecache';
    }
  }
  const c = from(C);
  if (c !== undefined && (c.kind === 'folio_lock' || c.kind === 'PG_writeback') && (f.cPhase.get(s) !== 0)) return 'ordered-data';
  return 'unclassified';
}

/** The mechanism of a lock-order violation (D8): which zeroer step wants the folio writeback holds. */
export function classifyLockOrder(ctx: KernelCtx, s: Uint32Array): string {
  if (zWantsBatchFolio(ctx, s)) return 'C6-batch-folio';
  if (ctx.f.zPc.get(s) === ZP.SIZE) return 'C6-isize';
  return 'C6-pagecache';
}

/** The mechanism of a wait under a handle (D1): the zeroer's flush route, or writepages' own wait. */
export function classifyWait(ctx: KernelCtx, s: Uint32Array): string {
  const w = waitUnderHandle(ctx, s);
  if (w === undefined) return 'unclassified';
  if (w.thread === F && ctx.f.fPc.get(s) === FP.HANDLE_LOCKED) return 'writepages-wait';
  const pc = ctx.f.zPc.get(s);
  if (pc === ZP.FLUSH_WRITE || pc === ZP.FLUSH_WAIT) return flushRoute(ctx, s);
  return 'unclassified';
}

/**
 * The mechanism of a data property's violation (D3, D4, D5, D6): garbage in a block that lay
 * past EOF before the caller ran is post-EOF exposure (a size extension revealed it); inside
 * the old file, V0's skip of dirty mappings, or the stale mapping of C.4 without pre-zeroing.
 */
export function classifyData(ctx: KernelCtx, property: string, s: Uint32Array): string {
  if (property === 'D5') return 'post-eof-exposure';
  if (property === 'D6') return 'C4-stale-mapping';
  if (property === 'D9') return 'post-eof-remap';
  const { cfg } = ctx;
  const size = ctx.f.iSize.get(s);
  const value = property === 'D4' ? persistedValue : readValue;
  let hole = false;
  for (let b = cfg.caller.zeroStart; b < cfg.caller.zeroEnd && b < size; b++) {
    if (value(ctx, s, b) === ZERO) continue;
    if (b >= cfg.init.iSize) return 'post-eof-exposure';
    hole = cfg.init.map[b] === HOLE;
    break;
  }
  if (cfg.sem.skipUnwrittenAndHole) return 'V0-skip-dirty';
  // XFS: the race needs the ILOCK out of the way, between the lookup and the fill or at the conversion.
  const xfsRace = cfg.b.journal === 'xfs' && (!cfg.b.ilockAcrossFill || cfg.assumptions['conversion-ilock'] === 'no');
  if (cfg.assumptions['pre-zero'] === 'no' || xfsRace) return 'C4-stale-mapping';
  if (hole && !cfg.sem.holeFlush) return 'hole-skip-dirty';
  return 'unclassified';
}

export function mechanismInfo(id: string): MechanismInfo | undefined {
  return MECHANISMS.find((m) => m.id === id);
}
