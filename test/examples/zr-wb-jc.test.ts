/**
 * The public reference model against the Rumur numbers of
 * /work/shared/reference/zr-wb-jc/README.md: exact state and transition counts for the fixed
 * variant, the 18-step deadlock of the buggy one (the very trace Rumur prints, since the model
 * fires rules in Rumur's order), and agreement between stores and searches.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../../src/index.ts';
import type { CheckOptions, CheckOutcome } from '../../src/index.ts';
import zrWbJc, { parseParams } from '../../examples/zr-wb-jc.ts';

/** Rumur v2022.08.20's error trace for buggy (4,4), as zrcheck action names. */
const RUMUR_BUGGY_44_TRACE = [
  'z_start[0]', 'z_start[1]', 'z_lock[0]', 'z_wait[0]', 'z_lock[0]', 'z_wait[0]', 'z_lock[0]', 'z_wait[0]',
  'z_lock[0]', 'z_wait[0]', 'z_done[0]', 'w_scan', 'z_lock[1]', 'w_scan', 'w_scan', 'w_scan', 'w_scan_done', 'j_begin',
];

type Ran = Exclude<CheckOutcome, { verdict: 'error' }>;

function run(params: Record<string, unknown>, options: CheckOptions = {}): Ran {
  const outcome = check(zrWbJc(params), options);
  if (outcome.verdict === 'error') throw new Error(`model error: ${outcome.error.code} ${outcome.error.message}`);
  return outcome;
}

describe('zr-wb-jc fixed (3,3)', () => {
  it('BFS fingerprint: exactly 102,752 states and 381,902 transitions, invariant holds, no deadlock', () => {
    const o = run({ NZR: 3, NP: 3, VARIANT: 'fixed' });
    expect(o.verdict).toBe('holds');
    expect(o.stats.states).toBe(102_752);
    expect(o.stats.transitions).toBe(381_902);
  });
  it('fingerprint and exact stores agree on the counts', () => {
    const fp = run({ NZR: 3, NP: 3 }, { store: 'fingerprint' });
    const ex = run({ NZR: 3, NP: 3 }, { store: 'exact' });
    expect([ex.stats.states, ex.stats.transitions]).toEqual([fp.stats.states, fp.stats.transitions]);
    expect(ex.stats.states).toBe(102_752);
  });
  it('DFS finds the same states and transitions (fingerprint and exact)', () => {
    for (const store of ['fingerprint', 'exact'] as const) {
      const o = run({ NZR: 3, NP: 3 }, { search: 'dfs', store });
      expect(o.verdict).toBe('holds');
      expect(o.stats.states).toBe(102_752);
      expect(o.stats.transitions).toBe(381_902);
    }
  });
});

describe('zr-wb-jc buggy', () => {
  it('(4,4) BFS: a deadlock with an 18-step shortest trace, the same one Rumur prints', () => {
    const model = zrWbJc({ NZR: '4', NP: '4', VARIANT: 'buggy' });
    const o = check(model);
    expect(o.verdict).toBe('violated');
    if (o.verdict !== 'violated') return;
    const v = o.violations[0]!;
    expect(v.kind).toBe('deadlock');
    expect(v.trace.steps).toHaveLength(18);
    expect(v.trace.steps.map((s) => model.actions[s.action]!.name)).toEqual(RUMUR_BUGGY_44_TRACE);
    // Rumur stops after 183,424 states; same rule order, same stopping point.
    expect(o.stats.states).toBe(183_424);
  });
  it('(3,3) BFS: deadlock, stopping after the 16,282 states Rumur explores', () => {
    const o = run({ NZR: 3, NP: 3, VARIANT: 'buggy' });
    expect(o.verdict).toBe('violated');
    if (o.verdict !== 'violated') return;
    expect(o.violations[0]!.kind).toBe('deadlock');
    expect(o.stats.states).toBe(16_282);
  });
  it('(3,3): fingerprint and exact stores agree, and DFS also finds the deadlock', () => {
    const fp = run({ NZR: 3, NP: 3, VARIANT: 'buggy' }, { store: 'fingerprint' });
    const ex = run({ NZR: 3, NP: 3, VARIANT: 'buggy' }, { store: 'exact' });
    expect([ex.stats.states, ex.stats.transitions]).toEqual([fp.stats.states, fp.stats.transitions]);
    const dfs = run({ NZR: 3, NP: 3, VARIANT: 'buggy' }, { search: 'dfs' });
    expect(dfs.verdict).toBe('violated');
    if (dfs.verdict === 'violated') expect(dfs.violations[0]!.kind).toBe('deadlock');
  });
});

describe('zr-wb-jc params', () => {
  it('accepts CLI strings and defaults to fixed (3,3)', () => {
    expect(parseParams({ NZR: '4', NP: '2', VARIANT: 'buggy' })).toEqual({ NZR: 4, NP: 2, VARIANT: 'buggy' });
    expect(parseParams({})).toEqual({ NZR: 3, NP: 3, VARIANT: 'fixed' });
    expect(zrWbJc({ NZR: '2', NP: '2' }).params).toEqual({ NZR: 2, NP: 2, VARIANT: 'fixed' });
  });
  it.each([
    [{ NZR: 'x' }, /NZR="x"/],
    [{ NZR: '0' }, /NZR="0"/],
    [{ NP: 2.5 }, /NP=2.5/],
    [{ NP: '-1' }, /NP="-1"/],
    [{ NP: 99 }, /NP=99/],
    [{ VARIANT: 'broken' }, /VARIANT="broken"/],
    [{ NPP: '4' }, /unknown parameter NPP="4"/],
  ])('rejects %o naming the parameter and value', (params, message) => {
    expect(() => zrWbJc(params)).toThrow(message);
  });
  it('names threads z0..z{NZR-1}, w, j and rules as in the .m files', () => {
    const m = zrWbJc({ NZR: 2, NP: 2, VARIANT: 'buggy' });
    expect(m.threads.map((t) => t.name)).toEqual(['z0', 'z1', 'w', 'j']);
    expect(m.actions.map((a) => a.name)).toEqual([
      'z_start[0]', 'z_start[1]', 'z_lock[0]', 'z_lock[1]', 'z_wait[0]', 'z_wait[1]', 'z_done[0]', 'z_done[1]',
      'w_scan', 'w_scan_done', 'w_endio_h', 'w_endio_h2', 'w_skip', 'w_loop', 'j_begin', 'j_end',
    ]);
    expect(m.invariants.map((i) => i.name)).toEqual(['handles_accounting']);
  });
});
