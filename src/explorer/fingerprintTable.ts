/**
 * Fingerprint table: open addressing with linear probing over one Uint32Array holding
 * (lo, hi) pairs. Both halves of a stored fingerprint are non-zero (a zero half is stored as
 * 1, as fingerprintAt gives it), so lo = 0 marks an empty slot.
 *
 * Sizing, for bytes per state: the capacity is any whole number of slots (not a power of
 * two; the home slot is `lo * capacity / 2^32`), the load may reach 0.85 and the table grows
 * by half. Right after a growth the table holds 8 × 1.5 / 0.85 ≈ 14.1 bytes per state, at
 * most; the average over a run is about 11. Growth rehashes fingerprints only, never states,
 * and asks `canGrow` first, so a memory limit stops the run before the allocation.
 *
 * Speed: the table is far larger than the caches, so a probe is a memory miss. Two remedies:
 * - `recent`, a small direct-mapped copy of fingerprints lately added or found (256 KiB, it
 *   stays in the CPU's L2 cache). Many successors are states found a moment ago by a sibling
 *   (a diamond of two independent steps), so many lookups end there: measured on the bench
 *   models (one-thread BFS, bench sizes), 40-63% of the duplicates (31-53% of all
 *   successors; zr-wb-jc lowest, two-phase highest). Larger copies settle few more and cost
 *   more than they save (2^17 and 2^19 entries: German's duplicates settled 49% -> 55% and
 *   64%, its touch loop 232-263 ms -> 368-376 and 400-422 ms). It only ever holds fingerprints that are in the
 *   table, so a hit there is a sound "seen before".
 * - `touchAll` loads the home slots of a batch's successors in one tight loop without
 *   branching on what it reads, before any is inserted: the misses overlap instead of
 *   following one another.
 */
import { fingerprint, fpHi } from './fingerprint.ts';
import { StoreFullError, type VisitedStore } from './visited.ts';

const MAX_LOAD = 0.85;
const GROWTH = 1.5;
/**
 * The search's first table: 298,938 slots (2.4 MB), room for 254,097 states before the first
 * growth. Why not small: a growth early in a run rehashes before V8 has optimised the rehash
 * loop, so it costs far more per entry than a late one (the buggy zr-wb-jc(4,4) counterexample,
 * 183,424 states, grew 14 times from 1,024 slots). Why this number: it is 1,024 grown by half
 * 14 times (GROWTH, rounded up as `grow` rounds), so a run that outgrows it passes through the
 * same sizes as one that started at 1,024 and ends with the same table (bytes per state).
 */
export const FIRST_SLOTS = 298_938;
const MIN_SLOTS = 16;
/** Slot indices stay below 2^30, so `i << 1` never overflows (8 GiB of table). */
const MAX_SLOTS = 1 << 30;
const TWO_32 = 4294967296;
/** Entries of the recent-fingerprint cache (8 bytes each). */
const RECENT_BITS = 15;
const RECENT_MASK = (1 << RECENT_BITS) - 1;

/** Uint32 elements in a 4 KiB page. */
const PAGE_WORDS = 1024;

/**
 * Writes one word of every 4 KiB page of a fresh table, so the operating system maps all of
 * its pages in one tight loop before the rehash writes them. Measured here (a 2-vCPU KVM
 * guest): the growths of one zr-wb-jc(4,4) search took 491-507 ms in all when the rehash
 * mapped pages as it went, 359-387 ms this way; and two threads mapping pages of one process
 * at once (the parallel growth) are far slower than one: that search's growth rounds on two
 * threads took 649-722 ms, 254-314 ms with the coordinator mapping the table alone first.
 * A write, not a read: a read would map the shared zero page.
 */
export function prefault<T extends Uint32Array | Int32Array>(t: T): T {
  for (let k = 0; k < t.length; k += PAGE_WORDS) t[k] = 0;
  return t;
}

/** Loads `t[homes[q]]` for q < m: the misses of a batch, in flight together. */
export function touchHomes(t: Uint32Array | Int32Array, homes: Int32Array, m: number): number {
  let sink = 0;
  for (let q = 0; q < m; q++) sink ^= t[homes[q]!]!;
  return sink;
}

export class FingerprintTable implements VisitedStore {
  private table: Uint32Array;
  private slots: number;
  /** slots / 2^32: the home slot of `lo` is `(lo * scale) | 0`. */
  private scale: number;
  private limit: number;
  /** Direct-mapped (lo, hi) pairs, indexed by hi's low bits; a subset of the table. */
  private readonly recent = new Uint32Array(2 << RECENT_BITS);
  /** touchAll's list of the word offsets of the home slots it loads. */
  private homes = new Int32Array(512);
  size = 0;

