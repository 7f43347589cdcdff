/**
 * Fingerprint table: open addressing with linear probing over one Uint32Array holding
 * (lo, hi) pairs. (0,0) marks an empty slot, so a real (0,0) fingerprint is stored as (1,0).
 * Load stays <= 0.75; the table doubles (rehashing fingerprints only, never states). About
 * 8 bytes per slot, 11-21 bytes per stored state depending on where the doubling fell.
 */
import { fingerprint, fpHi } from './fingerprint.ts';
import { StoreFullError, type VisitedStore } from './visited.ts';

const MAX_LOAD = 0.75;

export class FingerprintTable implements VisitedStore {
  private table: Uint32Array;
  private mask: number;
  private limit: number;
  size = 0;

  constructor(
    private readonly words: number,
    initialCapacity = 1 << 16,
    /** Asked before the table doubles: may the process take this many more bytes? */
    private readonly canGrow: (bytes: number) => boolean = () => true,
  ) {
    const cap = 1 << Math.max(4, Math.ceil(Math.log2(initialCapacity)));
    this.table = new Uint32Array(cap * 2);
    this.mask = cap - 1;
    this.limit = Math.floor(cap * MAX_LOAD);
  }

  add(state: Uint32Array): boolean {
    let lo = fingerprint(state, this.words);
    const hi = fpHi;
    if (lo === 0 && hi === 0) lo = 1;
    return this.addFingerprint(lo, hi);
  }

  /** Inserts a raw fingerprint; true if it was new. Allocation-free unless it grows. */
  addFingerprint(lo: number, hi: number): boolean {
    const t = this.table;
    const mask = this.mask;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
    for (;;) {
      const k = i << 1;
      const a = t[k]!;
      const b = t[k + 1]!;
      if (a === 0 && b === 0) {
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
      if (a === lo && b === hi) return false;
      i = (i + 1) & mask;
    }
  }

  has(state: Uint32Array): boolean {
    let lo = fingerprint(state, this.words);
    const hi = fpHi;
    if (lo === 0 && hi === 0) lo = 1;
    const t = this.table;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const k = i << 1;
      const a = t[k]!;
      const b = t[k + 1]!;
      if (a === 0 && b === 0) return false;
      if (a === lo && b === hi) return true;
      i = (i + 1) & this.mask;
    }
  }

  bytes(): number {
    return this.table.byteLength;
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    if (!this.canGrow(cap * 8)) throw new StoreFullError(cap * 8);
    const t = new Uint32Array(cap * 2);
    const mask = cap - 1;
    for (let k = 0; k < old.length; k += 2) {
      const lo = old[k]!;
      const hi = old[k + 1]!;
      if (lo === 0 && hi === 0) continue;
      let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & mask;
      while (t[i << 1] !== 0 || t[(i << 1) + 1] !== 0) i = (i + 1) & mask;
      t[i << 1] = lo;
      t[(i << 1) + 1] = hi;
    }
    this.table = t;
    this.mask = mask;
    this.limit = Math.floor(cap * MAX_LOAD);
  }
}
