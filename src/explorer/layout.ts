/**
 * State layout: named, bounded fields packed into a fixed number of u32 words.
 *
 * A state is a `Uint32Array` of `layout.words` words. Each field element owns a bit range
 * inside one word (elements never straddle words), stored as `value - min`. The same layout
 * object is read by the hot path (get/set, allocation-free) and by the trace printer
 * (`describe`), so what the checker explores and what a person reads cannot drift apart.
 *
 * Bits not owned by any field must stay zero: the explorer checks this after every
 * successor, which catches a model that writes raw words outside its declared layout.
 */

import { specialiseAccessors } from './fieldAccess.ts';
import { newTraceId, readTrace, TRACE_LOG } from './readTrace.ts';

/** How a field was declared; `count` > 1 makes it an array indexed 0..count-1. */
export type FieldSpec =
  | { readonly kind: 'bool'; readonly count?: number }
  | { readonly kind: 'range'; readonly min: number; readonly max: number; readonly count?: number }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly count?: number };

/** A boolean field, or an array of `count` booleans. */
export function bool(count?: number): FieldSpec {
  return count === undefined ? { kind: 'bool' } : { kind: 'bool', count };
}
/** An integer field in [min, max], or an array of them. */
export function range(min: number, max: number, count?: number): FieldSpec {
  return count === undefined ? { kind: 'range', min, max } : { kind: 'range', min, max, count };
}
/** A field taking one of the named values (stored as its index), or an array of them. */
export function oneOf(values: readonly string[], count?: number): FieldSpec {
  return count === undefined ? { kind: 'enum', values } : { kind: 'enum', values, count };
}

/** Thrown by `Field.set` when a model writes a value outside the field's declared range. */
export class LayoutRangeError extends Error {
  constructor(
    readonly field: string,
    readonly index: number,
    readonly value: unknown,
    readonly min: number,
    readonly max: number,
  ) {
    super(
      `value ${String(value)} written to field ${index >= 0 ? `${field}[${index}]` : field} is outside its declared range ${min}..${max}`,
    );
    this.name = 'LayoutRangeError';
  }
}

/**
 * Thrown by `Field.get`, `is`, `set` and `name` when an array index is not one of the field's
 * elements: reading past an array's end is the same model bug as writing past it (Murphi
 * stops with an error on both), not a silent read of the minimum.
 */
export class LayoutIndexError extends Error {
  constructor(
    readonly field: string,
    readonly index: unknown,
    readonly count: number,
    readonly access: 'read' | 'write',
  ) {
    super(
      count === 1
        ? `field ${field} is not an array, but was ${access === 'read' ? 'read' : 'written'} at index ${String(index)}`
        : `index ${String(index)} ${access === 'read' ? 'read from' : 'written to'} field ${field} is outside 0..${count - 1}`,
    );
    this.name = 'LayoutIndexError';
  }
}

/** Thrown by `Field.value` / `set` for a name that is not one of an enum field's values. */
export class LayoutNameError extends Error {
  constructor(
    readonly field: string,
    readonly valueName: unknown,
    readonly values: readonly string[] | undefined,
  ) {
    super(
      values === undefined
        ? `field ${field} is not a oneOf field, so it has no value named ${JSON.stringify(valueName)}`
        : `field ${field} has no value named ${JSON.stringify(valueName)}; its values are ${values.join(', ')}`,
    );
    this.name = 'LayoutNameError';
  }
}

/** One declared field. get/set are the hot-path accessors: no allocation, no closures. */
export class Field {
  readonly bits: number;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  /** Word index of each element. */
  readonly word: Int32Array;
  /** Bit offset of each element inside its word. */
  readonly shift: Int32Array;
  private readonly mask: number;
  /** Names this field in a read trace (readTrace.ts). */
  readonly traceId = newTraceId();

