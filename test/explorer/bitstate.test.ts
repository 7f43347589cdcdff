/**
 * Bitstate search (`--bitstate BITS`): a Bloom-filter visited set that may skip states, so it
 * finds real violations and never says "holds". Checked against the exact counts of the
 * reference model zr-wb-jc (fixed (3,3): 102,752 states).
 */
import { describe, expect, test } from 'vitest';
import zrWbJc from '../../examples/zr-wb-jc.ts';
import { BitstateTable, unionCoverage } from '../../src/explorer/bitstate.ts';
import { actionRanks } from '../../src/explorer/bitstateSearch.ts';
import { check } from '../../src/explorer/check.ts';
import { newSketch, sketchAdd, sketchCount, sketchMerge } from '../../src/explorer/hll.ts';
import { fingerprint, fpHi } from '../../src/explorer/fingerprint.ts';
import { DEADLOCK } from '../../src/explorer/model.ts';
import { lastState, replayActions } from '../../src/explorer/trace.ts';
import { checkCommand } from '../../src/cli/commands/check.ts';
import { captureIO } from '../helpers/captureIO.ts';

const EXACT_3_3 = 102_752;
const fixed33 = () => zrWbJc({ NZR: 3, NP: 3, VARIANT: 'fixed' });

describe('the bitstate table', () => {
  test('a state added twice is new once; bits, hash factor and coverage follow', () => {
    const t = new BitstateTable(16, 3, 7, 2);
    const s = Uint32Array.of(1, 2);
    expect(t.coverage()).toBe(1);
    expect(t.add(s)).toBe(true);
    expect(t.add(s)).toBe(false);
    expect(t.stored).toBe(1);
    expect(t.bitsSet).toBeGreaterThanOrEqual(1);
    expect(t.bitsSet).toBeLessThanOrEqual(3);
    expect(t.hashFactor()).toBe(65536);
    expect(() => new BitstateTable(40, 3, 0, 2)).toThrow(/BITS must be 8\.\.32/);
  });

  test('union coverage of independent searches: 1 - prod(1 - c)', () => {
    expect(unionCoverage([0.5, 0.5])).toBeCloseTo(0.75);
    expect(unionCoverage([])).toBe(0);
  });

  test('action orders are seeded permutations; seed 0 keeps the model order', () => {
    expect([...actionRanks(5, 0)]).toEqual([0, 1, 2, 3, 4]);
    const r = [...actionRanks(40, 12345)];
    expect([...r].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(r).not.toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect([...actionRanks(40, 12345)]).toEqual(r);
  });
});

describe('bitstate search on zr-wb-jc', () => {
  test('a wide table stores (almost) every state, yet no property is said to hold', () => {
    const o = check(fixed33(), { store: 'bitstate', bitstate: { log2Bits: 26 } });
    expect(o.verdict).toBe('incomplete');
    if (o.verdict !== 'incomplete') return;
    expect(o.limit).toEqual({ kind: 'bitstate', limit: 26, unit: 'bits' });
    expect(o.properties.every((p) => p.status === 'incomplete')).toBe(true);
    expect(o.stats.states).toBeLessThanOrEqual(EXACT_3_3);
    expect(o.stats.states).toBeGreaterThan(EXACT_3_3 * 0.999);
    expect(o.stats.bitstate!.coverage).toBeGreaterThan(0.999);
    expect(o.stats.bitstate!.hashFactor).toBeCloseTo(2 ** 26 / o.stats.states, 3);
  });

  test('a table too small loses states, and its coverage estimate says so', () => {
    const o = check(fixed33(), { store: 'bitstate', bitstate: { log2Bits: 17, hashes: 3 } });
    expect(o.verdict).toBe('incomplete');
    if (o.verdict !== 'incomplete') return;
    expect(o.stats.states).toBeLessThan(EXACT_3_3 * 0.9);
    expect(o.stats.bitstate!.coverage).toBeLessThan(0.9);
    expect(o.stats.bitstate!.expectedOmissions).toBeGreaterThan(1000);
  });

  test('another seed is another search: on a small table the stored counts differ', () => {
    const n = (seed: number) => {
      const o = check(fixed33(), { store: 'bitstate', bitstate: { log2Bits: 16, seed } });
      return o.verdict === 'error' ? -1 : o.stats.states;
    };
    expect(new Set([n(1), n(2), n(3)]).size).toBeGreaterThan(1);
  });

  test('a depth bound stops expansion below it but not the search', () => {
    const o = check(fixed33(), { store: 'bitstate', bitstate: { log2Bits: 24, depthBound: 20 } });
    expect(o.verdict).toBe('incomplete');
    if (o.verdict !== 'incomplete') return;
    expect(o.limit.kind).toBe('bitstate');
    expect(o.stats.depth).toBeLessThanOrEqual(20);
    expect(o.stats.states).toBeLessThan(EXACT_3_3);
  });

  test('the buggy model deadlocks: a real trace, replayable, ending where nothing can move', () => {
    const m = zrWbJc({ NZR: 4, NP: 4, VARIANT: 'buggy' });
    for (const orderSeed of [0, 99]) {
      const o = check(m, { store: 'bitstate', bitstate: { log2Bits: 22, orderSeed } });
      expect(o.verdict).toBe('violated');
      if (o.verdict !== 'violated') return;
      expect(o.violations[0]!.property).toBe(DEADLOCK);
      const r = replayActions(m, 0, o.violations[0]!.trace.steps.map((s) => s.action));
      expect(r.ok).toBe(true);
      expect(m.enabled(lastState(o.violations[0]!.trace), new Int32Array(m.actions.length))).toBe(0);
    }
  });
});

describe('HyperLogLog of stored states', () => {
  test('counts the distinct states of (3,3) within 3 %; merging two copies counts them once', () => {
    const o = check(fixed33(), { store: 'bitstate', bitstate: { log2Bits: 26, sketch: true } });
    const sk = o.verdict === 'error' ? undefined : o.stats.bitstate?.sketch;
    expect(sk).toBeDefined();
    expect(Math.abs(sketchCount(sk!) - EXACT_3_3) / EXACT_3_3).toBeLessThan(0.03);
    const twice = newSketch();
    sketchMerge(twice, sk!);
    sketchMerge(twice, sk!);
    expect(sketchCount(twice)).toBe(sketchCount(sk!));
  });

  test('small counts are exact enough', () => {
    const s = newSketch();
    for (let i = 0; i < 1000; i++) {
      const lo = fingerprint(Uint32Array.of(i), 1);
      sketchAdd(s, lo, fpHi);
    }
    expect(Math.abs(sketchCount(s) - 1000)).toBeLessThan(30);
  });
});

describe('zrcheck check --bitstate', () => {
  test('no violation: "no violation found (bitstate, estimated coverage X %)", never "holds", exit 3', async () => {
    const io = captureIO();
    const code = await checkCommand(['examples/zr-wb-jc.ts', '--bitstate', '24'], io);
    expect(code).toBe(3);
    expect(io.stdout()).toMatch(/handles_accounting\s+no violation found \(bitstate, estimated coverage \d+\.\d\d %\)/);
    expect(io.stdout()).toMatch(/hash factor\s+[\d.e+]+ \(table bits per stored state, SPIN's; best if > 100\)/);
    expect(io.stdout()).toMatch(/bitstate table\s+2\^24 bits \(2\.0 MB\), 3 bits set per state/);
    expect(io.stdout()).not.toMatch(/\bholds\b/);
    const j = captureIO();
    expect(await checkCommand(['examples/zr-wb-jc.ts', '--bitstate', '20', '--json'], j)).toBe(3);
    const out = JSON.parse(j.stdout()) as { verdict: string; limit: { kind: string }; bitstate: { coverage: number } };
    expect(out.verdict).toBe('incomplete');
    expect(out.limit.kind).toBe('bitstate');
    expect(out.bitstate.coverage).toBeGreaterThan(0.9);
  });

  test('bad combinations are one line and exit 2', async () => {
    for (const [args, msg] of [
      [['--bitstate', '40'], /--bitstate needs BITS in 8\.\.32/],
      [['--bitstate', '4'], /--bitstate needs a whole number >= 8/],
      [['--bitstate', '20', '--bfs'], /--bitstate searches depth first/],
      [['--bitstate', '20', '--exact'], /--bitstate and --exact exclude each other/],
      [['--hashes', '2'], /--hashes goes with --bitstate/],
    ] as const) {
      const io = captureIO();
      expect(await checkCommand(['examples/zr-wb-jc.ts', ...args], io)).toBe(2);
      expect(io.stderr()).toMatch(msg);
      expect(io.stderr().trim().split('\n')).toHaveLength(1);
    }
  });
});
