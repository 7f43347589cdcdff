/**
 * A violation found under partial-order reduction is a real execution: exported as ITF it
 * replays with `zrcheck replay`, the minimiser shortens it as any other trace, and it reaches
 * the same property violation as the full search's (which may be shorter).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { replayCommand } from '../../../src/cli/commands/replay.ts';
import { loadKernelModel, loadModelModule } from '../../../src/cli/loadModule.ts';
import { check } from '../../../src/explorer/check.ts';
import { replayActions } from '../../../src/explorer/trace.ts';
import { minimizeViolation } from '../../../src/minimize/minimize.ts';
import { exportCounterexample } from '../../../src/report/exportTrace.ts';
import { captureIO } from '../../helpers/captureIO.ts';

describe('POR traces', () => {
  for (const search of ['bfs', 'dfs'] as const) {
    test(`the kernel C6 deadlock found under POR (${search}) replays from its ITF file and minimises`, async () => {
      const loaded = await loadKernelModel({ kind: 'kernel', profile: 'ext4-iomap', scenario: 'C6', variant: 'V2', assumptions: {} });
      if (!loaded.ok) throw new Error(loaded.error);
      const o = check(loaded.model, { por: true, search });
      expect(o.verdict).toBe('violated');
      if (o.verdict !== 'violated') return;
      const v = o.violations[0]!;
      const dir = mkdtempSync(join(tmpdir(), 'zrcheck-por-'));
      const r = await exportCounterexample(loaded.model, v, dir, { source: loaded.source });
      if (!r.ok) throw new Error(r.error);
      const io = captureIO('/');
      expect(await replayCommand([r.files.itf], io)).toBe(0);
      expect(io.stdout()).toMatch(/^reproduced: /);
      const m = minimizeViolation(loaded.model, v, { maxNodes: 200_000 });
      expect(m.ok).toBe(true);
      if (m.ok) expect(m.after.steps).toBeLessThanOrEqual(m.before.steps);
    });
  }

  test('the dining deadlock under POR replays action by action to a deadlocked state', async () => {
    const loaded = await loadModelModule('examples/dining.ts', { N: 6 });
    if (!loaded.ok) throw new Error(loaded.error);
    const model = loaded.model;
    const o = check(model, { por: true });
    const full = check(model);
    expect(o.verdict).toBe('violated');
    expect(full.verdict).toBe('violated');
    if (o.verdict !== 'violated' || full.verdict !== 'violated') return;
    const t = o.violations[0]!.trace;
    const r = replayActions(model, 0, t.steps.map((s) => s.action));
    expect(r.ok).toBe(true);
    const last = t.steps[t.steps.length - 1]!.state;
    expect(model.enabled(last, new Int32Array(model.actions.length))).toBe(0);
    expect(t.steps.length).toBeGreaterThanOrEqual(full.violations[0]!.trace.steps.length);
  });
});
