/**
 * The packed state of the kernel model (spec A.8): blocks, folios, file sizes, the journal,
 * and one program counter per thread. `KernelCtx` bundles the layout fields with the static
 * geometry and the resolved profile, so the step functions and the properties read the same
 * names.
 *
 * Layout (one field per line in `specs`; arrays are per block or per folio):
 * - per block: map (HOLE..WRITTEN), disk and pc (zero/data/stale); cow and cowDisk (XFS reflink:
 *   the COW-fork block over it and its contents);
 * - per folio: cached, dirty, folioWriteback (PG_writeback), lockedBy (the thread holding the
 *   folio lock across steps: F while it waits for a handle or for writeback, C during ordered
 *   writeback), io (a completion pending: in bio context, or in the end-I/O worker), ioReserved
 *   (it carries the writeback's reserved handle), ioEnd (where the I/O in flight ends: the
 *   completion converts only what was written), ordered / cOrdered (data=ordered range in the
 *   running / committing transaction);
 * - file: iSize, iDiskSize (blocks);
 * - journal: tx (the running transaction's state), tUpdates, handleOf[Z, F, W], the commit
 *   thread's phase after T_FLUSH (ordered data), the barrier, log space;
 * - threads: the zeroer's program (caller phase and the iomap_zero_range loop), the flusher's,
 *   the worker's, the barrier's.
 */
import { bool, defineLayout, oneOf, range, type Field, type Layout } from '../explorer/layout.ts';
import { CONTENTS, COW_STATES, MAP_TYPES, type KernelConfig } from './types.ts';

/** Threads, by index in `Model.threads`. */
export const Z = 0;
export const F = 1;
export const W = 2;
export const C = 3;
export const B = 4;
export const THREAD_NAMES = ['Z', 'F', 'W', 'C', 'B'] as const;
/** Threads that can hold a journal handle, in `handleOf` order. */
export const HANDLE_THREADS = [Z, F, W] as const;

/** State of the running transaction (spec A.4; after T_FLUSH there is no running one). */
export const TX_STATES = ['NONE', 'T_RUNNING', 'T_LOCKED', 'T_SWITCH'] as const;
export const TX_NONE = 0;
export const T_RUNNING = 1;
export const T_LOCKED = 2;
export const T_SWITCH = 3;

/**
 * The commit thread after T_FLUSH (buffer-head data=ordered): IDLE (no commit in progress
 * past the switch), FLUSH (journal_submit_data_buffers: locks and writes back the ordered
 * folios), COMMIT (journal_finish_inode_data_buffers: waits for their writeback).
 */
export const C_PHASES = ['IDLE', 'FLUSH_DATA', 'WAIT_DATA'] as const;
export const CP = { IDLE: 0, FLUSH_DATA: 1, WAIT_DATA: 2 } as const;

/** Who holds a folio lock across steps. */
export const LOCKERS = ['none', 'F', 'C'] as const;
export const LK = { NONE: 0, F: 1, C: 2 } as const;

/** A pending I/O completion: none, in bio context (no handle), or in the end-I/O worker. */
export const IO_KINDS = ['none', 'bio', 'work'] as const;
export const IO = { NONE: 0, BIO: 1, WORK: 2 } as const;

/** Zeroer program counter: the caller's phases around iomap_zero_range (spec B.9, B.4). */
export const Z_PCS = [
  'SETSIZE',
  'PREZERO',
  'START',
  'RANGE_DIRTY',
  'BEGIN',
  'FILL',
  'ITER',
  'PC_ZERO',
  'FLUSH_WRITE',
  'FLUSH_WAIT',
  'BH_ZERO',
  'ZERO_DONE',
  'TFLUSH_WRITE',
  'TFLUSH_WAIT',
  'START_AFTER',
  'SIZE',
  'FREE',
  'STOP',
  'DONE',
  // XFS callers: between stages of the caller's program (src/model/xfs/caller.ts), its
  // filemap_write_and_wait_range stages, the V4 lifted hole flush, and a reclaim that never
  // returns (kmalloc-reclaim=blocks).
  'XSTAGE',
  'XFLUSH_WRITE',
  'XFLUSH_WAIT',
  'XLIFT_WRITE',
  'XLIFT_WAIT',
  'XRECLAIM',
] as const;
export const ZP = Object.fromEntries(Z_PCS.map((n, i) => [n, i])) as { readonly [K in (typeof Z_PCS)[number]]: number };

