/**
 * Footprint slots: every element of every layout field gets a number (field `pc` of count 3 is
 * slots base..base+2), so a footprint (`['pc', 'fork[2]']`) becomes a bitset over slots, and
 * two footprints overlap when their bitsets share a bit. Used by the dependency tables of
 * partial-order reduction and by --verify-footprints, so both read one declaration the same way.
 */
import type { Field, Layout } from '../layout.ts';

export class Slots {
  /** Slot of element 0 of each field, by field. */
  readonly base = new Map<Field, number>();
  readonly fieldOfSlot: Field[] = [];
  readonly count: number;
  /** 32-bit words of one bitset over the slots. */
  readonly setWords: number;
  private readonly byName = new Map<string, Field>();

  constructor(readonly layout: Layout) {
    let n = 0;
    for (const f of layout.fieldList) {
      this.base.set(f, n);
      this.byName.set(f.name, f);
      for (let i = 0; i < f.count; i++) this.fieldOfSlot.push(f);
      n += f.count;
    }
    this.count = n;
    this.setWords = Math.max(1, Math.ceil(n / 32));
  }

  /** `pc[2]` for an array element, `pc` for a scalar field. */
  name(slot: number): string {
    const f = this.fieldOfSlot[slot]!;
    return f.spec.count === undefined ? f.name : `${f.name}[${slot - this.base.get(f)!}]`;
  }

  empty(): Uint32Array {
    return new Uint32Array(this.setWords);
  }

  /** The bitset of a declared list (`'pc'`: every element; `'pc[2]'`: one), or an error line. */
  parse(refs: readonly string[], what: string): Uint32Array | string {
    const set = this.empty();
    if (!Array.isArray(refs)) return `${what}: expected a list of field names, got ${JSON.stringify(refs)}`;
    for (const ref of refs) {
      const m = typeof ref === 'string' ? /^([^[\]]+)(?:\[(\d+)\])?$/.exec(ref) : null;
      const f = m ? this.byName.get(m[1]!) : undefined;
      if (!m || f === undefined) return `${what}: ${JSON.stringify(ref)} is not a field of the layout (fields: ${[...this.byName.keys()].join(', ')})`;
      const b = this.base.get(f)!;
      if (m[2] === undefined) for (let i = 0; i < f.count; i++) add(set, b + i);
      else {
        const i = Number(m[2]);
        if (i >= f.count) return `${what}: ${JSON.stringify(ref)}: field ${f.name} has elements 0..${f.count - 1}`;
        add(set, b + i);
      }
    }
    return set;
  }

  /**
   * A `when` entry: the one slot it names and the value (as `Field.get` reads it) it requires,
   * or an error line.
   */
  parseWhen(ref: string, value: unknown, what: string): { slot: number; value: number } | string {
    const set = this.parse([ref], what);
    if (typeof set === 'string') return set;
    const m = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(ref)!;
    const f = this.byName.get(m[1]!)!;
    if (m[2] === undefined && f.count > 1) return `${what}: ${JSON.stringify(ref)} names an array; name one element (${f.name}[0])`;
    let v: number;
    if (typeof value === 'string') {
      if (f.spec.kind !== 'enum' || !f.spec.values.includes(value)) return `${what}: ${JSON.stringify(value)} is not a value of field ${f.name}`;
      v = f.value(value);
    } else if (typeof value === 'boolean') v = value ? 1 : 0;
    else if (typeof value === 'number' && Number.isInteger(value) && value >= f.min && value <= f.max) v = value;
    else return `${what}: ${JSON.stringify(value)} is not a value of field ${f.name} (${f.min}..${f.max})`;
    return { slot: this.base.get(f)! + Number(m[2] ?? 0), value: v };
  }

  /** The value of a slot in a state (as `Field.get` reads it). */
  valueAt(state: Uint32Array, slot: number): number {
    const f = this.fieldOfSlot[slot]!;
    return f.get(state, slot - this.base.get(f)!);
  }

  /** Every slot of the words in `words` (a raw word access touches each field element in it). */
  slotsOfWord(w: number, out: Uint32Array): void {
    for (const f of this.layout.fieldList) {
      const b = this.base.get(f)!;
      for (let i = 0; i < f.count; i++) if (f.word[i] === w) add(out, b + i);
    }
  }

  /** Names of the slots in `set`, for messages. */
  names(set: Uint32Array): string[] {
    const out: string[] = [];
    for (let s = 0; s < this.count; s++) if (has(set, s)) out.push(this.name(s));
    return out;
  }
}

export function add(set: Uint32Array, slot: number): void {
  set[slot >>> 5]! |= 1 << (slot & 31);
}

export function has(set: Uint32Array, slot: number): boolean {
  return (set[slot >>> 5]! & (1 << (slot & 31))) !== 0;
}

export function overlaps(a: Uint32Array, b: Uint32Array): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i]! & b[i]!) !== 0) return true;
  return false;
}

export function union(...sets: Uint32Array[]): Uint32Array {
  const out = new Uint32Array(sets[0]!.length);
  for (const s of sets) for (let i = 0; i < out.length; i++) out[i]! |= s[i]!;
  return out;
}

/** Slots in `a` not in `b`, or -1 when `a` is inside `b`. */
export function firstOutside(a: Uint32Array, b: Uint32Array): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]! & ~b[i]!;
    if (x !== 0) return i * 32 + (31 - Math.clz32(x & -x));
  }
  return -1;
}
