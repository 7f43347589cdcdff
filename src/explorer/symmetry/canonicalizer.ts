/**
 * The exact canonical form of a state under the declared symmetry (a SymmetryPlan): one
 * representative per orbit, computed on the hot path without allocating (every buffer is made
 * once, here).
 *
 * The representative is the least image of the state over all permutations of the sets'
 * members, in this order: first each set's members' own data (its key), set by set, member
 * by member; then the packed words of the image. Under that order the least image is found
 * without trying all n! permutations:
 * - a member's key is what no permutation changes about it: the elements of its blocks in the
 *   fields the set indexes (those holding member names left out), then, per value field of
 *   the set, how many elements of that field name it (its in-degree);
 * - only the permutations that sort the members by key can give the least image, so the
 *   members are sorted (stable insertion sort, O(n^2) compares of short keys, n <= 8 here in
 *   practice);
 * - members with equal keys are interchangeable unless a value field can tell them apart
 *   (plan.sets[s].enumerate); in that case every order of each tied group is tried (an
 *   odometer of next-permutation steps over the groups), each image built and compared word
 *   by word, and the least kept. The plan bounds the worst case (all tied) at 8! images.
 * Cost per state: one key extraction and sort per set, then one image (W words plus the
 * moved elements) per enumerated order; `images` counts them for the statistics.
 *
 * The candidate images form the same set for every state of an orbit (sorting the members of
 * π(s) is sorting those of s, relabelled), so the least one is a true orbit invariant: two
 * states get one representative exactly when a permutation maps one to the other.
 *
 * The orbit's size, |G| / |Aut(s)|, comes for free: the automorphisms are the tied orders that
 * give the least image (counted) times, for sets not enumerated, the orders of their ties.
 */
import type { SymmetryPlan } from './plan.ts';

interface MovedField {
  readonly word: Int32Array;
  readonly shift: Int32Array;
  readonly mask: number;
  readonly count: number;
  /** Indexed by this set (-1: not indexed; the elements stay put). */
  readonly set: number;
  readonly k: number;
  /** Holds members of this set (-1: plain data). */
  readonly valueSet: number;
  readonly rawBase: number;
}

export class Canonicalizer {
  readonly words: number;
  /** Canonicalisations done and images built (the cost, for the statistics). */
  canonicalizations = 0;
  images = 0;
  /** The orbit size of the last state canonicalised (a float: up to the group's order). */
  orbitSize = 1;
  readonly groupOrder: number;

  private readonly sizes: Int32Array;
  private readonly enumerate: Uint8Array;
  /** Per set: members in image order, and each member's new index. */
  private readonly orders: Int32Array[];
  private readonly invs: Int32Array[];
  /** Per set: key length, the keys (member-major), and where each key slot is read from. */
  private readonly keyLen: Int32Array;
  private readonly keys: Float64Array[];
  private readonly keySlots: { readonly word: Int32Array; readonly shift: Int32Array; readonly mask: Int32Array; readonly local: number }[];
  /** Value fields adding to keys: field, set, raw base, the key slot of its in-degree. */
  private readonly inDegree: { readonly word: Int32Array; readonly shift: Int32Array; readonly mask: number; readonly count: number; readonly set: number; readonly rawBase: number; readonly slot: number }[];
  private readonly moved: MovedField[];
  /** Tied groups to enumerate: set, start, end (exclusive). */
  private readonly gSet: Int32Array;
  private readonly gStart: Int32Array;
  private readonly gEnd: Int32Array;
  private bufA: Uint32Array;
  private bufB: Uint32Array;
  private readonly factorials: Float64Array;

