import { describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKernelModel } from '../../src/cli/loadModule.ts';
import { check } from '../../src/explorer/check.ts';
import type { Model } from '../../src/explorer/model.ts';
import type { Violation } from '../../src/explorer/outcome.ts';
import { PROFILES, SCENARIOS } from '../../src/model/index.ts';
import { oneMinimalityProblem } from '../../src/minimize/oneMinimal.ts';
import { violationPredicate } from '../../src/minimize/target.ts';
import { exportCounterexample, renderCounterexample, safeName, TRACE_FILES } from '../../src/report/exportTrace.ts';
import { parseItf } from '../../src/report/itfParse.ts';
import { replayItf } from '../../src/report/itfReplay.ts';
import { lockCycle } from '../minimize/fixtures/models.ts';

function oneMinimal(model: Model, v: Violation): string | undefined {
  const pred = violationPredicate(model, v);
  if (!pred.ok) return pred.error;
  return oneMinimalityProblem(model, v.trace.initial, v.trace.steps.map((s) => s.action), pred.violated);
}

describe('exportCounterexample', () => {
  test('writes the four files under <dir>/<scenario>/<variant>/<property>/', async () => {
    const m = lockCycle(3, 2);
    const o = check(m, { search: 'dfs' });
    if (o.verdict !== 'violated') throw new Error('expected a violation');
    const dir = mkdtempSync(join(tmpdir(), 'zrcheck-export-'));
    const r = await exportCounterexample(m, o.violations[0]!, dir, { scenario: 'LC', variant: 'three philosophers' });
    if (!r.ok) throw new Error(r.error);
    expect(r.dir).toBe(join(dir, 'LC', 'three_philosophers', 'deadlock'));
    for (const f of Object.values(TRACE_FILES)) expect(existsSync(join(r.dir, f))).toBe(true);
    expect(readFileSync(r.files.markdown, 'utf8')).toContain('`zrcheck replay trace.itf.json`');
    expect(readFileSync(r.files.mermaid, 'utf8')).toMatch(/^sequenceDiagram\n/);
    expect(readFileSync(r.files.html, 'utf8')).toMatch(/^<!DOCTYPE html>/);
    // Minimised by default; 1-minimal; before/after recorded.
    const itf = parseItf(readFileSync(r.files.itf, 'utf8'));
    if (!itf.ok) throw new Error(itf.error);
    expect(itf.itf['#meta'].minimized).toEqual({ before: expect.any(Object), after: { steps: 9, switches: 2, threads: 3 } });
    expect(oneMinimal(m, r.violation)).toBeUndefined();
    expect(replayItf(m, itf.itf).kind).toBe('reproduced');
  });

  test('minimize: false exports the trace as given', () => {
    const m = lockCycle(3, 2);
    const o = check(m, { search: 'dfs' });
    if (o.verdict !== 'violated') throw new Error('expected a violation');
    const r = renderCounterexample(m, o.violations[0]!, '/out', {}, { minimize: false });
    if (!r.ok) throw new Error(r.error);
    expect(r.rendered.violation).toBe(o.violations[0]);
    expect(r.rendered.relativeDir).toBe('lock-cycle/n=3_work=2/deadlock');
    expect(r.rendered.files.map((f) => f.path)).toEqual(Object.values(TRACE_FILES).map((f) => `lock-cycle/n=3_work=2/deadlock/${f}`));
  });

  test('safeName', () => {
    expect(safeName('V2+pre-zero=no')).toBe('V2_pre-zero=no');
    expect(safeName('../etc')).toBe('etc');
    expect(safeName('kernel:C1/V0')).toBe('kernel_C1_V0');
    expect(safeName('')).toBe('_');
  });
});

describe('every violated kernel cell (default assumptions) exports 1-minimal traces that replay', () => {
  test('scenarios x variants', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zrcheck-kernel-export-'));
    let exported = 0;
    const problems: string[] = [];
    for (const scenario of SCENARIOS.map((s) => s.id)) {
      for (const [profile, variant] of PROFILES.flatMap((p) => p.versions.map((v) => [p.id, v.id] as const))) {
        const loaded = await loadKernelModel({ kind: 'kernel', profile, scenario, variant, assumptions: {} });
        if (!loaded.ok) continue; // not applicable
        const o = check(loaded.model, { stopAtFirst: false });
        if (o.verdict !== 'violated') continue;
        for (const v of o.violations) {
          const r = await exportCounterexample(loaded.model, v, dir, { source: loaded.source });
          if (!r.ok) {
            problems.push(`${profile}/${scenario}/${variant}/${v.property}: ${r.error}`);
            continue;
          }
          exported++;
          // The kernel model's name for deadlock is D2: the same folder name as in results/.
          expect(r.dir).toBe(join(dir, `${profile}_${scenario}`, variant, safeName(v.property === 'deadlock' ? 'D2' : v.property)));
          const itf = parseItf(readFileSync(r.files.itf, 'utf8'));
          if (!itf.ok) throw new Error(itf.error);
          const rep = replayItf(loaded.model, itf.itf);
          if (rep.kind !== 'reproduced') problems.push(`${profile}/${scenario}/${variant}/${v.property}: does not replay: ${JSON.stringify(rep)}`);
          const why = oneMinimal(loaded.model, r.violation);
          if (why !== undefined) problems.push(`${profile}/${scenario}/${variant}/${v.property}: ${why}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(exported).toBeGreaterThan(10);
  });
});
