/**
 * The shared fingerprint table against a plain Set: lock-free inserts, and the two-round
 * growth (each thread's slice into the stretch it owns with plain stores, then the spilled
 * entries with the lock-free insert). The threads of a growth are played one after another,
 * in varied orders, for 1 to 4 threads, with the shares the search uses (growthShare). Checked:
 * - the first round of each thread writes nothing outside its own stretch (the property that
 *   makes plain stores safe when the threads really run at once, which a sequential replay
 *   could not otherwise see);
 * - the grown table holds exactly the old fingerprints, none lost, none twice;
 * - every entry is reachable by linear probing from its home (what lookups rely on);
 * - both ways of spilling happen (home before the stretch; home or probe past its end), on
 *   crowded tables with clusters across the shares' edges and around the table's end.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { growthShare, SharedFingerprintTable } from '../../../src/explorer/parallel/sharedTable.ts';

const TWO_32 = 4294967296;
type Fp = readonly [number, number];

function contents(t: SharedFingerprintTable): string[] {
  const out: string[] = [];
  for (let s = 0; s < t.slots; s++) if (t.t[2 * s] !== 0) out.push(`${t.t[2 * s]! >>> 0}:${t.t[2 * s + 1]! >>> 0}`);
  return out.sort();
}

const homeOf = (lo: number, slots: number) => ((lo * slots) / TWO_32) | 0;

/** Every entry is found by probing from its home without crossing an empty slot. */
function probingHolds(t: SharedFingerprintTable): boolean {
  for (let s = 0; s < t.slots; s++) {
    const lo = t.t[2 * s]! >>> 0;
    if (lo === 0) continue;
    let i = homeOf(lo, t.slots);
    while (i !== s) {
      if (t.t[2 * i] === 0) return false;
      if (++i === t.slots) i = 0;
    }
  }
  return true;
}

/** A table of about 0.85 load holding `fps`. */
function filled(fps: readonly Fp[]): SharedFingerprintTable {
  const t = new SharedFingerprintTable(SharedFingerprintTable.allocate(Math.max(16, Math.ceil(fps.length / 0.85) + 1)));
  for (const [lo, hi] of fps) t.insertOnly(lo, hi);
  return t;
}

interface Spills {
  before: number;
  past: number;
}

/**
 * A growth played by `threads` threads, their first rounds in `order`, then their second
 * rounds; checks that each first round wrote only its own stretch and counts the spills.
 */
function grow(old: SharedFingerprintTable, slots: number, threads: number, order: readonly number[], seen: Spills): SharedFingerprintTable {
  const fresh = old.withBuffer(SharedFingerprintTable.allocate(slots));
  const spills: number[][] = Array.from({ length: threads }, () => []);
  for (const r of order) {
    const [from, to] = growthShare(old.slots, r, threads);
    const [own, ownEnd] = growthShare(slots, r, threads);
    const before = Int32Array.from(fresh.t);
    fresh.rehashOwned(old.t, from, to, own, ownEnd, spills[r]!);
    for (let k = 0; k < fresh.t.length; k++) {
      if (fresh.t[k] !== before[k] && ((k >> 1) < own || (k >> 1) >= ownEnd)) throw new Error(`thread ${r} of ${threads} wrote slot ${k >> 1} outside its stretch [${own}, ${ownEnd})`);
    }
    for (let k = 0; k < spills[r]!.length; k += 2) {
      if (homeOf(spills[r]![k]! >>> 0, slots) < own) seen.before++;
      else seen.past++;
    }
  }
  for (const r of order) fresh.rehashSpill(spills[r]!);
  return fresh;
}

/** Fingerprints (both halves non-zero) with clusters at the start, the end and a random spot. */
const fingerprints = fc
  .tuple(fc.integer({ min: 1, max: 0xffffffff - (0x100000 << 3) }), fc.integer({ min: 0, max: 3 }))
  .chain(([spot, width]) =>
    fc.uniqueArray(
      fc.tuple(
        fc.oneof(
          fc.integer({ min: 1, max: 0xffffffff }),
          fc.integer({ min: 0xffffffff - (0x100000 << width), max: 0xffffffff }),
          fc.integer({ min: 1, max: 0x100000 << width }),
          fc.integer({ min: spot, max: spot + (0x100000 << width) }),
        ),
        fc.integer({ min: 1, max: 0xffffffff }),
      ),
      { minLength: 1, maxLength: 600, selector: ([lo, hi]) => `${lo}:${hi}`, size: 'max' },
    ),
  );

describe('SharedFingerprintTable', () => {
  test.prop([fingerprints])('insertOnly adds each fingerprint once, like a Set', (fps) => {
    const big = new SharedFingerprintTable(SharedFingerprintTable.allocate(Math.ceil(fps.length / 0.85) + 16));
    const seen = new Set<string>();
    for (const [lo, hi] of [...fps, ...fps]) {
      const key = `${lo}:${hi}`;
      expect(big.insertOnly(lo, hi)).toBe(!seen.has(key));
      seen.add(key);
    }
    expect(contents(big)).toEqual([...seen].sort());
    expect(probingHolds(big)).toBe(true);
  });

  test.prop([fingerprints, fc.integer({ min: 1, max: 4 }), fc.double({ min: 1.01, max: 3, noNaN: true }), fc.nat(), fc.boolean()], { numRuns: 200 })(
    'a two-round growth on 1-4 threads keeps exactly the old fingerprints, all reachable, each thread in its own stretch',
    (fps, threads, factor, seed, reverse) => {
      const old = filled(fps);
      const order = Array.from({ length: threads }, (_, r) => (r + seed) % threads);
      if (reverse) order.reverse();
      const grown = grow(old, Math.ceil(old.slots * factor), threads, order, { before: 0, past: 0 });
      expect(contents(grown)).toEqual(contents(old));
      expect(probingHolds(grown)).toBe(true);
      for (const [lo, hi] of fps) expect(grown.insertOnly(lo, hi)).toBe(false);
    },
  );

  test('such growths spill both ways (a home before the stretch, a home or probe past its end)', () => {
    const seen: Spills = { before: 0, past: 0 };
    for (const fps of fc.sample(fingerprints, { numRuns: 100, seed: 42 })) {
      const old = filled(fps);
      for (const threads of [2, 3]) grow(old, Math.ceil(old.slots * 1.5), threads, [0, 1, 2].slice(0, threads), seen);
    }
    expect(seen.before).toBeGreaterThan(0);
    expect(seen.past).toBeGreaterThan(0);
  });

  test('growthShare tiles the table', () => {
    for (const slots of [16, 17, 1000, 131072, 196608]) {
      for (let count = 1; count <= 5; count++) {
        let at = 0;
        for (let r = 0; r < count; r++) {
          const [from, to] = growthShare(slots, r, count);
          expect(from).toBe(at);
          at = to;
        }
        expect(at).toBe(slots);
      }
    }
  });
});
