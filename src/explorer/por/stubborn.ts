/**
 * Stubborn sets from declared footprints (Valmari's strong stubborn sets, used for safety and
 * deadlocks): the actions of a state that partial-order reduction explores instead of all its
 * enabled ones.
 *
 * Relations, precomputed once per model as flat adjacency lists (the hot path allocates
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
  private readonly depStart: Int32Array;
  private readonly depList: Int32Array;
  private readonly nesStart: Int32Array;
  private readonly nesList: Int32Array;
  private readonly visible: Uint8Array;
  private readonly visibleList: Int32Array;
  private readonly whenStart: Int32Array;
  private readonly whenSlot: Int32Array;
  private readonly whenValue: Int32Array;
  private readonly writerStart: Int32Array;
  private readonly writerList: Int32Array;
  private readonly slots: Slots;
  private state: Uint32Array = new Uint32Array(0);
  private readonly enMark: Int32Array;
  private readonly inT: Int32Array;
  private readonly stack: Int32Array;
  private genE = 0;
  private genT = 0;
  reducedStates = 0;
  fullStates = 0;
  provisoStates = 0;
  prunedTransitions = 0;

  private constructor(A: number, dep: number[][], nes: number[][], visible: Uint8Array, when: { slot: number; value: number }[][], writers: number[][], slots: Slots) {
    this.A = A;
    this.slots = slots;
    [this.whenStart, this.whenSlot] = flatten(when.map((l) => l.map((w) => w.slot)));
    this.whenValue = Int32Array.from(when.flat().map((w) => w.value));
    [this.writerStart, this.writerList] = flatten(writers);
    [this.depStart, this.depList] = flatten(dep);
    [this.nesStart, this.nesList] = flatten(nes);
    this.visible = visible;
    this.visibleList = Int32Array.from([...visible].flatMap((v, a) => (v === 1 ? [a] : [])));
    this.enMark = new Int32Array(A);
    this.inT = new Int32Array(A);
    this.stack = new Int32Array(A);
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
    const ge = ++this.genE;
    for (let j = 0; j < n; j++) this.enMark[ids[j]!] = ge;
    let best = n;
    for (let j = 0; j < n && best > 1; j++) {
      const seed = ids[j]!;
      const count = this.close(seed, ge, best);
      if (count < 0) continue;
      best = count;
      let k = 0;
      const gt = this.genT;
      for (let i = 0; i < n; i++) if (this.inT[ids[i]!] === gt) out[k++] = i;
    }
    if (best === n) for (let i = 0; i < n; i++) out[i] = i;
    return best;
  }

  /** Closes {seed}; its number of enabled actions, or -1 once it reaches `bound`. */
  private close(seed: number, ge: number, bound: number): number {
    const gt = ++this.genT;
    const inT = this.inT;
    const stack = this.stack;
    let sp = 0;
    inT[seed] = gt;
    stack[sp++] = seed;
    let enabled = 0;
    let visibleIn = false;
    while (sp > 0) {
      const t = stack[--sp]!;
      let from: number;
      let to: number;
      let list: Int32Array;
      if (this.enMark[t] === ge) {
        if (++enabled >= bound) return -1;
        if (this.visible[t] === 1 && !visibleIn) {
          visibleIn = true;
          const vis = this.visibleList;
          for (let k = 0; k < vis.length; k++) {
            const b = vis[k]!;
            if (inT[b] !== gt) {
              inT[b] = gt;
              stack[sp++] = b;
            }
          }
        }
        from = this.depStart[t]!;
        to = this.depStart[t + 1]!;
        list = this.depList;
      } else {
        const miss = this.unmetNeed(t);
        if (miss >= 0) {
          from = this.writerStart[miss]!;
          to = this.writerStart[miss + 1]!;
          list = this.writerList;
        } else {
          from = this.nesStart[t]!;
          to = this.nesStart[t + 1]!;
          list = this.nesList;
        }
      }
      for (let p = from; p < to; p++) {
        const b = list[p]!;
        if (inT[b] !== gt) {
          inT[b] = gt;
          stack[sp++] = b;
        }
      }
    }
    return enabled;
  }

  /** The slot of a value action t's guard needs that the current state lacks, or -1. */
  private unmetNeed(t: number): number {
    for (let k = this.whenStart[t]!; k < this.whenStart[t + 1]!; k++) {
      const slot = this.whenSlot[k]!;
      if (this.slots.valueAt(this.state, slot) !== this.whenValue[k]) return slot;
    }
    return -1;
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
