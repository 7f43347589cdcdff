/**
 * A fake matrix catalogue (the shape of src/kernel/catalog.ts) over the fake C.1 model of
 * test/report/fakeKernel.ts: one profile `fake` with versions V1c (zeroing under the handle)
 * and ext4-outside, a counterfactual version V0 (runs only when asked), scenarios C1 and C6
 * (C6 is refused, to exercise not-applicable cells), one assumption (conversion-handle) that
 * removes the deadlock, and three expectation rules: one met, one contradicted, one absent-rule.
 */
import type { Catalog } from '../../src/matrix/catalog.ts';
import { fakeC1 } from '../report/fakeKernel.ts';

export const catalog: Catalog = {
  profiles: [
    {
      id: 'fake',
      title: 'a fake kernel',
      cite: 'test',
      versions: [
        { id: 'V1c', title: 'under the handle', description: 'Z zeroes under its handle', cite: 'spec B.4' },
        { id: 'ext4-outside', title: 'outside the handle', description: 'Z holds no handle', cite: 'spec B.9' },
      ],
      counterfactualVersions: [{ id: 'V0', why: 'no kernel ships V0 with this fake' }],
      assumptions: [{ id: 'conversion-handle', values: ['normal', 'reserved'], default: 'normal', description: 'conversion handle', cite: 'spec C.2' }],
    },
  ],
  scenarios: [
    { id: 'C1', title: 'core cycle', description: 'C.1 with three threads', cite: 'spec C.1' },
    { id: 'C6', title: 'not in the fake', description: 'refused', cite: 'spec C.6' },
  ],
  properties: [
    { id: 'D1', name: 'NoWaitUnderHandle', description: 'no PG_writeback wait under a handle', cite: 'spec D1' },
    { id: 'D2', name: 'DeadlockFreedom', description: 'no deadlock', cite: 'spec D2' },
    { id: 'D3', name: 'ZeroReadsBack', description: 'always true in the fake', cite: 'spec D3' },
    { id: 'D5', name: 'NoPostEOFExposure', description: 'not checked by the fake', cite: 'spec D5' },
  ],
  mechanisms: [{ id: 'C1-no-batch', title: 'flush under the handle', properties: ['D1', 'D2'], cite: 'spec C.1' }],
  expectations: [
    { id: 'F1', profiles: ['fake'], versions: ['V1c'], targets: ['D2:C1-no-batch'], expect: 'present', witnessIn: ['C1'], basis: 'stated', cite: 'spec C.1' },
    { id: 'F2', profiles: ['fake'], versions: ['V1c'], targets: ['D2'], when: { 'conversion-handle': 'reserved' }, expect: 'present', basis: 'stated', cite: 'contradicted on purpose: C.2 says reserved handles break the cycle' },
    { id: 'F3', profiles: ['fake'], versions: ['ext4-outside'], targets: ['D1', 'D2'], expect: 'absent', basis: 'stated', cite: 'spec D2: zeroing outside the handle' },
  ],
  aliases: { D2: 'deadlock' },
  kernel: false,
  build(key) {
    if (key.scenario === 'C6') return { ok: false, error: 'scenario C6 is not part of the fake catalogue' };
    const reserved = key.assumptions['conversion-handle'] === 'reserved';
    const model = fakeC1({ reserved, outside: key.variant === 'ext4-outside' });
    return {
      ok: true,
      model,
      classify: (p) => (p === 'D1' || p === 'D2' || p === 'deadlock' ? 'C1-no-batch' : undefined),
      ...(key.variant === 'V0' ? { counterfactual: ['V0: no kernel ships V0 with this fake'] } : {}),
    };
  },
};
