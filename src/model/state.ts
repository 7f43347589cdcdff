/**
 * The packed state of the kernel model (spec A.8): blocks, folios, journal, and one program
 * counter per thread. `KernelCtx` bundles the layout fields with the static geometry so the
 * step functions and the properties read the same names.
 */
import { bool, defineLayout, oneOf, range, type Field, type Layout } from '../explorer/layout.ts';
import { CONTENTS, MAP_TYPES, type KernelConfig } from './types.ts';

/** Threads, by index in `Model.threads`. */
export const Z = 0;
export const F = 1;
export const W = 2;
export const C = 3;
export const THREAD_NAMES = ['Z', 'F', 'W', 'C'] as const;

/** Transaction state of the running transaction (spec A.4; T_FLUSH onwards = no running tx). */
export const TX_STATES = ['NONE', 'T_RUNNING', 'T_LOCKED', 'T_SWITCH'] as const;
export const TX_NONE = 0;
export const T_RUNNING = 1;
export const T_LOCKED = 2;
export const T_SWITCH = 3;

/** Zeroer program counter (spec B.4/B.9). */
export const Z_PCS = [
  'PREZERO',
  'START',
  'RANGE_DIRTY',
  'BEGIN',
  'FILL',
  'ITER',
  'PC_ZERO',
  'FLUSH_WRITE',
  'FLUSH_WAIT',
  'STOP',
  'SIZE',
  'DONE',
] as const;
export const ZP = Object.fromEntries(Z_PCS.map((n, i) => [n, i])) as { readonly [K in (typeof Z_PCS)[number]]: number };

/** Flusher program counter. */
export const F_PCS = ['SCAN', 'LOCKED', 'HANDLE', 'DONE'] as const;
export const FP = { SCAN: 0, LOCKED: 1, HANDLE: 2, DONE: 3 } as const;

function specs(cfg: KernelConfig) {
  const nb = cfg.blocks;
  const nf = cfg.folios;
  return {
    // blocks
    map: oneOf(MAP_TYPES, nb),
    disk: oneOf(CONTENTS, nb),
    pc: oneOf(CONTENTS, nb),
    // folios
    cached: bool(nf),
    dirty: bool(nf),
    folioWriteback: bool(nf),
    /** Folio locked by the flusher (the only thread holding a folio lock across steps). */
    lockedByF: bool(nf),
    /** Writeback submitted with UNWRITTEN blocks: conversion pending in the end-I/O worker. */
    ioConvert: bool(nf),
    /** The io_end carries a reserved handle. */
    ioReserved: bool(nf),
    iSize: range(0, nb),
    // journal
    tx: oneOf(TX_STATES),
    tUpdates: range(0, 3),
    /** handleOf[t]: thread t (Z, F, W) holds a started handle on the running transaction. */
    handleOf: bool(3),
    /** The flusher's handle carries an attached reserved handle (h_rsv_handle). */
    fRsvAttached: bool(),
    commitsLeft: range(0, 2),
    commitKick: bool(),
    spaceShort: bool(),
    spaceUsed: bool(),
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
    /** Folio cursor of the flush's writepages. */
    zFlushCursor: range(0, nf),
    /** ->iomap_begin calls so far (D7). */
    zIters: range(0, 15),
    zSized: bool(),
    // flusher
    fPc: oneOf(F_PCS),
    fCursor: range(0, nf),
    fPassesLeft: range(0, 2),
    // end-I/O worker
    wBusy: bool(),
    wFolio: range(0, Math.max(0, nf - 1)),
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

/** Sets up the initial state from the configuration. */
export function initState(ctx: KernelCtx, s: Uint32Array): void {
  const { cfg, f } = ctx;
  for (let b = 0; b < cfg.blocks; b++) {
    f.map.set(s, cfg.initMap[b]!, b);
    f.disk.set(s, cfg.initDisk[b]!, b);
    f.pc.set(s, cfg.initPc[b]!, b);
  }
  for (let i = 0; i < cfg.folios; i++) {
    f.cached.set(s, cfg.initFolio[i] !== 'absent', i);
    f.dirty.set(s, cfg.initFolio[i] === 'dirty', i);
  }
  f.iSize.set(s, cfg.iSize);
  f.commitsLeft.set(s, cfg.withCommit ? cfg.commits : 0);
  f.zPc.set(s, cfg.preZero ? ZP.PREZERO : cfg.underHandle ? ZP.START : ZP.RANGE_DIRTY);
  f.zPos.set(s, cfg.zeroStart);
  f.fPc.set(s, cfg.withFlusher ? FP.SCAN : FP.DONE);
  f.fCursor.set(s, cfg.flusherFirst);
  f.fPassesLeft.set(s, cfg.withFlusher ? cfg.flusherPasses : 0);
}

/** Field type re-exported for helpers. */
export type { Field };
