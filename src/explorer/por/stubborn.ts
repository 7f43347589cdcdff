/**
 * Stubborn sets from declared footprints (Valmari's strong stubborn sets, used for safety and
 * deadlocks): the actions of a state that partial-order reduction explores instead of all its
 * enabled ones.
 *
 * Relations, precomputed once per model as rows of bitsets over the actions (the hot path allocates
 * nothing): a and b are DEPENDENT when one writes a field the other reads (guard or update)
 * or writes; b is in the NECESSARY ENABLING SET of a when b writes a field a's guard reads (in
 * 'stuttering' deadlock mode the guard counts as also reading what the update reads and
 * writes, since "a changes the state" is then part of being enabled), narrowed, in a state
 * where one of the values a's guard needs (Footprint.when) does not hold, to the writers of
 * that one element; a is VISIBLE when it
 * writes a field some checked invariant reads.
 *
 * A set T is closed from an enabled seed: an enabled action brings in every action dependent
 * on it, a disabled one its necessary enabling set, and an enabled visible one every visible
 * action (Valmari's condition V: the order of the visible steps, which is what an invariant can
 * tell apart, is then never changed by the reduction). Of the sets closed from each enabled
 * seed, the one with the fewest enabled actions is taken. Such a set
 * preserves every reachable terminal state (deadlocks and valid ends alike); with the
 * searches' cycle proviso (porBfs.ts, dfs.ts) it preserves every reachable state that breaks
 * a checked invariant.
 */
import type { DeadlockMode, Model } from '../model.ts';
import { has, overlaps, Slots, union } from './slots.ts';

/** What partial-order reduction did in one run (Stats.por). */
export interface PorStats {
  /** States expanded with a proper subset of their enabled actions. */
  readonly reducedStates: number;
  /** States with several enabled actions fully expanded because no stubborn set was smaller. */
  readonly fullStates: number;
  /** States fully expanded by the cycle proviso (their reduced successors closed a cycle, or all stuttered). */
  readonly provisoStates: number;
  /** Enabled actions not fired thanks to the reduction. */
  readonly prunedTransitions: number;
}

export class Stubborn {
  private readonly A: number;
  /** Words of one bitset over the actions. */
  private readonly AW: number;
  /** Row a: the actions dependent on a. */
  private readonly depBits: Uint32Array;
  /** Row a: the necessary enabling set of a when no `when` value is unmet. */
  private readonly nesBits: Uint32Array;
  /** Row k: the actions writing slot k (the enabling set of an unmet `when` on k). */
  private readonly writerBits: Uint32Array;
  private readonly visBits: Uint32Array;
  private readonly visible: Uint8Array;
  private readonly whenStart: Int32Array;
  private readonly whenSlot: Int32Array;
  /** Per `when` entry: the word and shift of its element, its mask, and the raw bits it needs. */
  private readonly whenWord: Int32Array;
  private readonly whenShift: Int32Array;
  private readonly whenMask: Int32Array;
  private readonly whenRaw: Int32Array;
  private state: Uint32Array = new Uint32Array(0);
  /** The current state's enabled actions, the set being closed, and its unprocessed members. */
  private readonly en: Uint32Array;
  private readonly T: Uint32Array;
  private readonly pending: Uint32Array;
  /** Per action, the unmet `when` slot in the current state (-1: none), valid where missAt = gen. */
  private readonly missAt: Int32Array;
  private readonly missSlot: Int32Array;
  private gen = 0;
  reducedStates = 0;
  fullStates = 0;
  provisoStates = 0;
  prunedTransitions = 0;

