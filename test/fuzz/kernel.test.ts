/**
 * Property suites over the kernel model: for every version of every profile, random schedules
 * of every scenario (default assumptions) may only find violations the exhaustive check also reports,
 * fuzzing finds each of those, and a fast-check failure shrinks and is handed to the
 * minimiser. Bounded to a few seconds: the kernel scenarios are small.
 */
import { describe, expect } from 'vitest';
import { test, fc } from '@fast-check/vitest';
import { loadKernelModel } from '../../src/cli/loadModule.ts';
import { check } from '../../src/explorer/check.ts';
import type { Model } from '../../src/explorer/model.ts';
import { fuzzModel } from '../../src/fuzz/runner.ts';
import { walkSchedule } from '../../src/fuzz/walk.ts';
import { PROFILES, scenariosFor } from '../../src/model/index.ts';
import { metricsOf } from '../../src/minimize/metrics.ts';
import { oneMinimalityProblem } from '../../src/minimize/oneMinimal.ts';
import { runCandidate } from '../../src/minimize/replay.ts';
import { violationPredicate } from '../../src/minimize/target.ts';
import { itfText, toItf } from '../../src/report/itf.ts';
import { parseItf } from '../../src/report/itfParse.ts';
import { replayItf } from '../../src/report/itfReplay.ts';

interface Cell {
  readonly scenario: string;
  readonly model: Model;
  /** Properties the exhaustive check finds violated. */
  readonly violated: ReadonlySet<string>;
}

async function cellsOf(profile: string, variant: string): Promise<Cell[]> {
  const out: Cell[] = [];
  for (const scenario of scenariosFor(PROFILES.find((p) => p.id === profile)!).map((s) => s.id)) {
    const loaded = await loadKernelModel({ kind: 'kernel', profile, scenario, variant, assumptions: {} });
    if (!loaded.ok) throw new Error(loaded.error);
    const o = check(loaded.model, { stopAtFirst: false });
    if (o.verdict === 'error' || o.verdict === 'incomplete') throw new Error(`${profile}/${scenario}/${variant}: exhaustive oracle failed`);
    out.push({ scenario, model: loaded.model, violated: new Set(o.verdict === 'holds' ? [] : o.violations.map((v) => v.property)) });
  }
  return out;
}

const schedule = fc.array(fc.nat({ max: 63 }), { maxLength: 40 });

for (const { profile, variant } of PROFILES.flatMap((p) => p.versions.map((v) => ({ profile: p.id, variant: v.id })))) {
  const cells = await cellsOf(profile, variant);
  describe(`kernel ${profile} ${variant}`, () => {
    test.prop([fc.nat({ max: cells.length - 1 }), schedule], { numRuns: 60, seed: 5 })(
      'random schedules find only violations the exhaustive check reports, each a real one',
      (ci, s) => {
        const cell = cells[ci]!;
        const r = walkSchedule(cell.model, s);
        if (r.kind !== 'violation') return;
        expect(cell.violated.has(r.violation.property), `${cell.scenario}: ${r.violation.property}`).toBe(true);
        const pred = violationPredicate(cell.model, r.violation);
        if (!pred.ok) throw new Error(pred.error);
        const acts = r.violation.trace.steps.map((x) => x.action);
        expect(runCandidate(cell.model, r.violation.trace.initial, acts, pred.violated).kind).toBe('violates');
      },
    );

    test('fuzzing finds every violation the exhaustive check reports', () => {
      const missed: string[] = [];
      for (const cell of cells) {
        for (const p of cell.violated) {
          const r = fuzzModel(cell.model, { seed: 3, runs: 300, properties: [p] });
          if (r.kind !== 'violated') missed.push(`${cell.scenario}/${p}`);
        }
      }
      expect(missed).toEqual([]);
    });
  });
}

describe('a fast-check failure on a kernel scenario shrinks and is handed to the minimiser', () => {
  test('C6 / V2 deadlock: shrunk, minimised (never more switches), 1-minimal, replays from ITF', async () => {
    const loaded = await loadKernelModel({ kind: 'kernel', profile: 'ext4-iomap', scenario: 'C6', variant: 'V2', assumptions: {} });
    if (!loaded.ok) throw new Error(loaded.error);
    const m = loaded.model;
    const r = fuzzModel(m, { seed: 3, runs: 300, properties: ['deadlock'], minimize: true });
    if (r.kind !== 'violated') throw new Error('expected fuzzing to find the C6/V2 deadlock');
    expect(r.shrinks).toBeGreaterThan(0);
    const min = r.minimized!;
    if (!min.ok) throw new Error(min.error);
    const shrunk = metricsOf(m, r.violation.trace.steps.map((s) => s.action));
    expect(min.before).toEqual(shrunk);
    expect(min.after.switches).toBeLessThanOrEqual(shrunk.switches);
    expect(min.switchesOptimal).toBe(true);
    const pred = violationPredicate(m, min.violation);
    if (!pred.ok) throw new Error(pred.error);
    expect(oneMinimalityProblem(m, min.violation.trace.initial, min.violation.trace.steps.map((s) => s.action), pred.violated)).toBeUndefined();
    const itf = parseItf(itfText(toItf(m, min.violation, { source: loaded.source, seed: r.seed, fastCheckPath: r.path })));
    if (!itf.ok) throw new Error(itf.error);
    expect(replayItf(m, itf.itf).kind).toBe('reproduced');
    expect(itf.itf['#meta']).toMatchObject({ seed: 3, fastCheckPath: r.path, source: { kind: 'kernel', profile: 'ext4-iomap', scenario: 'C6', variant: 'V2' } });
  });
});
