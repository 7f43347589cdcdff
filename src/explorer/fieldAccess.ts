/**
 * Specialised accessors for one declared field: once the layout has placed the field, its
 * word, shift, mask and minimum are constants, so `get`, `is` and `set` are generated (new
 * Function) with those constants written into the code. A guard such as
 * `zpc.get(s, z) === 0` then costs a bounds test, one load, a shift and a mask, instead of
 * four property loads and two table lookups, and V8 inlines it into the guard.
 *
 * Why it is safe: every generated accessor handles only the common case (a number index in
 * range, a whole number value in range) and hands anything else to the generic method on
 * `Field.prototype` with the same arguments, so errors (LayoutIndexError, LayoutRangeError,
 * LayoutNameError), their messages and their order stay exactly those of the generic code.
 * Where code generation is disabled (--disallow-code-generation-from-strings) the generic
 * methods stay in place. A state view being traced (readTrace.ts) passes the same index
 * checks, then is logged and read from its plain copy, with no call.
 */
import { readTrace, TRACE_LOG } from './readTrace.ts';

/** What the generator needs to know about a placed field (a structural view of `Field`). */
interface PlacedField {
  readonly count: number;
  readonly bits: number;
  readonly min: number;
  readonly max: number;
  readonly word: Int32Array;
  readonly shift: Int32Array;
  readonly traceId: number;
}

type Get = (state: Uint32Array, index?: number) => number;
type Is = (state: Uint32Array, index?: number) => boolean;
type Set = (state: Uint32Array, value: number | boolean | string, index?: number) => void;

export interface Accessors {
  readonly get: Get;
  readonly is: Is;
  readonly set: Set;
}

/**
 * The index test and the word/shift expressions of element `i`, as code. A scalar field
 * accepts only an absent index or 0; an array whose elements share one word computes the
 * shift; a longer array reads the word and shift tables.
 */
function addressing(f: PlacedField): { valid: string; word: string; shift: string } {
  if (f.count === 1) return { valid: 'i === 0', word: String(f.word[0]), shift: String(f.shift[0]) };
  let oneWord = true;
  for (let k = 1; k < f.count; k++) if (f.word[k] !== f.word[0] || f.shift[k] !== f.shift[0]! + k * f.bits) oneWord = false;
  const valid = `(i >>> 0) === i && i < ${f.count}`;
  if (oneWord) return { valid, word: String(f.word[0]), shift: f.shift[0] === 0 ? `i * ${f.bits}` : `${f.shift[0]} + i * ${f.bits}` };
  return { valid, word: 'W[i]', shift: 'S[i]' };
}

/**
 * Generates the field's accessors; `generic` are the prototype methods (bound to the field)
 * every unusual call falls back to. Returns undefined where code generation is disabled.
 */
export function specialiseAccessors(f: PlacedField, generic: Accessors, value: (name: string) => number): Accessors | undefined {
  const mask = f.bits === 32 ? 0xffffffff : (1 << f.bits) - 1;
  const a = addressing(f);
  const read = `((s[${a.word}] >>> ${a.shift}) & ${mask}) + ${f.min}`;
  // A whole number inside the range: `(v | 0) === v` is exact when the range fits in int32.
  const int32 = f.min >= -0x80000000 && f.max <= 0x7fffffff;
  const inRange = `v >= ${f.min} && v <= ${f.max} && ${int32 ? '(v | 0) === v' : 'v === Math.floor(v)'}`;
  const body = `
    "use strict";
    function get(s, i) {
      if (i === undefined) i = 0;
      if (!(${a.valid})) return slowGet(s, i);
      if (s === trace.view) { s = trace.raw; const k = trace.n++ & ${TRACE_LOG - 1}; trace.fid[k] = ${f.traceId}; trace.idx[k] = i; }
      return ${read};
    }
    function is(s, i) {
      if (i === undefined) i = 0;
      if (!(${a.valid})) return slowIs(s, i);
      if (s === trace.view) { s = trace.raw; const k = trace.n++ & ${TRACE_LOG - 1}; trace.fid[k] = ${f.traceId}; trace.idx[k] = i; }
      return ${read} !== 0;
    }
    function set(s, value, i) {
      if (i === undefined) i = 0;
      const v = typeof value === 'number' ? value : typeof value === 'string' ? valueOf(value) : +value;
      if (!(${a.valid}) || !(${inRange})) return slowSet(s, value, i);
      if (s === trace.view) { s = trace.raw; trace.lost = 1; }
      const w = ${a.word};
      const sh = ${a.shift};
      s[w] = (s[w] & ~(${mask} << sh)) | ((v - ${f.min}) << sh);
    }
    return { get, is, set };`;
  try {
    const make = new Function('W', 'S', 'slowGet', 'slowIs', 'slowSet', 'valueOf', 'trace', body) as (...args: unknown[]) => Accessors;
    return make(f.word, f.shift, generic.get, generic.is, generic.set, value, readTrace);
  } catch {
    return undefined;
  }
}
