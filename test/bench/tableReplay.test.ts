/**
 * bench/tableReplay.ts, the measurement of the visited set's share of a one-thread search.
 * Its figures are times and are not asserted; what is asserted is what makes them mean
 * something: the recording search meets exactly the states and transitions check() recorded
 * for each model (so its lookups are the search's), a replay stores exactly those states
 * whatever table it starts from (growing from the first table, from a tiny one, or sized for
 * the run), and bad arguments are refused with a message naming them.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIRST_SLOTS } from '../../src/explorer/fingerprintTable.ts';
import { BENCH_MODELS, readExpected } from '../../bench/models/index.ts';
import { countsMatch, measureModel, memoryCost, parseArgs, record, replay } from '../../bench/tableReplay.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('recording a search and replaying its lookups', () => {
  for (const m of BENCH_MODELS) {
    it(`${m.name} (small): the recording meets check()'s recorded counts, and every replay stores the same states`, () => {
      const expected = readExpected()!.models[m.name]!.instances.small!.zrcheck;
      const rec = record(m.make(m.small));
      expect(rec.states).toBe(expected.states);
      expect(rec.successors).toBe(expected.transitions);
      expect(rec.batches.reduce((a, b) => a + b, 0)).toBe(rec.successors);
      expect(rec.tableVisits).toBeGreaterThan(0);
      expect(rec.tableVisits).toBeLessThanOrEqual(rec.successors);
      const grown = replay(rec, 16); // grows many times
      const first = replay(rec, FIRST_SLOTS);
      const sized = replay(rec, grown.slots);
      for (const r of [grown, first, sized]) expect(r.states).toBe(rec.states);
      expect(grown.slots).toBeGreaterThan(16);
      expect(sized.slots).toBe(grown.slots);
    });
  }

  it('a replay of a corrupted recording stores other states (the check can fail)', () => {
    const m = BENCH_MODELS.find((b) => b.name === 'bakery')!;
    const rec = record(m.make(m.small));
    const fps = rec.fps.slice();
    fps[0] = fps[0]! ^ 0x5a5a5a5a; // a successor the search found as new now differs
    fps[2] = fps[2]! ^ 0x5a5a5a5a;
    expect(replay({ ...rec, fps }, FIRST_SLOTS).states).not.toBe(rec.states);
  });

  it('measureModel reports the counts as matching, and the memory figures are positive', () => {
    const row = measureModel('german', true, 1);
    expect(countsMatch(row)).toBe(true);
    expect(row.expected?.states).toBe(row.states);
    expect(countsMatch({ ...row, expected: { states: row.states + 1, transitions: row.successors } })).toBe(false);
    const mem = memoryCost(1 << 20, 1 << 14);
    expect(mem.bytes).toBe(1 << 20);
    for (const ns of [mem.latencyNs, mem.batchedNs]) expect(Number.isFinite(ns) && ns > 0).toBe(true);
  });
});

describe('its command line', () => {
  it('refuses an unknown model, a bad repeat count and an unknown argument, naming them', () => {
    expect(parseArgs(['--model', 'nosuch'])).toMatch(/--model: expected one of zr-wb-jc, bakery.*got nosuch/);
    expect(parseArgs(['--repeat', '0'])).toMatch(/--repeat: .*got 0/);
    expect(parseArgs(['--fast'])).toMatch(/unknown argument --fast/);
    expect(parseArgs([])).toEqual({ models: BENCH_MODELS.map((m) => m.name), small: false, repeat: 3, json: false });
  });

  it('runs: --small --model bakery --repeat 1 --json', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/tableReplay.ts', '--small', '--model', 'bakery', '--repeat', '1', '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const out = JSON.parse(r.stdout) as { rows: { name: string; states: number; expected: { states: number } }[] };
    expect(out.rows.map((x) => x.name)).toEqual(['bakery']);
    expect(out.rows[0]!.states).toBe(out.rows[0]!.expected.states);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'bench/tableReplay.ts', '--model', 'nosuch'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/got nosuch/);
  });
});