  constructor(
    readonly name: string,
    readonly spec: FieldSpec,
  ) {
    this.count = spec.count ?? 1;
    if (spec.kind === 'bool') {
      this.min = 0;
      this.max = 1;
    } else if (spec.kind === 'range') {
      this.min = spec.min;
      this.max = spec.max;
    } else {
      this.min = 0;
      this.max = spec.values.length - 1;
    }
    const span = this.max - this.min;
    this.bits = span <= 0 ? 1 : 32 - Math.clz32(span);
    this.mask = this.bits === 32 ? 0xffffffff : (1 << this.bits) - 1;
    this.word = new Int32Array(this.count);
    this.shift = new Int32Array(this.count);
  }

  /**
   * Replaces get/is/set on this instance with versions generated for its now-fixed place in
   * the layout (src/explorer/fieldAccess.ts); the prototype methods stay as the fallback for
   * unusual arguments and errors. Called once by the Layout that placed the field.
   */
  specialise(): void {
    const generic = {
      get: Field.prototype.get.bind(this),
      is: Field.prototype.is.bind(this),
      set: Field.prototype.set.bind(this),
    };
    const fast = specialiseAccessors(this, generic, (name) => this.value(name));
    if (fast === undefined) return;
    this.get = fast.get;
    this.is = fast.is;
    this.set = fast.set;
  }

  /** Logs a read of element `index` from the traced view (readTrace.ts); returns the plain copy. */
  private traced(index: number): Uint32Array {
    const k = readTrace.n++;
    if (Number.isInteger(index) && index >= 0 && index < this.count) {
      readTrace.fid[k & (TRACE_LOG - 1)] = this.traceId;
      readTrace.idx[k & (TRACE_LOG - 1)] = index;
    } else readTrace.lost = 1;
    return readTrace.raw;
  }

  /**
   * The element's value (booleans read as 0/1; a oneOf field reads as the position of its
   * value, see `nameOf` and `value`). Index defaults to 0 for scalar fields; an index that is not
   * one of the field's elements throws LayoutIndexError (one typed-array read decides it).
   */
  get(state: Uint32Array, index = 0): number {
    if (state === readTrace.view) state = this.traced(index);
    const w = this.word[index];
    if (w === undefined) throw new LayoutIndexError(this.name, index, this.count, 'read');
    return ((state[w]! >>> this.shift[index]!) & this.mask) + this.min;
  }

  /** True when the element is non-zero; reads a boolean field naturally. */
  is(state: Uint32Array, index = 0): boolean {
    if (state === readTrace.view) state = this.traced(index);
    const w = this.word[index];
    if (w === undefined) throw new LayoutIndexError(this.name, index, this.count, 'read');
    return ((state[w]! >>> this.shift[index]!) & this.mask) + this.min !== 0;
  }

  /**
   * Writes the element. A oneOf field also takes a value's name (`phase.set(s, 'EATING', i)`).
   * Out-of-range values throw LayoutRangeError, bad indices LayoutIndexError (model bugs).
   */
  set(state: Uint32Array, value: number | boolean | string, index = 0): void {
    if (state === readTrace.view) {
      readTrace.lost = 1;
      state = readTrace.raw;
    }
    const v = typeof value === 'string' ? this.value(value) : +value;
    const w = this.word[index];
    if (w === undefined) throw new LayoutIndexError(this.name, index, this.count, 'write');
    if (!(v >= this.min && v <= this.max) || v !== Math.floor(v)) {
      throw new LayoutRangeError(this.name, this.count > 1 ? index : -1, value, this.min, this.max);
    }
    const sh = this.shift[index]!;
    state[w] = (state[w]! & ~(this.mask << sh)) | ((v - this.min) << sh);
  }

  /**
   * The number stored for a oneOf value's name (`phase.value('HUNGRY')`), so a model compares
   * `phase.get(s, i) === phase.value('HUNGRY')` instead of hand-numbering constants that can
   * drift from the declaration. Throws LayoutNameError for an unknown name or a non-enum field.
   */
  value(name: string): number {
    const values = this.spec.kind === 'enum' ? this.spec.values : undefined;
    const i = values === undefined ? -1 : values.indexOf(name);
    if (i < 0) throw new LayoutNameError(this.name, name, values);
    return i;
  }

