/**
 * The shared fingerprint table against a plain Set: lock-free inserts, and the two-round
 * growth (each thread's slice into the stretch it owns with plain stores, then the spilled
 * entries with the lock-free insert). The threads of a growth are played here one after
 * another, in every order, for 1 to 4 threads: the grown table must hold exactly the old
 * fingerprints (none lost, none twice), and every entry must be reachable by linear probing
 * from its home, which is what lookups and later inserts rely on.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { SharedFingerprintTable } from '../../../src/explorer/parallel/sharedTable.ts';

const TWO_32 = 4294967296;

/** Fingerprints with both halves non-zero, as the search makes them; some crowd one region. */
const fingerprints = fc.uniqueArray(
  fc.tuple(fc.oneof(fc.integer({ min: 1, max: 0xffffffff }), fc.integer({ min: 0xfff00000, max: 0xffffffff }), fc.integer({ min: 1, max: 0xfffff })), fc.integer({ min: 1, max: 0xffffffff })),
  { minLength: 0, maxLength: 300, selector: ([lo, hi]) => `${lo}:${hi}` },
);

function contents(t: SharedFingerprintTable): string[] {
  const out: string[] = [];
  for (let s = 0; s < t.slots; s++) if (t.t[2 * s] !== 0) out.push(`${t.t[2 * s]! >>> 0}:${t.t[2 * s + 1]! >>> 0}`);
  return out.sort();
}

/** Every entry is found by probing from its home without crossing an empty slot. */
function probingHolds(t: SharedFingerprintTable): boolean {
  for (let s = 0; s < t.slots; s++) {
    const lo = t.t[2 * s]! >>> 0;
    if (lo === 0) continue;
    let i = ((lo * t.slots) / TWO_32) | 0;
    while (i !== s) {
      if (t.t[2 * i] === 0) return false;
      if (++i === t.slots) i = 0;
    }
  }
  return true;
}

/** A growth played by `threads` threads, their first rounds in `order`, then their second rounds. */
function grow(old: SharedFingerprintTable, slots: number, threads: number, order: readonly number[]): SharedFingerprintTable {
  const fresh = old.withBuffer(SharedFingerprintTable.allocate(slots));
  const share = (n: number, r: number) => Math.floor((n * r) / threads);
  const spills: number[][] = Array.from({ length: threads }, () => []);
  for (const r of order) fresh.rehashOwned(old.t, share(old.slots, r), share(old.slots, r + 1), share(slots, r), share(slots, r + 1), spills[r]!);
  for (const r of order) fresh.rehashSpill(spills[r]!);
  return fresh;
}

describe('SharedFingerprintTable', () => {
  test.prop([fingerprints])('insertOnly adds each fingerprint once, like a Set', (fps) => {
    const t = new SharedFingerprintTable(SharedFingerprintTable.allocate(Math.max(16, Math.ceil(fps.length / 0.85) + 1)));
    const seen = new Set<string>();
    for (const [lo, hi] of [...fps, ...fps]) expect(t.insertOnly(lo, hi)).toBe(!seen.has(`${lo}:${hi}`) && seen.add(`${lo}:${hi}`) !== undefined);
    expect(contents(t)).toEqual([...seen].sort());
    expect(probingHolds(t)).toBe(true);
  });

  test.prop([fingerprints, fc.integer({ min: 1, max: 4 }), fc.double({ min: 1.01, max: 3, noNaN: true }), fc.nat()])(
    'a two-round growth on 1-4 threads keeps exactly the old fingerprints, all reachable',
    (fps, threads, factor, seed) => {
      const oldSlots = Math.max(16, Math.ceil(fps.length / 0.85) + 1);
      const old = new SharedFingerprintTable(SharedFingerprintTable.allocate(oldSlots));
      for (const [lo, hi] of fps) old.insertOnly(lo, hi);
      // Every order of the threads' first rounds (a rotation by the seed; all orders are equal
      // for the result, since each writes only its own stretch).
      const order = Array.from({ length: threads }, (_, r) => (r + seed) % threads);
      const grown = grow(old, Math.ceil(oldSlots * factor), threads, order);
      expect(contents(grown)).toEqual(contents(old));
      expect(probingHolds(grown)).toBe(true);
      for (const [lo, hi] of fps) expect(grown.insertOnly(lo, hi)).toBe(false);
    },
  );
});
