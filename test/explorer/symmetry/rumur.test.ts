/**
 * Symmetry parity with Rumur: each test/explorer/symmetry/murphi/*.m is a classic model with its
 * symmetric index sets written as scalarsets (bench/models/scalarset.ts), and its zrcheck twin (examples/classic/) declares
 * the same sets. With --symmetry zrcheck must store exactly as many states and fire exactly as
 * many rules as Rumur's `--symmetry-reduction exhaustive` (both store one state per orbit), and
 * its unreduced count must equal Rumur's count without reduction. Reads the numbers recorded by
 * regen-rumur-symmetry.ts; needs no Rumur.
 *
 * Dining philosophers is not here: its philosophers are not a scalarset (philosopher i shares
 * forks with i-1 and i+1, a ring, so only rotations are symmetries, and the bench's left-handed
 * philosopher breaks even those); Rumur refuses `(i+1) % N` on a scalarset, and zrcheck's
 * declaration check refuses the declaration (equivalence.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/index.ts';
import type { Model, StoreKind, SearchKind } from '../../../src/index.ts';
import boundedBuffer from '../../../examples/classic/boundedbuffer.ts';
import german from '../../../examples/classic/german.ts';
import twophase from '../../../examples/classic/twophase.ts';
import { sha256 } from '../../parity/regen-rumur-counts.ts';
import { COUNTS_FILE, INSTANCES, type RumurSymmetryCounts } from './regen-rumur-symmetry.ts';

const TWINS: Record<string, () => Model> = {
  boundedbuffer: () => boundedBuffer(INSTANCES.boundedbuffer),
  german: () => german(INSTANCES.german),
  twophase: () => twophase(INSTANCES.twophase),
};

const counts = JSON.parse(readFileSync(COUNTS_FILE, 'utf8')) as RumurSymmetryCounts;

describe('recorded Rumur symmetry counts', () => {
  it('cover exactly the twins, and are fresh', () => {
    expect(Object.keys(counts.models).sort()).toEqual(Object.keys(TWINS).sort());
    for (const [name, entry] of Object.entries(counts.models)) {
      expect(sha256(join(import.meta.dirname, entry.file)), `${name}: re-run regen-rumur-symmetry.ts`).toBe(entry.sha256);
    }
  });
});

for (const [name, make] of Object.entries(TWINS)) {
  const rumur = counts.models[name]!.runs;
  describe(`${name} vs Rumur ${counts.rumurVersion}`, () => {
    it(`without reduction: ${rumur.off.states} states, ${rumur.off.rulesFired} rules fired`, () => {
      const o = check(make(), { deadlock: 'off' });
      expect(o.verdict).toBe('holds');
      if (o.verdict !== 'holds') return;
      expect([o.stats.states, o.stats.transitions]).toEqual([rumur.off.states, rumur.off.rulesFired]);
      expect(o.stats.reductions).toBeUndefined();
    });
    for (const [search, store] of [['bfs', 'fingerprint'], ['bfs', 'exact'], ['dfs', 'fingerprint'], ['dfs', 'exact']] as [SearchKind, StoreKind][]) {
      it(`--symmetry, ${search.toUpperCase()} ${store}: Rumur's exhaustive ${rumur.exhaustive.states} states and ${rumur.exhaustive.rulesFired} rules fired; ${rumur.off.states} unreduced`, () => {
        const o = check(make(), { deadlock: 'off', symmetry: true, search, store });
        expect(o.verdict).toBe('holds');
        if (o.verdict !== 'holds') return;
        expect([o.stats.states, o.stats.transitions]).toEqual([rumur.exhaustive.states, rumur.exhaustive.rulesFired]);
        expect(o.stats.reductions?.symmetry?.statesUnreduced).toBe(rumur.off.states);
      });
    }
    it('--symmetry with the bounded cache: the same verdict; the unreduced count is not claimed', () => {
      const o = check(make(), { deadlock: 'off', symmetry: true, store: 'bounded', cacheCapacity: 1 << 16 });
      expect(o.verdict).toBe('holds');
      if (o.verdict === 'holds') expect(o.stats.reductions?.symmetry?.statesUnreduced).toBeUndefined();
    });
  });
}