  private constructor(A: number, dep: number[][], nes: number[][], visible: Uint8Array, when: { slot: number; value: number }[][], writers: number[][], slots: Slots) {
    this.A = A;
    const AW = Math.max(1, Math.ceil(A / 32));
    this.AW = AW;
    const rows = (lists: number[][]): Uint32Array => {
      const bits = new Uint32Array(lists.length * AW);
      lists.forEach((l, r) => {
        for (const b of l) bits[r * AW + (b >>> 5)]! |= 1 << (b & 31);
      });
      return bits;
    };
    this.depBits = rows(dep);
    this.nesBits = rows(nes);
    this.writerBits = rows(writers);
    this.visBits = rows([[...visible].flatMap((v, a) => (v === 1 ? [a] : []))]);
    this.visible = visible;
    [this.whenStart, this.whenSlot] = flatten(when.map((l) => l.map((w) => w.slot)));
    const flat = when.flat();
    const fieldOf = (slot: number) => slots.fieldOfSlot[slot]!;
    const index = (slot: number) => slot - slots.base.get(fieldOf(slot))!;
    this.whenWord = Int32Array.from(flat.map((w) => fieldOf(w.slot).word[index(w.slot)]!));
    this.whenShift = Int32Array.from(flat.map((w) => fieldOf(w.slot).shift[index(w.slot)]!));
    this.whenMask = Int32Array.from(flat.map((w) => (fieldOf(w.slot).bits === 32 ? -1 : (1 << fieldOf(w.slot).bits) - 1)));
    this.whenRaw = Int32Array.from(flat.map((w) => w.value - fieldOf(w.slot).min));
    this.en = new Uint32Array(AW);
    this.T = new Uint32Array(AW);
    this.pending = new Uint32Array(AW);
    this.missAt = new Int32Array(A);
    this.missSlot = new Int32Array(A);
  }

  /**
   * The tables for `model` (the invariants it carries are the ones checked), or an error line
   * when an action or invariant declares no footprint, or declares one that names no field.
   */
  static build(model: Model, deadlock: DeadlockMode): Stubborn | string {
    const slots = new Slots(model.layout);
    const A = model.actions.length;
    const G: Uint32Array[] = [];
    const RW: Uint32Array[] = [];
    const W: Uint32Array[] = [];
    const when: { slot: number; value: number }[][] = [];
    const missing = model.actions.filter((a) => a.footprint === undefined).map((a) => a.name);
    if (missing.length > 0) {
      return `--por needs a footprint on every action; ${missing.length} of ${A} have none (${missing.slice(0, 3).map((n) => JSON.stringify(n)).join(', ')}${missing.length > 3 ? ', ...' : ''})`;
    }
    for (const a of model.actions) {
      const fp = a.footprint!;
      const g = slots.parse(fp.guard, `action ${JSON.stringify(a.name)} footprint.guard`);
      const r = slots.parse(fp.reads, `action ${JSON.stringify(a.name)} footprint.reads`);
      const w = slots.parse(fp.writes, `action ${JSON.stringify(a.name)} footprint.writes`);
      if (typeof g === 'string') return g;
      if (typeof r === 'string') return r;
      if (typeof w === 'string') return w;
      const needs: { slot: number; value: number }[] = [];
      for (const [ref, value] of Object.entries(fp.when ?? {})) {
        const e = slots.parseWhen(ref, value, `action ${JSON.stringify(a.name)} footprint.when`);
        if (typeof e === 'string') return e;
        needs.push(e);
      }
      when.push(needs);
      G.push(g);
      RW.push(union(g, r, w));
      W.push(w);
    }
    let inv = slots.empty();
    for (const p of model.invariants) {
      if (p.reads === undefined) return `--por needs the fields every checked invariant reads; invariant ${JSON.stringify(p.name)} declares none (reads)`;
      const r = slots.parse(p.reads, `invariant ${JSON.stringify(p.name)} reads`);
      if (typeof r === 'string') return r;
      inv = union(inv, r);
    }
    const stuttering = deadlock === 'stuttering';
    const dep: number[][] = [];
    const nes: number[][] = [];
    const visible = new Uint8Array(A);
    for (let a = 0; a < A; a++) {
      const d: number[] = [];
      const e: number[] = [];
      const enabling = stuttering ? RW[a]! : G[a]!;
      for (let b = 0; b < A; b++) {
        if (b === a) continue;
        if (overlaps(W[a]!, RW[b]!) || overlaps(W[b]!, RW[a]!)) d.push(b);
        if (overlaps(W[b]!, enabling)) e.push(b);
      }
      dep.push(d);
      nes.push(e);
      visible[a] = overlaps(W[a]!, inv) ? 1 : 0;
    }
    const writers: number[][] = Array.from({ length: slots.count }, () => []);
    for (let a = 0; a < A; a++) for (let k = 0; k < slots.count; k++) if (has(W[a]!, k)) writers[k]!.push(a);
    return new Stubborn(A, dep, nes, visible, when, writers, slots);
  }

