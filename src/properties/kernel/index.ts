/**
 * The kernel properties (spec D) and their mechanisms: descriptions for the matrix and `list`,
 * and the factories that build each property's Invariant over a kernel system's state.
 *
 * Mechanism properties (`D2:C6-batch-folio`, `D1:C3-hole-flush`, ...) are invariants that fail
 * exactly in the states where that mechanism breaks D2 or D1, so a breadth-first check gives,
 * per mechanism, an exhaustive verdict and its own shortest trace: a cell says which
 * mechanisms occur, not only that a deadlock does.
 */
import type { Invariant } from '../../explorer/model.ts';
import type { KernelSystem } from '../../model/build.ts';
import type { KernelCtx } from '../../model/state.ts';
import { extendsSize } from '../../model/threads/zeroerTail.ts';
import { d1, d1Literal, d1Next, waitUnderHandle } from './d1.ts';
import { d3 } from './d3.ts';
import { d4 } from './d4.ts';
import { d5 } from './d5.ts';
import { d6 } from './d6.ts';
import { d7 } from './d7.ts';
import { d8 } from './d8.ts';
import { d9 } from './d9.ts';
import { classifyDeadlock, classifyWait, edgesAt, MECHANISMS } from './mechanisms.ts';

export interface KernelPropertyInfo {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly cite: string;
}

export const KERNEL_PROPERTIES: readonly KernelPropertyInfo[] = [
  { id: 'D1', name: 'NoWaitUnderHandle', description: 'no task holding a journal handle waits on PG_writeback (any path, any holder)', cite: 'spec D1' },
  { id: 'D1-literal', name: 'NoFlushUnderHandle', description: 'no iomap_zero_iter_flush_and_stale while a handle is held', cite: 'spec D1 (weaker, literal variant)' },
  { id: 'D1-next', name: 'NoZeroRangeUnderHandle', description: 'iomap_zero_range never entered under a handle (-next v2 WARN); iomap profiles only', cite: 'spec D1; S13 17/22' },
  { id: 'D2', name: 'DeadlockFreedom', description: "the explorer's built-in 'deadlock': a terminal state where some thread has not finished", cite: 'spec D2' },
  { id: 'D3', name: 'ZeroReadsBack', description: 'after the zeroing returns, the range reads zero', cite: 'spec D3' },
  { id: 'D4', name: 'ZeroPersists', description: 'after all writeback the zeroed range persists as zero (end check)', cite: 'spec D4' },
  { id: 'D5', name: 'NoPostEOFExposure', description: 'after a size extension the exposed blocks read zero (callers that extend)', cite: 'spec D5' },
  { id: 'D6', name: 'BatchMappingConsistency', description: 'a block the batch leaves out is still UNWRITTEN or holds zero', cite: 'spec D6' },
  { id: 'D7', name: 'Termination', description: 'iomap_zero_range makes progress and terminates', cite: 'spec D7' },
  { id: 'D8', name: 'LockOrder', description: 'no handle holder waits for a folio lock held by writeback at its handle start (C.6); XFS: no blocking folio lock under the ILOCK', cite: 'spec D8' },
  { id: 'D9', name: 'NoWrittenPostEOF', description: 'at the end no data-fork block at or past i_size is WRITTEN (generic/363, end check)', cite: 'research XFS 5 (M1, M4 4/8)' },
];

/** Handle-based forms of D1 (jbd2 profiles): XFS holds no journal handle. */
const handleForms = (ctx: KernelCtx): boolean => ctx.cfg.b.journal === 'jbd2';
/** D3 and D4 read the zeroed range at the end; insert range shifts it away, so they do not apply there. */
const rangeStays = (ctx: KernelCtx): boolean => ctx.cfg.caller.kind !== 'insert-range';

/** Properties a kernel model checks (its invariants, end checks and `deadlock`), by id as the matrix names them. */
export function applicableProperties(ctx: KernelCtx): string[] {
  const ids = ['D1', ...(handleForms(ctx) ? ['D1-literal'] : []), ...(handleForms(ctx) && ctx.cfg.b.zeroPath === 'iomap' ? ['D1-next'] : []), 'D2'];
  if (rangeStays(ctx)) ids.push('D3', 'D4');
  ids.push('D6', 'D7', 'D8', 'D9');
  if (extendsSize(ctx.cfg)) ids.push('D5');
  return ids;
}