/** Flusher program counter. */
/**
 * Flusher program counter: SCAN (at the cursor folio), LOCKED (holds the folio lock; sync mode
 * waits here for writeback in progress), HANDLE (iomap: holds the lock, maybe PG_writeback set,
 * waits for the allocation handle; buffer head: holds the handle, waits for the folio lock),
 * HANDLE_LOCKED (buffer head: holds both; sync mode waits here for writeback), DONE.
 */
export const F_PCS = ['SCAN', 'LOCKED', 'HANDLE', 'HANDLE_LOCKED', 'DONE'] as const;
export const FP = { SCAN: 0, LOCKED: 1, HANDLE: 2, HANDLE_LOCKED: 3, DONE: 4 } as const;

/** Barrier (EXT4_IOC_CHECKPOINT) program counter. */
export const B_PCS = ['START', 'WAIT_RSV', 'WAIT_UPDATES', 'FLUSH', 'DONE'] as const;
export const BP = { START: 0, WAIT_RSV: 1, WAIT_UPDATES: 2, FLUSH: 3, DONE: 4 } as const;

function specs(cfg: KernelConfig) {
  const nb = cfg.blocks;
  const nf = cfg.folios;
  return {
    // blocks
    map: oneOf(MAP_TYPES, nb),
    disk: oneOf(CONTENTS, nb),
    pc: oneOf(CONTENTS, nb),
    /** XFS reflink: COW-fork state and the COW block's contents (none/zero elsewhere). */
    cow: oneOf(COW_STATES, nb),
    cowDisk: oneOf(CONTENTS, nb),
    // folios
    cached: bool(nf),
    dirty: bool(nf),
    folioWriteback: bool(nf),
    lockedBy: oneOf(LOCKERS, nf),
    io: oneOf(IO_KINDS, nf),
    /** The io_end carries a reserved handle (buffer head, dioread_nolock). */
    ioReserved: bool(nf),
    /**
     * End block of the I/O in flight (i_size when it was submitted, within the folio): what
     * the completion converts and what it may raise i_disksize to, whatever i_size is later.
     */
    ioEnd: range(0, nb, nf),
    /** data=ordered range registered in the running transaction / in the committing one. */
    ordered: bool(nf),
    cOrdered: bool(nf),
    // file
    iSize: range(0, nb),
    iDiskSize: range(0, nb),
    // journal
    tx: oneOf(TX_STATES),
    tUpdates: range(0, 3),
    /** handleOf[i]: thread HANDLE_THREADS[i] (Z, F, W) holds a started handle on the running transaction. */
    handleOf: bool(3),
    /** The flusher's handle carries an attached reserved handle (h_rsv_handle). */
    fRsvAttached: bool(),
    commitsLeft: range(0, 2),
    commitKick: bool(),
    cPhase: oneOf(C_PHASES),
    cCursor: range(0, Math.max(0, nf - 1)),
    spaceShort: bool(),
    spaceUsed: bool(),
    /** j_barrier_count > 0: new normal handles wait (jbd2_journal_lock_updates). */
    barrier: bool(),
    bPc: oneOf(B_PCS),
    // zeroer
    zPc: oneOf(Z_PCS),
    zPos: range(0, nb),
    zMapType: oneOf(MAP_TYPES),
    zMapEnd: range(0, nb),
    /** Batch content: 0 = empty, i+1 = folio i (capacity 1, spec A.8). */
    zBatch: range(0, nf),
    /** V2: fbatch != NULL; V3+: IOMAP_F_FOLIO_BATCH. */
    zBatchFlag: bool(),
    zRangeDirty: bool(),
    /** The fill helper's kmalloc failed for the current mapping (V2/V2a, C.5). */
    zKmallocFailed: bool(),
    /** Folio cursor of the flush's writepages. */
    zFlushCursor: range(0, nf),
    /** ->iomap_begin calls so far (D7). */
    zIters: range(0, 15),
    /** The size change of the caller has happened (D5). */
    zSized: bool(),
    /** The zeroing has returned to the caller (D3 on XFS, whose callers go on in stages). */
    zZeroed: bool(),
    /** XFS: the zeroer holds the ILOCK (->iomap_begin between the lookup and the fill). */
    zIlock: bool(),
    /** XFS: the stage of the caller's program (src/model/xfs/caller.ts). */
    zStage: range(0, 7),
    // flusher
    fPc: oneOf(F_PCS),
    fCursor: range(0, nf),
    fPassesLeft: range(0, 2),
    // end-I/O worker
    wBusy: bool(),
    wFolio: range(0, Math.max(0, nf - 1)),
    /** FIFO order of the worker's queue: the folio whose completion was queued first. */
    wHead: range(0, Math.max(0, nf - 1)),
  };
}