  constructor(
    readonly plan: SymmetryPlan,
    words: number,
  ) {
    this.words = words;
    this.groupOrder = plan.groupOrder;
    const S = plan.sets.length;
    this.sizes = Int32Array.from(plan.sets.map((s) => s.size));
    this.enumerate = Uint8Array.from(plan.sets.map((s) => (s.enumerate ? 1 : 0)));
    this.orders = plan.sets.map((s) => new Int32Array(s.size));
    this.invs = plan.sets.map((s) => new Int32Array(s.size));
    const valueOf = new Map(plan.values.map((v) => [v.field, v]));
    const indexOf = new Map(plan.indexed.map((x) => [x.field, x]));
    // Key slots: the non-value elements of each member's blocks, in declaration order.
    this.keySlots = [];
    const keyLen: number[] = [];
    for (let s = 0; s < S; s++) {
      const n = plan.sets[s]!.size;
      const fields = plan.indexed.filter((x) => x.set === s && !valueOf.has(x.field));
      const local = fields.reduce((a, x) => a + x.k, 0);
      const word = new Int32Array(n * local);
      const shift = new Int32Array(n * local);
      const mask = new Int32Array(n * local);
      for (let m = 0; m < n; m++) {
        let slot = m * local;
        for (const x of fields) {
          const bits = x.field.bits;
          for (let j = 0; j < x.k; j++, slot++) {
            word[slot] = x.field.word[m * x.k + j]!;
            shift[slot] = x.field.shift[m * x.k + j]!;
            mask[slot] = bits === 32 ? -1 : (1 << bits) - 1;
          }
        }
      }
      this.keySlots.push({ word, shift, mask, local });
      keyLen.push(local + plan.values.filter((v) => v.set === s).length);
    }
    this.keyLen = Int32Array.from(keyLen);
    this.keys = plan.sets.map((s, i) => new Float64Array(s.size * Math.max(1, keyLen[i]!)));
    const inSlot = new Int32Array(S);
    this.inDegree = plan.values.map((v) => ({
      word: v.field.word,
      shift: v.field.shift,
      mask: maskOf(v.field.bits),
      count: v.field.count,
      set: v.set,
      rawBase: v.rawBase,
      slot: this.keySlots[v.set]!.local + inSlot[v.set]!++,
    }));
    const moved = new Set([...plan.indexed.map((x) => x.field), ...plan.values.map((v) => v.field)]);
    this.moved = [...moved].map((f) => {
      const x = indexOf.get(f);
      const v = valueOf.get(f);
      return { word: f.word, shift: f.shift, mask: maskOf(f.bits), count: f.count, set: x?.set ?? -1, k: x?.k ?? 1, valueSet: v?.set ?? -1, rawBase: v?.rawBase ?? 0 };
    });
    const total = this.sizes.reduce((a, n) => a + n, 0);
    this.gSet = new Int32Array(total);
    this.gStart = new Int32Array(total);
    this.gEnd = new Int32Array(total);
    this.bufA = new Uint32Array(words);
    this.bufB = new Uint32Array(words);
    const maxN = Math.max(1, ...this.sizes);
    this.factorials = new Float64Array(maxN + 1);
    this.factorials[0] = 1;
    for (let i = 1; i <= maxN; i++) this.factorials[i] = this.factorials[i - 1]! * i;
  }

  /** Writes the canonical form of `state` into `out` (not `state` itself); sets `orbitSize`. */
  canonicalize(state: Uint32Array, out: Uint32Array): void {
    this.canonicalizations++;
    const S = this.sizes.length;
    let groups = 0;
    let autFixed = 1;
    for (let s = 0; s < S; s++) this.computeKeys(state, s);
    for (let s = 0; s < S; s++) {
      const n = this.sizes[s]!;
      const order = this.orders[s]!;
      const key = this.keys[s]!;
      const L = this.keyLen[s]!;
      for (let i = 0; i < n; i++) order[i] = i;
      // Stable insertion sort by key: equal keys keep ascending member order.
      for (let i = 1; i < n; i++) {
        const m = order[i]!;
        let j = i - 1;
        while (j >= 0 && compareKeys(key, order[j]! * L, m * L, L) > 0) {
          order[j + 1] = order[j]!;
          j--;
        }
        order[j + 1] = m;
      }
      // Tied groups: enumerated, or (interchangeable) counted into the automorphisms.
      let a = 0;
      while (a < n) {
        let b = a + 1;
        while (b < n && compareKeys(key, order[a]! * L, order[b]! * L, L) === 0) b++;
        if (b - a > 1) {
          if (this.enumerate[s] === 1) {
            this.gSet[groups] = s;
            this.gStart[groups] = a;
            this.gEnd[groups] = b;
            groups++;
          } else autFixed *= this.factorials[b - a]!;
        }
        a = b;
      }
      this.invert(s);
    }
    if (groups === 0) {
      this.build(state, out);
      this.images++;
      this.orbitSize = this.groupOrder / autFixed;
      return;
    }
    let best = this.bufA;
    let cand = this.bufB;
    this.build(state, best);
    this.images++;
    let same = 1;
    for (;;) {
      let g = 0;
      while (g < groups && !nextPermutation(this.orders[this.gSet[g]!]!, this.gStart[g]!, this.gEnd[g]!)) g++;
      if (g === groups) break; // every group wrapped back to ascending: all orders tried
      for (let h = 0; h <= g; h++) this.invert(this.gSet[h]!);
      this.build(state, cand);
      this.images++;
      const c = compareWords(cand, best, this.words);
      if (c < 0) {
        const t = best;
        best = cand;
        cand = t;
        same = 1;
      } else if (c === 0) same++;
    }
    this.bufA = best;
    this.bufB = cand;
    for (let w = 0; w < this.words; w++) out[w] = best[w]!;
    this.orbitSize = this.groupOrder / (autFixed * same);
  }

