// The public entry re-exports what a user needs, and nothing undefined slips through.
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.ts';

describe('public API (src/index.ts)', () => {
  it('every named export is defined', () => {
    for (const [name, value] of Object.entries(api)) expect(value, name).toBeDefined();
  });

  it('has what a model author, a kernel user and a tool builder need', () => {
    for (const name of [
      'defineLayout', 'bool', 'range', 'oneOf', 'defineModel', 'ruleset', 'check', 'replayActions', 'traceText',
      'buildKernelModel', 'PROFILES', 'resolveProfile', 'SCENARIOS', 'KERNEL_PROPERTIES', 'MECHANISMS', 'EXPECTATION_RULES', 'KERNEL_CATALOG', 'generateLayouts', 'describeLayout', 'sweepLayouts', 'runMatrix',
      'analyzeWaits', 'renderWaitFor', 'minimizeViolation', 'fuzzModel', 'scheduleArbitrary', 'toItf', 'replayItf', 'exportCounterexample',
    ]) expect(api, name).toHaveProperty(name);
  });
});
