/**
 * A fake model catalogue with the same exports as src/model/index.ts, over the fake C.1 model:
 * versions V1c (zeroing under the handle) and ext4-outside, scenarios C1 and C6 (C6 is refused,
 * to exercise not-applicable cells), one assumption (conversion-handle) that changes D2 in C1.
 */
import type { Model } from '../../src/explorer/model.ts';
import { fakeC1 } from './fakeKernel.ts';

export const VERSIONS = [
  { id: 'V1c', title: 'under the handle', description: 'Z zeroes under its handle', cite: 'spec B.4' },
  { id: 'ext4-outside', title: 'outside the handle', description: 'Z holds no handle', cite: 'spec B.9' },
] as const;

export const SCENARIOS = [
  { id: 'C1', title: 'core cycle', story: 'C.1 with three threads', cite: 'spec C.1' },
  { id: 'C6', title: 'not in the fake', story: 'refused', cite: 'spec C.6' },
] as const;

export const ASSUMPTIONS = [
  { id: 'conversion-handle', values: ['normal', 'reserved'], default: 'normal', description: 'conversion handle', cite: 'spec C.2' },
] as const;

export const KERNEL_PROPERTIES = [
  { id: 'D1', name: 'NoWaitUnderHandle', description: 'no PG_writeback wait under a handle', cite: 'spec D1' },
  { id: 'D2', name: 'DeadlockFreedom', description: 'no deadlock', cite: 'spec D2' },
  { id: 'D3', name: 'ZeroReadsBack', description: 'always true in the fake', cite: 'spec D3' },
  { id: 'D5', name: 'NoPostEOFExposure', description: 'not checked by the fake', cite: 'spec D5' },
] as const;

export function buildKernelModel(req: {
  scenario: string;
  variant: string;
  assumptions?: Record<string, string>;
}): { ok: true; model: Model } | { ok: false; error: string } {
  if (req.scenario === 'C6') return { ok: false, error: 'scenario C6 is not part of the fake catalogue' };
  const reserved = req.assumptions?.['conversion-handle'] === 'reserved';
  return { ok: true, model: fakeC1({ reserved, outside: req.variant === 'ext4-outside' }) };
}
