/**
 * The fingerprint table every search thread shares: open addressing with linear probing over
 * an Int32Array on a SharedArrayBuffer, (lo, hi) per slot, lock-free insert. The same layout,
 * home slot (lo * slots / 2^32), load and growth as the sequential table (fingerprintTable.ts).
 *
 * Insert protocol (both fingerprint halves are non-zero, see fingerprintAt): a zero low half
 * is an empty slot; a thread claims one with compareExchange(0 -> lo), then writes hi. A
 * reader that finds its lo in a slot whose hi is still 0 waits for the writer (a few
 * instructions away) before comparing hi. Every fingerprint is therefore stored exactly once,
 * whichever threads race to add it: the distinct-state count does not depend on the threads.
 *
 * The table never grows while threads insert: growth is a stop-the-world step between
 * rounds (coordinator.ts), into a new buffer, in two rounds. In the first every thread moves a
 * slice of the old table into the part of the new one it owns alone, with plain loads and
 * stores and no compare-and-swap (which costs about 25 ns here, a plain store 2): the home
 * slot rises with `lo`, so a slice's entries land in one stretch of the new table, written
 * nearly in order. Entries that would land or probe outside that stretch (displaced across a
 * slice boundary, or wrapped around the table's end: a handful per growth) are kept aside and
 * inserted in the second round with the lock-free insert.
 * The recent-fingerprint cache and `touchAll` are each thread's own (see the sequential table).
 */

import { touchHomes } from '../fingerprintTable.ts';
import { SearchThreadError } from './searchThreadError.ts';

const TWO_32 = 4294967296;
const RECENT_BITS = 15;
const RECENT_MASK = (1 << RECENT_BITS) - 1;
/** Stop-the-world growth starts past this load; the slack above it absorbs what threads add meanwhile. */
export const SHARED_MAX_LOAD = 0.85;
export const SHARED_GROWTH = 1.5;
export const SHARED_MAX_SLOTS = 1 << 30;
/**
 * The parallel search's first table: 294,912 slots (2.4 MB, room for 250,675 states), for the
 * sequential table's reason (fingerprintTable.ts FIRST_SLOTS: early growths run unoptimised
 * code, and here each is three stop-the-world rounds). It is 2^17 grown by half twice, the
 * size this search used to start at, so larger runs end with the same table as before.
 */
export const SHARED_FIRST_SLOTS = 294_912;

/**
 * Thread `rank`'s share [from, to) of `slots` slots when `count` threads grow the table: the
 * same cut of the old and of the new table, so a slice's entries mostly land in its own
 * stretch. Consecutive shares tile 0..slots exactly.
 */
export function growthShare(slots: number, rank: number, count: number): readonly [number, number] {
  return [Math.floor((slots * rank) / count), Math.floor((slots * (rank + 1)) / count)];
}

export class SharedTableFullError extends SearchThreadError {
  constructor() {
    super('the shared fingerprint table is full (growth came too late)');
  }
}

export class SharedFingerprintTable {
  readonly t: Int32Array;
  readonly slots: number;
  private readonly scale: number;
  /** This thread's cache of fingerprints lately added or found: all in the table. */
  private readonly recent: Int32Array;
  /** touchAll's list of the word offsets of the home slots it loads. */
  private homes = new Int32Array(512);

  constructor(readonly buffer: SharedArrayBuffer, recent?: Int32Array) {
    this.t = new Int32Array(buffer);
    this.slots = this.t.length >>> 1;
    this.scale = this.slots / TWO_32;
    this.recent = recent ?? new Int32Array(2 << RECENT_BITS);
  }

  static allocate(slots: number): SharedArrayBuffer {
    return new SharedArrayBuffer(slots * 8);
  }

  /** The same table over a new buffer, keeping this thread's recent cache (still a subset). */
  withBuffer(buffer: SharedArrayBuffer): SharedFingerprintTable {
    return new SharedFingerprintTable(buffer, this.recent);
  }

