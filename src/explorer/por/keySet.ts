/**
 * A set of 53-bit state keys (from 64-bit fingerprints) in typed arrays: the POR searches'
 * "found during this level" set (BFS) and stack set (DFS). Open addressing with linear
 * probing; `clear` is O(1) (a generation stamp marks the live slots), so the BFS can empty it
 * at every level at no cost; `delete` leaves a tombstone. No allocation except when it grows.
 */
const EMPTY_KEY = -1;

export class KeySet {
  private keys: Float64Array;
  private stamp: Int32Array;
  private gen = 1;
  private mask: number;
  /** Live keys plus tombstones (what the load factor counts). */
  private used = 0;

  constructor(capacity = 1 << 10) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.keys = new Float64Array(cap);
    this.stamp = new Int32Array(cap);
    this.mask = cap - 1;
  }

  has(key: number): boolean {
    for (let i = slotOf(key) & this.mask; ; i = (i + 1) & this.mask) {
      if (this.stamp[i] !== this.gen) return false;
      if (this.keys[i] === key) return true;
    }
  }

  add(key: number): void {
    if (this.has(key)) return;
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    let i = slotOf(key) & this.mask;
    while (this.stamp[i] === this.gen && this.keys[i] !== EMPTY_KEY) i = (i + 1) & this.mask;
    if (this.stamp[i] !== this.gen) this.used++;
    this.keys[i] = key;
    this.stamp[i] = this.gen;
  }

  delete(key: number): void {
    for (let i = slotOf(key) & this.mask; ; i = (i + 1) & this.mask) {
      if (this.stamp[i] !== this.gen) return;
      if (this.keys[i] === key) {
        this.keys[i] = EMPTY_KEY;
        return;
      }
    }
  }

  /** Empties the set in O(1). */
  clear(): void {
    this.gen++;
    this.used = 0;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldStamp = this.stamp;
    const live = oldKeys.filter((k, i) => oldStamp[i] === this.gen && k !== EMPTY_KEY);
    const cap = live.length * 4 > oldKeys.length ? oldKeys.length * 2 : oldKeys.length;
    this.keys = new Float64Array(cap);
    this.stamp = new Int32Array(cap);
    this.mask = cap - 1;
    this.gen = 1;
    this.used = 0;
    for (const k of live) this.add(k);
  }
}

function slotOf(key: number): number {
  const lo = key % 4294967296 | 0;
  const hi = (key / 4294967296) | 0;
  return Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca77) >>> 7;
}
