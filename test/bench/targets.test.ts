/**
 * The bench's judgement of the two-thread target (bench/targets.ts) says how much the whole
 * process could gain at most: the part outside the search stays, the search shrinks at best
 * by the machine's measured ceiling.
 */
import { describe, expect, it } from 'vitest';
import type { ModelResult } from '../../bench/measure.ts';
import { judgeTargets, speedupBound } from '../../bench/targets.ts';

describe('the two-thread bound', () => {
  it('keeps what is outside the search and divides the search by the ceiling', () => {
    expect(speedupBound({ wallMs: 2000, searchMs: 1750 }, 2)).toBeCloseTo(2000 / (250 + 875), 10);
    expect(speedupBound({ wallMs: 1000, searchMs: 1000 }, 1.8)).toBeCloseTo(1.8, 10);
    expect(speedupBound({ wallMs: 1000, searchMs: 0 }, 2)).toBe(1);
  });

  it('is not given without the figures it needs', () => {
    expect(speedupBound({ wallMs: 2000 }, 2)).toBeUndefined();
    expect(speedupBound({ searchMs: 1000 }, 2)).toBeUndefined();
    expect(speedupBound({ wallMs: 2000, searchMs: 1500 }, undefined)).toBeUndefined();
    expect(speedupBound({ wallMs: 1000, searchMs: 1500 }, 2)).toBeUndefined();
  });

  it('appears in the judged line of a model of 1M states or more', () => {
    const ok = { status: 'ok' as const };
    const r = {
      name: 'm',
      params: {},
      expected: { states: 2_000_000, transitions: 1, spinPorStates: 1 },
      zrcheck: { status: 'skipped' },
      zrcheckCli: { ...ok, wallMs: 2000, searchMs: 1750 },
      zrcheckCliN: { ...ok, wallMs: 1400 },
      spin: { status: 'skipped' },
      spinPor: { status: 'skipped' },
      rumur1: { status: 'skipped' },
      rumurDefault: { status: 'skipped' },
      concurrent: { ...ok, ceiling: 2 },
      ratios: { speedup: 2000 / 1400 },
      countsMatch: true,
      mismatches: [],
    } as unknown as ModelResult;
    const line = judgeTargets([r], 2, [], undefined, '').find((l) => l.target.includes('threads >= 1.7x'))!;
    expect(line.met).toBe(false);
    expect(line.detail).toBe("1.43x (this machine's ceiling on the search: 2.00x; with the 0.25 s outside the search, at most 1.78x for the whole process)");
  });
});
