/**
 * States to ITF values and back, through the model's layout (the single source of truth for
 * what a state means).
 *
 * `describe` gives booleans, integers, enum names and arrays of them; ITF writes these as JSON
 * booleans, numbers (|n| < 2^53, which Quint reads), strings and lists. `encodeState` is the
 * inverse, checking every field so that a hand-edited or foreign file yields a message naming
 * the bad field instead of a wrong state.
 */
import type { Layout } from '../explorer/layout.ts';

export type ItfScalar = boolean | number | string;
export type ItfFieldValue = ItfScalar | ItfScalar[];

export type EncodeResult = { readonly ok: true; readonly state: Uint32Array } | { readonly ok: false; readonly error: string };

/** The ITF record of a state: one entry per layout field. */
export function stateToItf(layout: Layout, state: Uint32Array): Record<string, ItfFieldValue> {
  return layout.describe(state);
}

/** Rebuilds a packed state from its ITF record. */
export function encodeState(layout: Layout, record: Readonly<Record<string, unknown>>): EncodeResult {
  const state = layout.blank();
  for (const f of layout.fieldList) {
    const raw = record[f.name];
    if (raw === undefined) return { ok: false, error: `field ${f.name} is missing` };
    const isArray = f.spec.count !== undefined;
    const items: unknown[] = isArray ? (Array.isArray(raw) ? raw : []) : [raw];
    if (isArray && (!Array.isArray(raw) || raw.length !== f.count)) {
      return { ok: false, error: `field ${f.name} should be a list of ${f.count} values, got ${JSON.stringify(raw)}` };
    }
    for (let i = 0; i < items.length; i++) {
      const where = isArray ? `${f.name}[${i}]` : f.name;
      const v = fieldNumber(f.spec, unwrapBigint(items[i]));
      if (v === undefined || v < f.min || v > f.max) {
        return { ok: false, error: `field ${where} has value ${JSON.stringify(items[i])}, not a valid ${describeSpec(f.spec)}` };
      }
      f.set(state, v, i);
    }
  }
  return { ok: true, state };
}

/** Quint writes integers as `{ "#bigint": "12" }`; accept both encodings. */
function unwrapBigint(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { '#bigint'?: unknown })['#bigint'] === 'string') {
    return Number((v as { '#bigint': string })['#bigint']);
  }
  return v;
}

function fieldNumber(spec: Layout['fieldList'][number]['spec'], v: unknown): number | undefined {
  if (spec.kind === 'bool') return typeof v === 'boolean' ? +v : undefined;
  if (spec.kind === 'enum') {
    const i = typeof v === 'string' ? spec.values.indexOf(v) : -1;
    return i >= 0 ? i : undefined;
  }
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

function describeSpec(spec: Layout['fieldList'][number]['spec']): string {
  if (spec.kind === 'bool') return 'boolean';
  if (spec.kind === 'enum') return `one of ${spec.values.join(', ')}`;
  return `integer in ${spec.min}..${spec.max}`;
}

/** True when two ITF field records are equal field by field; else the first differing field. */
export function firstDifference(
  a: Readonly<Record<string, ItfFieldValue>>,
  b: Readonly<Record<string, unknown>>,
): string | undefined {
  for (const k of Object.keys(a)) {
    const x = a[k]!;
    const y = unwrapDeep(b[k]);
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || y.length !== x.length) return `${k}: expected ${JSON.stringify(x)}, recorded ${JSON.stringify(y)}`;
      for (let i = 0; i < x.length; i++) {
        if (x[i] !== y[i]) return `${k}[${i}]: expected ${JSON.stringify(x[i])}, recorded ${JSON.stringify(y[i])}`;
      }
    } else if (x !== y) return `${k}: expected ${JSON.stringify(x)}, recorded ${JSON.stringify(y)}`;
  }
  return undefined;
}

function unwrapDeep(v: unknown): unknown {
  return Array.isArray(v) ? v.map(unwrapBigint) : unwrapBigint(v);
}