  /**
   * Writes the image of `state` under the given permutations into `out`: `perms[s][i]` is the
   * new index of member i of set s. For tests and the declaration check; allocation-free too.
   */
  apply(state: Uint32Array, perms: readonly Int32Array[], out: Uint32Array): void {
    for (let s = 0; s < this.sizes.length; s++) {
      const inv = this.invs[s]!;
      const order = this.orders[s]!;
      const p = perms[s]!;
      for (let i = 0; i < inv.length; i++) {
        inv[i] = p[i]!;
        order[p[i]!] = i;
      }
    }
    this.build(state, out);
  }

  private computeKeys(state: Uint32Array, s: number): void {
    const key = this.keys[s]!;
    const L = this.keyLen[s]!;
    const n = this.sizes[s]!;
    const { word, shift, mask, local } = this.keySlots[s]!;
    for (let m = 0; m < n; m++) {
      const base = m * L;
      const src = m * local;
      for (let j = 0; j < local; j++) key[base + j] = (state[word[src + j]!]! >>> shift[src + j]!) & mask[src + j]!;
      for (let j = local; j < L; j++) key[base + j] = 0;
    }
    for (const d of this.inDegree) {
      if (d.set !== s) continue;
      for (let e = 0; e < d.count; e++) {
        const m = ((state[d.word[e]!]! >>> d.shift[e]!) & d.mask) - d.rawBase;
        if (m >= 0 && m < n) key[m * L + d.slot]!++;
      }
    }
  }

  private invert(s: number): void {
    const order = this.orders[s]!;
    const inv = this.invs[s]!;
    for (let p = 0; p < order.length; p++) inv[order[p]!] = p;
  }

  /** The image under the current orders: blocks moved, member names renamed. */
  private build(state: Uint32Array, out: Uint32Array): void {
    for (let w = 0; w < this.words; w++) out[w] = state[w]!;
    const moved = this.moved;
    for (let f = 0; f < moved.length; f++) {
      const x = moved[f]!;
      const { word, shift, mask, k } = x;
      const inv = x.valueSet >= 0 ? this.invs[x.valueSet]! : undefined;
      const nv = inv === undefined ? 0 : inv.length;
      const order = x.set >= 0 ? this.orders[x.set]! : undefined;
      for (let de = 0; de < x.count; de++) {
        const se = order === undefined ? de : order[(de / k) | 0]! * k + (de % k);
        let v = (state[word[se]!]! >>> shift[se]!) & mask;
        if (inv !== undefined) {
          const m = v - x.rawBase;
          if (m >= 0 && m < nv) v = inv[m]! + x.rawBase;
        }
        const w = word[de]!;
        const sh = shift[de]!;
        out[w] = ((out[w]! & ~(mask << sh)) | (v << sh)) >>> 0;
      }
    }
  }
}

function maskOf(bits: number): number {
  return bits === 32 ? 0xffffffff : (1 << bits) - 1;
}

function compareKeys(key: Float64Array, a: number, b: number, L: number): number {
  for (let j = 0; j < L; j++) {
    const d = key[a + j]! - key[b + j]!;
    if (d !== 0) return d;
  }
  return 0;
}

function compareWords(a: Uint32Array, b: Uint32Array, W: number): number {
  for (let w = 0; w < W; w++) if (a[w] !== b[w]) return a[w]! < b[w]! ? -1 : 1;
  return 0;
}

/**
 * Steps order[from..to) to the next permutation in lexicographic order of member ids; on the
 * last one it wraps to ascending and returns false (the odometer's carry).
 */
function nextPermutation(order: Int32Array, from: number, to: number): boolean {
  let i = to - 2;
  while (i >= from && order[i]! >= order[i + 1]!) i--;
  if (i >= from) {
    let j = to - 1;
    while (order[j]! <= order[i]!) j--;
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  for (let a = i + 1, b = to - 1; a < b; a++, b--) {
    const t = order[a]!;
    order[a] = order[b]!;
    order[b] = t;
  }
  return i >= from;
}
