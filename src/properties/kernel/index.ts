/**
 * The kernel properties (spec D): descriptions for the matrix, and the factories that build
 * each property's Invariant over a kernel model's state.
 */
import type { Invariant } from '../../explorer/model.ts';
import type { KernelCtx } from '../../model/state.ts';
import { d1, d1Literal, d1Next } from './d1.ts';
import { d3 } from './d3.ts';
import { d4 } from './d4.ts';
import { d5 } from './d5.ts';
import { d6 } from './d6.ts';
import { d7 } from './d7.ts';
import { d8 } from './d8.ts';

export interface KernelPropertyInfo {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly cite: string;
}

export const KERNEL_PROPERTIES: readonly KernelPropertyInfo[] = [
  { id: 'D1', name: 'NoWaitUnderHandle', description: 'no task holding a journal handle waits on PG_writeback (any path)', cite: 'spec D1' },
  { id: 'D1-literal', name: 'NoFlushUnderHandle', description: 'no iomap_zero_iter_flush_and_stale while a handle is held', cite: 'spec D1 (weaker, literal variant)' },
  { id: 'D1-next', name: 'NoZeroRangeUnderHandle', description: 'iomap_zero_range never entered under a handle (-next v2 WARN)', cite: 'spec D1; S13 17/22' },
  { id: 'D2', name: 'DeadlockFreedom', description: "the explorer's built-in 'deadlock': a terminal state where some thread has not finished", cite: 'spec D2' },
  { id: 'D3', name: 'ZeroReadsBack', description: 'after iomap_zero_range returns, the range reads zero', cite: 'spec D3' },
  { id: 'D4', name: 'ZeroPersists', description: 'after all writeback the zeroed range persists as zero (end check)', cite: 'spec D4' },
  { id: 'D5', name: 'NoPostEOFExposure', description: 'after a size extension the exposed blocks read zero (EOF scenario)', cite: 'spec D5' },
  { id: 'D6', name: 'BatchMappingConsistency', description: 'a block the batch leaves out is still UNWRITTEN or holds zero', cite: 'spec D6' },
  { id: 'D7', name: 'Termination', description: 'iomap_zero_range makes progress and terminates', cite: 'spec D7' },
  { id: 'D8', name: 'LockOrder', description: 'folio lock vs handle start order (C.6)', cite: 'spec D8' },
];

/** Invariants (state properties) of a kernel model. D5 only where a size extension exists. */
export function kernelInvariants(ctx: KernelCtx): Invariant[] {
  const inv = [d1(ctx), d1Literal(ctx), d1Next(ctx), d3(ctx), d6(ctx), d7(ctx), d8(ctx)];
  if (ctx.cfg.newSize > 0) inv.push(d5(ctx));
  return inv;
}

/** End checks (valid terminal states only). */
export function kernelEndChecks(ctx: KernelCtx): Invariant[] {
  return [d4(ctx)];
}

export { d1, d1Literal, d1Next, d3, d4, d5, d6, d7, d8 };
