/**
 * What each scenario of spec section C starts from and who runs in it: the folios, the setup
 * program that leaves the file in the scenario's state (src/model/setup), the zeroing caller,
 * and the other threads. scenarios.ts holds the stories and which kernels run them.
 */
import type { SetupOp } from './setup/ops.ts';
import type { ActorSpec, CallerSpec } from './types.ts';

export type ScenarioId = 'C1' | 'C1-EOF' | 'C3' | 'C4' | 'C5' | 'C6' | 'MIXED' | 'EOF' | 'ISIZE' | 'SYNC' | 'BARRIER' | 'TRUNC' | 'X-COW' | 'X-EOF' | 'X-C4';

export interface ScenarioSetup {
  /** Blocks per folio, in file order. */
  readonly folioBlocks: readonly number[];
  /** Blocks before which an extent boundary lies (beyond mapping-type changes). */
  readonly extentBreaks?: readonly number[];
  readonly program: readonly SetupOp[];
  readonly caller: CallerSpec;
  readonly actors: ActorSpec;
  /** Only these kernels run it (a story about one filesystem); default: every kernel whose callers include its caller. */
  readonly only?: readonly string[];
}

/** XFS: no commit thread, no barrier (their rules are not built; these keep the state quiet). */
const XFS_ACTORS: ActorSpec = { flusher: 'none', commits: 0, barrier: false, kmallocMayFail: false };

const WC: ActorSpec = { flusher: 'none', commits: 2, barrier: false, kmallocMayFail: false };

const C1_PROGRAM: readonly SetupOp[] = [
  { op: 'fallocate', from: 0, to: 2, keepSize: false },
  { op: 'write', from: 0, to: 2 },
];

const SETUPS: Readonly<Record<ScenarioId, ScenarioSetup>> = {
  C1: { folioBlocks: [2], program: C1_PROGRAM, caller: { kind: 'punch', zeroStart: 0, zeroEnd: 1 }, actors: WC },
  C3: {
    folioBlocks: [4],
    program: [
      { op: 'fallocate', from: 0, to: 4, keepSize: false },
      { op: 'write', from: 0, to: 4 },
      { op: 'punch', from: 0, to: 2 },
    ],
    caller: { kind: 'punch', zeroStart: 0, zeroEnd: 1 },
    actors: WC,
  },
  C4: {
    // Two 2-block folios, one UNWRITTEN extent each; the zero range [1, 3) covers part of each
    // folio. Why not two whole folios: truncate_pagecache_range removes every folio wholly inside
    // its range and zeroes only the partial ones in place, so with whole folios nothing would be
    // left in the page cache for sync_file_range to write back.
    folioBlocks: [2, 2],
    extentBreaks: [2],
    program: [
      { op: 'fallocate', from: 0, to: 2, keepSize: false },
      { op: 'fallocate', from: 2, to: 4, keepSize: false },
      { op: 'write', from: 0, to: 4 },
    ],
    caller: { kind: 'zero-range', zeroStart: 1, zeroEnd: 3 },
    actors: { ...WC, flusher: 'background', flusherFirst: 0, flusherLast: 0, flusherPasses: 1 },
  },
  'C1-EOF': {
    folioBlocks: [2],
    program: [
      { op: 'fallocate', from: 0, to: 2, keepSize: true },
      { op: 'write', from: 0, to: 1 },
    ],
    caller: { kind: 'zero-range', zeroStart: 1, zeroEnd: 2 },
    actors: WC,
  },
  C5: { folioBlocks: [2], program: C1_PROGRAM, caller: { kind: 'punch', zeroStart: 0, zeroEnd: 1 }, actors: { ...WC, kmallocMayFail: true } },
  C6: {
    folioBlocks: [2],
    program: [{ op: 'write', from: 0, to: 2 }],
    caller: { kind: 'punch', zeroStart: 0, zeroEnd: 1 },
    actors: { ...WC, flusher: 'background', flusherFirst: 0, flusherLast: 0, flusherPasses: 1 },
  },
  MIXED: {
    folioBlocks: [2],
    program: [
      { op: 'fallocate', from: 0, to: 1, keepSize: false },
      { op: 'write', from: 0, to: 2 },
    ],
    caller: { kind: 'punch', zeroStart: 0, zeroEnd: 1 },
    actors: { ...WC, flusher: 'background', flusherFirst: 0, flusherLast: 0, flusherPasses: 1 },
  },
  EOF: {
    folioBlocks: [2],
    program: [{ op: 'write', from: 0, to: 1 }, { op: 'writeback' }, { op: 'mmap-past-eof' }],
    caller: { kind: 'truncate-up', zeroStart: 1, zeroEnd: 2, newSize: 2 },
    actors: { ...WC, flusher: 'background', flusherFirst: 0, flusherLast: 0, flusherPasses: 1 },
  },
  ISIZE: {
    folioBlocks: [2],
    program: [{ op: 'write', from: 0, to: 1 }],
    caller: { kind: 'truncate-up', zeroStart: 1, zeroEnd: 2, newSize: 2 },
    actors: { ...WC, flusher: 'background', flusherFirst: 0, flusherLast: 0, flusherPasses: 1 },
  },
  SYNC: {
    folioBlocks: [2],
    program: C1_PROGRAM,
    caller: { kind: 'punch', zeroStart: 0, zeroEnd: 1 },
    actors: { ...WC, flusher: 'sync', flusherFirst: 0, flusherLast: 0, flusherPasses: 2 },
  },
  BARRIER: { folioBlocks: [2], program: C1_PROGRAM, caller: { kind: 'punch', zeroStart: 0, zeroEnd: 1 }, actors: { ...WC, commits: 1, barrier: true } },
  'X-COW': {
    only: ['xfs'],
    folioBlocks: [2],
    program: [
      { op: 'cow-prealloc', from: 0, to: 2 },
      { op: 'write', from: 0, to: 2 },
    ],
    caller: { kind: 'truncate-down', zeroStart: 0, zeroEnd: 1, newSize: 1 },
    actors: { ...XFS_ACTORS, flusher: 'background', flusherFirst: 0, flusherLast: 0, flusherPasses: 1 },
  },
  'X-EOF': {
    only: ['xfs'],
    folioBlocks: [2, 1],
    program: [
      { op: 'write', from: 0, to: 1 },
      { op: 'cow-prealloc', from: 1, to: 3 },
      { op: 'mmap-past-eof' },
    ],
    caller: { kind: 'insert-range', zeroStart: 1, zeroEnd: 2, newSize: 2, insertAt: 0 },
    actors: XFS_ACTORS,
  },
  'X-C4': {
    only: ['xfs'],
    folioBlocks: [2],
    program: [
      { op: 'fallocate', from: 0, to: 2, keepSize: false },
      { op: 'write', from: 0, to: 2 },
    ],
    caller: { kind: 'truncate-down', zeroStart: 0, zeroEnd: 1, newSize: 1 },
    actors: { ...XFS_ACTORS, flusher: 'background', flusherFirst: 0, flusherLast: 0, flusherPasses: 1 },
  },
  TRUNC: {
    folioBlocks: [2],
    program: [{ op: 'write', from: 0, to: 2 }, { op: 'writeback' }, { op: 'write', from: 0, to: 2 }],
    caller: { kind: 'truncate-down', zeroStart: 0, zeroEnd: 1, newSize: 1 },
    actors: { ...WC, flusher: 'background', flusherFirst: 0, flusherLast: 0, flusherPasses: 1 },
  },
};

export function scenarioSetup(id: ScenarioId): ScenarioSetup {
  return SETUPS[id];
}