  constructor(
    private readonly words: number,
    initialCapacity = 1 << 16,
    /** Asked before the table grows: may the process take this many more bytes? */
    private readonly canGrow: (bytes: number) => boolean = () => true,
  ) {
    this.slots = Math.min(MAX_SLOTS, Math.max(MIN_SLOTS, Math.ceil(initialCapacity)));
    this.table = new Uint32Array(this.slots * 2);
    this.scale = this.slots / TWO_32;
    this.limit = Math.floor(this.slots * MAX_LOAD);
  }

  add(state: Uint32Array): boolean {
    const lo = fingerprint(state, this.words) || 1;
    return this.addFingerprint(lo, fpHi || 1);
  }

  /** True if the fingerprint is in the recent cache, hence in the table (no memory miss). */
  seenRecently(lo: number, hi: number): boolean {
    const k = (hi & RECENT_MASK) << 1;
    return this.recent[k] === lo && this.recent[k + 1] === hi;
  }

  /**
   * `addFingerprint`, then keeps the fingerprint in the recent cache: the search's insert for
   * a successor `seenRecently` did not settle.
   */
  addAndRemember(lo: number, hi: number): boolean {
    const added = this.addFingerprint(lo, hi);
    const k = (hi & RECENT_MASK) << 1;
    this.recent[k] = lo;
    this.recent[k + 1] = hi;
    return added;
  }

  /**
   * For the first `n` fingerprints of `fps` (lo, hi pairs): marks in `dup` those the recent
   * cache settles (1) and touches the home slot of the others, so the loads of the whole
   * batch overlap. Two loops: the first settles what the recent cache can and lists the other
   * homes, the second only loads them, a few instructions each, so the CPU's reorder window
   * holds a whole batch's misses at once. Returns a value folded from the loads, for the
   * caller to keep (so they are not optimised away).
   */
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
      const miss = (diff | -diff) >>> 31; // 1 unless the recent cache holds (lo, hi)
      dup[p] = miss ^ 1;
      homes[m] = ((lo * scale) | 0) << 1;
      m += miss;
    }
    return touchHomes(this.table, homes, m);
  }

  /**
   * Inserts a fingerprint (both halves non-zero); true if it was new.
   * Allocation-free unless it grows.
   */
  addFingerprint(lo: number, hi: number): boolean {
    const t = this.table;
    const slots = this.slots;
    let i = (lo * this.scale) | 0;
    for (;;) {
      const k = i << 1;
      const a = t[k]!;
      if (a === lo && t[k + 1] === hi) return false;
      if (a === 0) {
        // Grow before inserting, so a refused growth (memory limit) leaves the table unchanged.
        if (this.size >= this.limit) {
          this.grow();
          return this.addFingerprint(lo, hi);
        }
        t[k] = lo;
        t[k + 1] = hi;
        this.size++;
        return true;
      }
      if (++i === slots) i = 0;
    }
  }

  has(state: Uint32Array): boolean {
    const lo = fingerprint(state, this.words) || 1;
    const hi = fpHi || 1;
    const t = this.table;
    let i = (lo * this.scale) | 0;
    for (;;) {
      const k = i << 1;
      const a = t[k]!;
      if (a === lo && t[k + 1] === hi) return true;
      if (a === 0) return false;
      if (++i === this.slots) i = 0;
    }
  }

  bytes(): number {
    return this.table.byteLength + this.recent.byteLength;
  }

  /** Slots in the table now (bench/tableReplay.ts sizes a table for a whole run with it). */
  get capacity(): number {
    return this.slots;
  }

  /**
   * Grows by half and rehashes. The home slot rises with `lo`, and the old table holds each
   * run of fingerprints near their homes, so one pass over it writes the new table nearly in
   * order: a stream through memory, not a miss per fingerprint.
   */
  private grow(): void {
    const slots = Math.min(MAX_SLOTS, Math.max(MIN_SLOTS, Math.ceil(this.slots * GROWTH)));
    if (slots === this.slots || !this.canGrow(slots * 8)) throw new StoreFullError(slots * 8);
    const old = this.table;
    const t = prefault(new Uint32Array(slots * 2));
    const scale = slots / TWO_32;
    for (let k = 0; k < old.length; k += 2) {
      const lo = old[k]!;
      if (lo === 0) continue;
      let i = (lo * scale) | 0;
      while (t[i << 1] !== 0) if (++i === slots) i = 0;
      t[i << 1] = lo;
      t[(i << 1) + 1] = old[k + 1]!;
    }
    this.table = t;
    this.slots = slots;
    this.scale = scale;
    this.limit = Math.floor(slots * MAX_LOAD);
  }
}
