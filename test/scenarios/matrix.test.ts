/**
 * Every profile x version x scenario under every assumption value: every model builds, every
 * action names its kernel function and spec section, every default model checks exhaustively
 * and small, and each kernel's traces speak its own vocabulary.
 */
import { describe, expect, it } from 'vitest';
import { buildKernelModel } from '../../src/kernel/build.ts';
import { PROFILES, scenariosFor } from '../../src/model/index.ts';
import { runScenario } from './run.ts';

describe('profile x scenario x version matrix', () => {
  it('every action of every model has a kernel function and a spec section named in its name', () => {
    for (const p of PROFILES) {
      for (const s of scenariosFor(p)) {
        for (const v of p.versions) {
          for (const a of p.assumptions) {
            for (const value of a.values) {
              const b = buildKernelModel({ profile: p.id, scenario: s.id, variant: v.id, assumptions: { [a.id]: value } });
              expect(b.ok, `${p.id}/${s.id}/${v.id} ${a.id}=${value}`).toBe(true);
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
    }
  });

  it('all profiles x scenarios x versions check exhaustively and small; D7 holds everywhere', () => {
    for (const p of PROFILES) {
      for (const s of scenariosFor(p)) {
        for (const v of p.versions) {
          const r = runScenario(s.id, v.id, {}, p.id);
          const where = `${p.id}/${s.id}/${v.id}`;
          expect(r.states, where).toBeLessThan(20_000);
          expect(r.model.name, where).toBe(`kernel:${p.id}/${s.id}/${v.id}`);
          expect(r.model.params, where).toMatchObject({ profile: p.id, scenario: s.id, variant: v.id });
          for (const a of p.assumptions) expect(r.model.params![a.id], where).toBe(a.default);
          // D7 (termination) holds everywhere: the sticky range_dirty bounds the re-lookups.
          expect(r.verdict.D7, where).toBe('holds');
        }
      }
    }
  });

  it('buffer-head ext4 never deadlocks in any built-in scenario (reserved conversion handles, handle -> folio order)', () => {
    for (const s of scenariosFor(PROFILES.find((p) => p.id === 'ext4-bh')!)) for (const v of ['bh-v7.0', 'bh-v7.1']) expect(runScenario(s.id, v, {}, 'ext4-bh').verdict.deadlock, `${s.id}/${v}`).toBe('holds');
  });
});