  /** Bytes of the shared table and of this thread's recent cache. */
  bytes(): number {
    return this.t.byteLength + this.recent.byteLength;
  }

  /** As FingerprintTable.touchAll: marks recent-cache hits in `dup`, then touches the others' homes in a loop of their own. */
  touchAll(fps: Uint32Array, n: number, dup: Uint8Array): number {
    const r = this.recent;
    const scale = this.scale;
    if (this.homes.length < n) this.homes = new Int32Array(n);
    const homes = this.homes;
    let m = 0;
    for (let p = 0; p < n; p++) {
      const lo = fps[2 * p]!;
      const hi = fps[2 * p + 1]!;
      const k = (hi & RECENT_MASK) << 1;
      const diff = (r[k]! ^ lo) | (r[k + 1]! ^ hi);
      const miss = (diff | -diff) >>> 31;
      dup[p] = miss ^ 1;
      homes[m] = ((lo * scale) | 0) << 1;
      m += miss;
    }
    return touchHomes(this.t, homes, m);
  }

  /**
   * Adds a fingerprint (halves non-zero, as unsigned numbers) unless present; true if this
   * call added it. Remembers it in the recent cache either way.
   */
  insert(lo: number, hi: number): boolean {
    const added = this.insertOnly(lo, hi);
    const k = (hi & RECENT_MASK) << 1;
    this.recent[k] = lo;
    this.recent[k + 1] = hi;
    return added;
  }

  /**
   * The lock-free insert (see the header); does not touch the recent cache. Probing reads
   * slots with plain loads (Atomics.load costs about 25 ns in Node 20's V8, a plain load 2):
   * a slot is written once, lo then hi, so a stale read can only be a 0, which the
   * compareExchange then corrects, or a 0 hi, which the reader waits out.
   */
  insertOnly(lo: number, hi: number): boolean {
    const t = this.t;
    const L = lo | 0;
    const H = hi | 0;
    const slots = this.slots;
    let i = (lo * this.scale) | 0;
    for (let probes = 0; probes < slots; probes++) {
      const k = i << 1;
      let cur = t[k]!;
      if (cur === 0) {
        cur = Atomics.compareExchange(t, k, 0, L);
        if (cur === 0) {
          t[k + 1] = H;
          return true;
        }
      }
      if (cur === L) {
        let h = t[k + 1]!;
        while (h === 0) h = Atomics.load(t, k + 1); // its writer is between claim and publish
        if (h === H) return false;
      }
      if (++i === slots) i = 0;
    }
    throw new SharedTableFullError();
  }

  /**
   * Growth, first round (every joined thread at once, the old table no longer written): moves
   * the old slots [from, to) into this table, writing only its slots [own, ownEnd), which no
   * other thread reads or writes in this round, so plain loads and stores are safe. An entry
   * whose home is outside them, or whose probe would run past ownEnd, goes to `spill` (lo, hi
   * pairs) for the second round. Every entry placed here sits at the first free slot from its
   * home with no wrap, which is what linear probing's lookups need.
   */
  rehashOwned(old: Int32Array, from: number, to: number, own: number, ownEnd: number, spill: number[]): void {
    const t = this.t;
    const scale = this.scale;
    for (let s = from; s < to; s++) {
      const L = old[2 * s]!;
      if (L === 0) continue;
      const H = old[2 * s + 1]!;
      let i = ((L >>> 0) * scale) | 0;
      if (i < own) {
        spill.push(L, H);
        continue;
      }
      while (i < ownEnd && t[2 * i] !== 0) i++;
      if (i >= ownEnd) {
        spill.push(L, H);
        continue;
      }
      t[2 * i] = L;
      t[2 * i + 1] = H;
    }
  }

  /**
   * Growth, second round (after every thread finished the first, so nobody stores plainly any
   * more): the spilled entries, with the lock-free insert.
   */
  rehashSpill(spill: readonly number[]): void {
    for (let k = 0; k < spill.length; k += 2) this.insertOnly(spill[k]! >>> 0, spill[k + 1]! >>> 0);
  }
}