  /**
   * Writes into `out` the positions (ascending) in `ids[0..n)` of a stubborn set's enabled
   * actions and returns how many; n (every position) when no set is smaller.
   */
  reduce(state: Uint32Array, ids: Int32Array, n: number, out: Int32Array): number {
    this.state = state;
    this.gen++;
    const en = this.en;
    en.fill(0);
    for (let j = 0; j < n; j++) en[ids[j]! >>> 5]! |= 1 << (ids[j]! & 31);
    let best = n;
    for (let j = 0; j < n && best > 1; j++) {
      const count = this.close(ids[j]!, best);
      if (count < 0) continue;
      best = count;
      let k = 0;
      for (let i = 0; i < n; i++) if ((this.T[ids[i]! >>> 5]! & (1 << (ids[i]! & 31))) !== 0) out[k++] = i;
    }
    if (best === n) for (let i = 0; i < n; i++) out[i] = i;
    return best;
  }

  /** Closes {seed} into T; its number of enabled actions, or -1 once it reaches `bound`. */
  private close(seed: number, bound: number): number {
    const AW = this.AW;
    const T = this.T;
    const pending = this.pending;
    const en = this.en;
    T.fill(0);
    pending.fill(0);
    T[seed >>> 5] = 1 << (seed & 31);
    pending[seed >>> 5] = 1 << (seed & 31);
    let enabled = 0;
    let visibleIn = false;
    for (let w = 0; w < AW; ) {
      const word = pending[w]!;
      if (word === 0) {
        w++;
        continue;
      }
      const bit = word & -word;
      pending[w] = word ^ bit;
      const t = w * 32 + (31 - Math.clz32(bit));
      let rows: Uint32Array;
      let base: number;
      if ((en[w]! & bit) !== 0) {
        if (++enabled >= bound) return -1;
        if (this.visible[t] === 1 && !visibleIn) {
          visibleIn = true;
          w = Math.min(w, this.merge(this.visBits, 0));
        }
        rows = this.depBits;
        base = t * AW;
      } else {
        const miss = this.unmetNeed(t);
        rows = miss >= 0 ? this.writerBits : this.nesBits;
        base = (miss >= 0 ? miss : t) * AW;
      }
      w = Math.min(w, this.merge(rows, base));
    }
    return enabled;
  }

  /** T |= row, and the new members become pending; the lowest word that gained one (AW: none). */
  private merge(rows: Uint32Array, base: number): number {
    const T = this.T;
    const pending = this.pending;
    let low = this.AW;
    for (let k = 0; k < this.AW; k++) {
      const add = rows[base + k]! & ~T[k]!;
      if (add !== 0) {
        T[k]! |= add;
        pending[k]! |= add;
        if (k < low) low = k;
      }
    }
    return low;
  }

  /** The slot of a value action t's guard needs that the current state lacks, or -1 (memoised per state). */
  private unmetNeed(t: number): number {
    if (this.missAt[t] === this.gen) return this.missSlot[t]!;
    let slot = -1;
    for (let k = this.whenStart[t]!; k < this.whenStart[t + 1]!; k++) {
      if (((this.state[this.whenWord[k]!]! >>> this.whenShift[k]!) & this.whenMask[k]!) !== this.whenRaw[k]) {
        slot = this.whenSlot[k]!;
        break;
      }
    }
    this.missAt[t] = this.gen;
    this.missSlot[t] = slot;
    return slot;
  }

  /** Counts one expansion: `fired` of `enabled` actions, and whether the proviso forced it full. */
  count(fired: number, enabled: number, proviso: boolean): void {
    if (proviso) this.provisoStates++;
    else if (fired < enabled) this.reducedStates++;
    else if (enabled > 1) this.fullStates++;
    this.prunedTransitions += enabled - fired;
  }

  stats(): PorStats {
    return { reducedStates: this.reducedStates, fullStates: this.fullStates, provisoStates: this.provisoStates, prunedTransitions: this.prunedTransitions };
  }

  get actions(): number {
    return this.A;
  }
}

function flatten(lists: number[][]): [Int32Array, Int32Array] {
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i]! + lists[i]!.length;
  const flat = new Int32Array(start[lists.length]!);
  lists.forEach((l, i) => flat.set(l, start[i]!));
  return [start, flat];
}