export type KernelLayout = Layout<ReturnType<typeof specs>>;

export interface KernelCtx {
  readonly cfg: KernelConfig;
  readonly layout: KernelLayout;
  readonly f: KernelLayout['fields'];
}

export function makeCtx(cfg: KernelConfig): KernelCtx {
  const layout = defineLayout(specs(cfg));
  return { cfg, layout, f: layout.fields };
}

/** Index of a handle-holding thread in `handleOf`. */
export function handleSlot(thread: number): number {
  const i = (HANDLE_THREADS as readonly number[]).indexOf(thread);
  if (i < 0) throw new Error(`thread ${thread} never holds a journal handle`);
  return i;
}

/** Where the zeroer starts: truncate sets the size first; punch/zero range pre-zero; else the handle or the zeroing. */
export function zeroerEntry(cfg: KernelConfig): number {
  if (cfg.b.journal === 'xfs') return ZP.XSTAGE;
  if (cfg.caller.kind === 'truncate-down') return ZP.SETSIZE;
  if (cfg.preZero) return ZP.PREZERO;
  return afterPrezero(cfg);
}

/** Where the zeroer goes after the page-cache step: the handle first, or the zeroing first. */
export function afterPrezero(cfg: KernelConfig): number {
  if (cfg.sem.underHandle) return ZP.START;
  return zeroingEntry(cfg);
}

/** The first step of the zeroing itself: iomap_zero_range or the buffer-head zeroing. */
export function zeroingEntry(cfg: KernelConfig): number {
  if (cfg.caller.zeroEnd <= cfg.caller.zeroStart) return ZP.ZERO_DONE; // nothing to zero (an aligned EOF)
  return cfg.b.zeroPath === 'iomap' ? ZP.RANGE_DIRTY : ZP.BH_ZERO;
}

/** Sets up the initial state from the configuration. */
export function initState(ctx: KernelCtx, s: Uint32Array): void {
  const { cfg, f } = ctx;
  const init = cfg.init;
  for (let b = 0; b < cfg.blocks; b++) {
    f.map.set(s, init.map[b]!, b);
    f.cow.set(s, init.cow[b]!, b);
    f.disk.set(s, init.disk[b]!, b);
    f.pc.set(s, init.pc[b]!, b);
  }
  for (let i = 0; i < cfg.folios; i++) {
    f.cached.set(s, init.cached[i]!, i);
    f.dirty.set(s, init.dirty[i]!, i);
  }
  f.iSize.set(s, init.iSize);
  f.iDiskSize.set(s, init.iDiskSize);
  f.commitsLeft.set(s, cfg.actors.commits);
  f.bPc.set(s, cfg.actors.barrier ? 0 : 4);
  f.zPc.set(s, zeroerEntry(cfg));
  f.zPos.set(s, cfg.caller.zeroStart);
  const withFlusher = cfg.actors.flusher !== 'none';
  f.fPc.set(s, withFlusher ? FP.SCAN : FP.DONE);
  f.fCursor.set(s, cfg.actors.flusherFirst ?? 0);
  f.fPassesLeft.set(s, withFlusher ? (cfg.actors.flusherPasses ?? 1) : 0);
}

/** Field type re-exported for helpers. */
export type { Field };