  /**
   * The name of a oneOf element's current value (`phase.nameOf(s, i) === 'HUNGRY'`). (`name`
   * is the field's own name.)
   */
  nameOf(state: Uint32Array, index = 0): string {
    if (this.spec.kind !== 'enum') throw new LayoutNameError(this.name, `(name of ${this.name})`, undefined);
    return this.spec.values[this.get(state, index)]!;
  }

  /** Human-readable value of one element (booleans as true/false, enums by name). */
  show(state: Uint32Array, index = 0): boolean | number | string {
    const v = this.get(state, index);
    if (this.spec.kind === 'bool') return v !== 0;
    if (this.spec.kind === 'enum') return this.spec.values[v] ?? v;
    return v;
  }
}

type FieldsOf<S extends Record<string, FieldSpec>> = { readonly [K in keyof S]: Field };

/** A declared layout: the fields, the word count, and the bits each word may use. */
export class Layout<S extends Record<string, FieldSpec> = Record<string, FieldSpec>> {
  readonly words: number;
  readonly fields: FieldsOf<S>;
  readonly fieldList: readonly Field[];
  /** Per word, the bits that belong to some field; any other bit set is a layout violation. */
  readonly usedBits: Uint32Array;

  constructor(specs: S) {
    const list: Field[] = [];
    const fields: Record<string, Field> = {};
    let word = 0;
    let bit = 0;
    for (const name of Object.keys(specs)) {
      const spec = specs[name]!;
      validateSpec(name, spec);
      const f = new Field(name, spec);
      for (let i = 0; i < f.count; i++) {
        if (bit + f.bits > 32) {
          word++;
          bit = 0;
        }
        f.word[i] = word;
        f.shift[i] = bit;
        bit += f.bits;
      }
      f.specialise();
      list.push(f);
      fields[name] = f;
    }
    this.words = bit === 0 ? Math.max(1, word) : word + 1;
    this.fieldList = list;
    this.fields = fields as FieldsOf<S>;
    this.usedBits = new Uint32Array(this.words);
    for (const f of list) {
      const m = f.bits === 32 ? 0xffffffff : (1 << f.bits) - 1;
      for (let i = 0; i < f.count; i++) this.usedBits[f.word[i]!]! |= (m << f.shift[i]!) >>> 0;
    }
  }

  /** A fresh all-minimum state (every field at its min, booleans false, enums at index 0). */
  blank(): Uint32Array {
    return new Uint32Array(this.words);
  }

  /** Index of a word with bits outside every field, or -1. Cheap: one AND per word. */
  strayWord(state: Uint32Array): number {
    for (let w = 0; w < this.words; w++) if ((state[w]! & ~this.usedBits[w]!) !== 0) return w;
    return -1;
  }

  /** Field-by-field view of a state for traces and exports; arrays become JS arrays. */
  describe(state: Uint32Array): Record<string, boolean | number | string | Array<boolean | number | string>> {
    const out: Record<string, boolean | number | string | Array<boolean | number | string>> = {};
    for (const f of this.fieldList) {
      if (f.spec.count === undefined) out[f.name] = f.show(state);
      else {
        const arr: Array<boolean | number | string> = [];
        for (let i = 0; i < f.count; i++) arr.push(f.show(state, i));
        out[f.name] = arr;
      }
    }
    return out;
  }
}

/** Declares a layout from named field specs, in declaration order. */
export function defineLayout<S extends Record<string, FieldSpec>>(specs: S): Layout<S> {
  return new Layout(specs);
}

function validateSpec(name: string, spec: FieldSpec): void {
  if (spec.count !== undefined && (!Number.isInteger(spec.count) || spec.count < 1)) {
    throw new RangeError(`field ${name}: count must be a positive integer, got ${spec.count}`);
  }
  if (spec.kind === 'range') {
    if (!Number.isInteger(spec.min) || !Number.isInteger(spec.max) || spec.max < spec.min) {
      throw new RangeError(`field ${name}: range ${spec.min}..${spec.max} is not a valid integer range`);
    }
    if (spec.max - spec.min > 0xffffffff) throw new RangeError(`field ${name}: range wider than 32 bits`);
  }
  if (spec.kind === 'enum' && spec.values.length === 0) {
    throw new RangeError(`field ${name}: an enum needs at least one value`);
  }
}