/** Invariants (state properties) of a kernel model. */
export function kernelInvariants(ctx: KernelCtx): Invariant[] {
  const inv = [d1(ctx)];
  if (handleForms(ctx)) inv.push(d1Literal(ctx));
  if (handleForms(ctx) && ctx.cfg.b.zeroPath === 'iomap') inv.push(d1Next(ctx));
  if (rangeStays(ctx)) inv.push(d3(ctx));
  inv.push(d6(ctx), d7(ctx), d8(ctx));
  if (extendsSize(ctx.cfg)) inv.push(d5(ctx));
  return inv;
}

/** End checks (valid terminal states only). */
export function kernelEndChecks(ctx: KernelCtx): Invariant[] {
  return [...(rangeStays(ctx) ? [d4(ctx)] : []), d9(ctx)];
}

/** The mechanisms that can break D2, and those that can break D1, as property name suffixes. */
export const DEADLOCK_MECHANISMS = MECHANISMS.filter((m) => m.properties.includes('D2')).map((m) => m.id);
export const WAIT_MECHANISMS = MECHANISMS.filter((m) => m.properties.includes('D1')).map((m) => m.id);

/**
 * One invariant per mechanism: `D2:<id>` fails in a deadlocked state (no action enabled, not a
 * valid end) whose cycle is that mechanism; `D1:<id>` in a state where a handle holder waits
 * on PG_writeback by that route. The classification of a state is computed once and shared.
 */
export function mechanismInvariants(sys: KernelSystem): Invariant[] {
  const { ctx, rules, isValidEnd, waitsFor, threads } = sys;
  const words = ctx.layout.words;
  const memo = new Uint32Array(words);
  let memoValid = false;
  let deadlockClass = '';
  let waitClass = '';
  const classify = (s: Uint32Array): void => {
    if (memoValid) {
      let same = true;
      for (let w = 0; w < words; w++) if (memo[w] !== s[w]) same = false;
      if (same) return;
    }
    for (let w = 0; w < words; w++) memo[w] = s[w]!;
    memoValid = true;
    let stuck = true;
    for (let r = 0; r < rules.length && stuck; r++) if (rules[r]!.guard(s)) stuck = false;
    deadlockClass = stuck && !isValidEnd(s) ? classifyDeadlock(ctx, edgesAt(threads.length, waitsFor, s), s) : '';
    waitClass = waitUnderHandle(ctx, s) !== undefined ? classifyWait(ctx, s) : '';
  };
  return [
    ...DEADLOCK_MECHANISMS.map((id) => ({
      name: `D2:${id}`,
      description: `no deadlock by mechanism ${id}`,
      holds: (s: Uint32Array) => {
        classify(s);
        return deadlockClass !== id;
      },
    })),
    ...WAIT_MECHANISMS.map((id) => ({
      name: `D1:${id}`,
      description: `no wait on PG_writeback under a handle by mechanism ${id}`,
      holds: (s: Uint32Array) => {
        classify(s);
        return waitClass !== id;
      },
    })),
  ];
}

export { d1, d1Literal, d1Next, d3, d4, d5, d6, d7, d8, d9 };
export { MECHANISMS, classifyDeadlock, classifyWait, classifyData, mechanismInfo } from './mechanisms.ts';
export type { MechanismInfo } from './mechanisms.ts';

/**
 * Why a kernel property is not checked by a model, or undefined when the property is not a
 * kernel property or does apply: `--property D5` on a punch is explained, not "unknown".
 */
export function notApplicableReason(ctx: KernelCtx, property: string): string | undefined {
  if (property === 'D5' && !extendsSize(ctx.cfg)) {
    return `property D5 (NoPostEOFExposure) does not apply to ${ctx.cfg.scenario}: it needs a caller that extends the file (truncate up, zero range past EOF)`;
  }
  if ((property === 'D1-next' || property === 'D1-literal') && ctx.cfg.b.journal === 'xfs') {
    return `property ${property} does not apply to profile xfs: XFS holds no journal handle (D1 there is: no wait on writeback under the ILOCK)`;
  }
  if ((property === 'D3' || property === 'D4') && ctx.cfg.caller.kind === 'insert-range') {
    return `property ${property} does not apply to ${ctx.cfg.scenario}: insert range shifts the zeroed range away (D9 is its property)`;
  }
  if (property === 'D1-next' && ctx.cfg.b.zeroPath !== 'iomap') {
    return `property D1-next (NoZeroRangeUnderHandle) does not apply to profile ${ctx.cfg.profile.profile.id}: it never calls iomap_zero_range`;
  }
  return undefined;
}
