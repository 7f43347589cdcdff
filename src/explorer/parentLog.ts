/**
 * Parent log: for every stored state (numbered in discovery order) how it was reached, so a
 * violation becomes a trace: its parent's number and the rank of the action among the
 * parent's enabled actions (replaying the parent's `enabled` turns a rank back into an
 * action). A root (initial state) has parent ROOT and stores its initial-state index as rank.
 *
 * Why so small (about 2 bytes per state): BFS expands states in number order and numbers a
 * state's new successors as it finds them, so parents never decrease along the log. Each
 * record is one u16, (parent − previous parent) << 8 | rank; every 256th record also has its
 * absolute parent in a checkpoint table, so a parent is found by summing at most 255 deltas.
 * A record that does not fit (a root, a jump of 255 or more, a decreasing parent, a rank of
 * 255 or more) is an escape (0xFFFF) whose parent and rank go to a side table, sorted by
 * state number. Records live in chunks (no 2x overshoot); the first chunk starts small and
 * doubles up to full size, so tiny models stay tiny.
 */
export const ROOT = 0xffffffff;
const CHUNK_BITS = 18;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;
const CK_BITS = 8;
const ESCAPE = 0xffff;

/** A log's contents as plain typed arrays: what a search thread sends back to be read. */
export interface ParentLogState {
  readonly chunks: readonly Uint16Array[];
  readonly lists: readonly (readonly [Uint32Array, number])[];
  readonly last: number;
  readonly size: number;
}

/** A growable u32 list (amortised doubling; small: checkpoints and escapes). */
class U32List {
  data: Uint32Array = new Uint32Array(16);
  length = 0;
  static of(data: Uint32Array, length: number): U32List {
    const l = new U32List();
    l.data = data;
    l.length = length;
    return l;
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Uint32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }
}

export class ParentLog {
  private chunks: Uint16Array[] = [];
  private checkpoints = new U32List();
  private escN = new U32List();
  private escParent = new U32List();
  private escRank = new U32List();
  /** The parent of the last record pushed (ROOT before any). */
  private last = ROOT;
  size = 0;

  /** Appends a record; returns the new state's number. */
  push(parent: number, rank: number): number {
    const n = this.size;
    const c = n >>> CHUNK_BITS;
    if (c === this.chunks.length) {
      this.chunks.push(new Uint16Array(c === 0 ? 1024 : CHUNK));
    } else if (c === 0 && n === this.chunks[0]!.length) {
      const grown = new Uint16Array(Math.min(CHUNK, n * 2));
      grown.set(this.chunks[0]!);
      this.chunks[0] = grown;
    }
    if ((n & ((1 << CK_BITS) - 1)) === 0) this.checkpoints.push(parent);
    const delta = parent - this.last;
    let rec: number;
    if (parent === ROOT || this.last === ROOT || delta < 0 || delta >= 0xff || rank >= 0xff || rank < 0) {
      rec = ESCAPE;
      this.escN.push(n);
      this.escParent.push(parent);
      this.escRank.push(rank);
    } else rec = (delta << 8) | rank;
    this.chunks[c]![n & CHUNK_MASK] = rec;
    this.last = parent;
    this.size = n + 1;
    return n;
  }

  private record(n: number): number {
    return this.chunks[n >>> CHUNK_BITS]![n & CHUNK_MASK]!;
  }

  /** Index of state n in the escape table (it must be an escape). */
  private escapeIndex(n: number): number {
    const a = this.escN.data;
    let lo = 0;
    let hi = this.escN.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid]! < n) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  parentOf(n: number): number {
    const start = (n >>> CK_BITS) << CK_BITS;
    let p = this.checkpoints.data[n >>> CK_BITS]!;
    for (let k = start + 1; k <= n; k++) {
      const r = this.record(k);
      p = r === ESCAPE ? this.escParent.data[this.escapeIndex(k)]! : p + (r >>> 8);
    }
    return p;
  }

  rankOf(n: number): number {
    const r = this.record(n);
    return r === ESCAPE ? this.escRank.data[this.escapeIndex(n)]! : r & 0xff;
  }

  /** The path to state n: which initial state, then the rank of each step's action. */
  pathTo(n: number): { initial: number; ranks: number[] } {
    const ranks: number[] = [];
    let cur = n;
    for (let p = this.parentOf(cur); p !== ROOT; p = this.parentOf(cur)) {
      ranks.push(this.rankOf(cur));
      cur = p;
    }
    ranks.reverse();
    return { initial: this.rankOf(cur), ranks };
  }

  /** The log's arrays (shared, not copied: the sender stops using the log). */
  exportState(): ParentLogState {
    const lists = [this.checkpoints, this.escN, this.escParent, this.escRank].map((l) => [l.data, l.length] as const);
    return { chunks: this.chunks, lists, last: this.last, size: this.size };
  }

  static fromState(state: ParentLogState): ParentLog {
    const log = new ParentLog();
    log.chunks = [...state.chunks];
    const [ck, en, ep, er] = state.lists.map(([d, n]) => U32List.of(d, n));
    log.checkpoints = ck!;
    log.escN = en!;
    log.escParent = ep!;
    log.escRank = er!;
    log.last = state.last;
    log.size = state.size;
    return log;
  }

  bytes(): number {
    let entries = 0;
    for (const c of this.chunks) entries += c.length;
    return entries * 2 + (this.checkpoints.data.length + 3 * this.escN.data.length) * 4;
  }
}
