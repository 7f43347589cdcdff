/**
 * Exact visited set: stores whole states (open addressing, linear probing), so a verdict
 * carries no collision risk. Used for small runs and to confirm fingerprint verdicts.
 * A separate occupancy bitmap is needed because the all-zero state is a legal state.
 */
import { fingerprint } from './fingerprint.ts';
import { StoreFullError, type VisitedStore } from './visited.ts';

const MAX_LOAD = 0.7;

export class ExactTable implements VisitedStore {
  private slots: Uint32Array;
  private used: Uint8Array;
  private mask: number;
  private limit: number;
  size = 0;

  constructor(
    private readonly words: number,
    initialCapacity = 1 << 12,
    /** Asked before the table doubles: may the process take this many more bytes? */
    private readonly canGrow: (bytes: number) => boolean = () => true,
  ) {
    const cap = 1 << Math.max(4, Math.ceil(Math.log2(initialCapacity)));
    this.slots = new Uint32Array(cap * words);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
    this.limit = Math.floor(cap * MAX_LOAD);
  }

  add(state: Uint32Array): boolean {
    const w = this.words;
    let i = fingerprint(state, w) & this.mask;
    for (;;) {
      if (this.used[i] === 0) {
        // Grow before inserting, so a refused growth (memory limit) leaves the table unchanged.
        if (this.size >= this.limit) {
          this.grow();
          return this.add(state);
        }
        this.slots.set(state.subarray(0, w), i * w);
        this.used[i] = 1;
        this.size++;
        return true;
      }
      if (this.equalAt(i, state)) return false;
      i = (i + 1) & this.mask;
    }
  }

  has(state: Uint32Array): boolean {
    let i = fingerprint(state, this.words) & this.mask;
    for (;;) {
      if (this.used[i] === 0) return false;
      if (this.equalAt(i, state)) return true;
      i = (i + 1) & this.mask;
    }
  }

  bytes(): number {
    return this.slots.byteLength + this.used.byteLength;
  }

  private equalAt(i: number, state: Uint32Array): boolean {
    const w = this.words;
    const base = i * w;
    for (let j = 0; j < w; j++) if (this.slots[base + j] !== state[j]) return false;
    return true;
  }

  private grow(): void {
    const w = this.words;
    const oldSlots = this.slots;
    const oldUsed = this.used;
    const cap = (this.mask + 1) * 2;
    if (!this.canGrow(cap * (w * 4 + 1))) throw new StoreFullError(cap * (w * 4 + 1));
    this.slots = new Uint32Array(cap * w);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
    this.limit = Math.floor(cap * MAX_LOAD);
    for (let s = 0; s < oldUsed.length; s++) {
      if (oldUsed[s] === 0) continue;
      const st = oldSlots.subarray(s * w, s * w + w);
      let i = fingerprint(st, w) & this.mask;
      while (this.used[i] !== 0) i = (i + 1) & this.mask;
      this.slots.set(st, i * w);
      this.used[i] = 1;
    }
  }
}
