/**
 * The switch search's node table: one node per (state, last thread), with its best known
 * cost (switches, steps) and the (parent node, action) that achieves it.
 *
 * Why typed arrays and exact keys: the search may hold millions of nodes, and a minimised trace
 * must be exact (no fingerprint collisions), so states are stored whole in one growing
 * Uint32Array and found through an open-addressing index (load <= 1/2).
 */

const EMPTY = -1;

export class NodeStore {
  size = 0;
  private cap: number;
  private words: Uint32Array;
  last: Int32Array;
  parent: Int32Array;
  action: Int32Array;
  switches: Int32Array;
  steps: Int32Array;
  settled: Uint8Array;
  private index: Int32Array;
  private mask: number;

  constructor(
    readonly stateWords: number,
    initialCapacity = 1 << 12,
  ) {
    this.cap = initialCapacity;
    this.words = new Uint32Array(this.cap * stateWords);
    this.last = new Int32Array(this.cap);
    this.parent = new Int32Array(this.cap);
    this.action = new Int32Array(this.cap);
    this.switches = new Int32Array(this.cap);
    this.steps = new Int32Array(this.cap);
    this.settled = new Uint8Array(this.cap);
    this.index = new Int32Array(this.cap * 2).fill(EMPTY);
    this.mask = this.cap * 2 - 1;
  }

  /** Bytes held, for reports. */
  bytes(): number {
    return this.words.byteLength + this.cap * 21 + this.index.byteLength;
  }

  /** The state of node `id`, as a view (valid until the next insert). */
  state(id: number): Uint32Array {
    const w = this.stateWords;
    return this.words.subarray(id * w, id * w + w);
  }

  /** Copies the state of node `id` into `out`. */
  copyState(id: number, out: Uint32Array): void {
    const w = this.stateWords;
    const base = id * w;
    for (let i = 0; i < w; i++) out[i] = this.words[base + i]!;
  }

  /** The node id of (state, last), or -1. */
  find(state: Uint32Array, last: number): number {
    let slot = this.hash(state, last) & this.mask;
    for (;;) {
      const id = this.index[slot]!;
      if (id === EMPTY) return EMPTY;
      if (this.last[id] === last && this.sameState(id, state)) return id;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds (state, last), which must not be present; returns its id. */
  add(state: Uint32Array, last: number): number {
    if (this.size === this.cap) this.grow();
    const id = this.size++;
    const w = this.stateWords;
    const base = id * w;
    for (let i = 0; i < w; i++) this.words[base + i] = state[i]!;
    this.last[id] = last;
    this.settled[id] = 0;
    this.insertIndex(id, this.hash(state, last));
    return id;
  }

  private sameState(id: number, state: Uint32Array): boolean {
    const w = this.stateWords;
    const base = id * w;
    for (let i = 0; i < w; i++) if (this.words[base + i] !== state[i]) return false;
    return true;
  }

  private insertIndex(id: number, h: number): void {
    let slot = h & this.mask;
    while (this.index[slot] !== EMPTY) slot = (slot + 1) & this.mask;
    this.index[slot] = id;
  }

  /** FNV-style mix over the words and the last thread (murmur3 finaliser at the end). */
  private hash(state: Uint32Array, last: number): number {
    let h = (0x811c9dc5 ^ (last + 1)) >>> 0;
    for (let i = 0; i < state.length; i++) {
      h = Math.imul(h ^ state[i]!, 0x01000193);
      h ^= h >>> 15;
    }
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  }

  private grow(): void {
    const cap = this.cap * 2;
    const w = new Uint32Array(cap * this.stateWords);
    w.set(this.words);
    this.words = w;
    const grown = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.last = grown(this.last, (n) => new Int32Array(n));
    this.parent = grown(this.parent, (n) => new Int32Array(n));
    this.action = grown(this.action, (n) => new Int32Array(n));
    this.switches = grown(this.switches, (n) => new Int32Array(n));
    this.steps = grown(this.steps, (n) => new Int32Array(n));
    this.settled = grown(this.settled, (n) => new Uint8Array(n));
    this.cap = cap;
    this.index = new Int32Array(cap * 2).fill(EMPTY);
    this.mask = cap * 2 - 1;
    for (let id = 0; id < this.size; id++) this.insertIndex(id, this.hash(this.state(id), this.last[id]!));
  }
}
