/**
 * The whole scenario x version matrix under default assumptions: every model builds, every
 * action names its kernel function and spec section, and everything checks quickly (the lead's
 * budget is one minute for all of it on 2 cores; these models are tens to hundreds of states).
 */
import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS, buildKernelModel, SCENARIOS, VERSIONS } from '../../src/model/index.ts';
import { runScenario } from './run.ts';

describe('scenario x version matrix', () => {
  it('every action of every model has a kernel function and a spec section named in its name', () => {
    for (const s of SCENARIOS) {
      for (const v of VERSIONS) {
        for (const a of ASSUMPTIONS) {
          for (const value of a.values) {
            const b = buildKernelModel({ scenario: s.id, variant: v.id, assumptions: { [a.id]: value } });
            expect(b.ok).toBe(true);
            if (!b.ok) continue;
            for (const act of b.model.actions) {
              expect(act.kernelFunction, act.name).toMatch(/^[a-z_0-9]+$/);
              expect(act.specSection, act.name).toMatch(/^[A-D]\.?\d*$/);
              expect(act.name.startsWith(b.model.threads[act.thread]!.name + ' '), act.name).toBe(true);
              expect(act.name.endsWith(`[${act.specSection}]`), act.name).toBe(true);
            }
          }
        }
      }
    }
  });

  it('all scenarios x versions check exhaustively, small and fast', () => {
    const t0 = performance.now();
    for (const s of SCENARIOS) {
      for (const v of VERSIONS) {
        const r = runScenario(s.id, v.id);
        expect(r.states, `${s.id}/${v.id}`).toBeLessThan(20_000);
        expect(r.model.name).toBe(`kernel:${s.id}/${v.id}`);
        expect(r.model.params).toMatchObject({ scenario: s.id, variant: v.id });
        for (const a of ASSUMPTIONS) expect(r.model.params![a.id]).toBe(a.default);
        // D7 (termination) holds everywhere: the sticky range_dirty bounds the re-lookups.
        expect(r.verdict.D7, `${s.id}/${v.id}`).toBe('holds');
      }
    }
    expect(performance.now() - t0).toBeLessThan(30_000);
  });
});
