/**
 * A model's symmetry declaration (Model.symmetry, Murphi's scalarsets) resolved against its
 * layout: for each set, the fields it indexes and the fields whose values name its members,
 * with every bad part refused by name (an unknown field, an array whose length is not a
 * multiple of the set's size, a value field whose range cannot hold every member, a field
 * claimed twice). The canonicaliser (canonicalizer.ts) is built from this plan only, so the
 * hot path never looks at names.
 *
 * It also decides the cost bound. Sorting the members by their own data is O(n log n); members
 * that tie are enumerated only when a value field could tell them apart, and then the product
 * of the tied groups' factorials is bounded by the product of n! over those sets, which must
 * not exceed MAX_ENUMERATED (8! = 40,320), or the declaration is refused.
 */
import type { Field, Layout } from '../layout.ts';
import { groupedInt } from '../numberText.ts';
import type { Scalarset } from '../model.ts';

/** The largest product of n! over the sets whose ties may need enumerating (8!). */
export const MAX_ENUMERATED = 40320;
/** The largest set the canonicaliser takes at all (sorting only). */
export const MAX_SET_SIZE = 255;

/** A field indexed by set `set`: member i owns elements i*k .. i*k+k-1. */
export interface IndexedField {
  readonly field: Field;
  readonly set: number;
  readonly k: number;
}

/** A field whose values name members of set `set`: raw value `rawBase + i` is member i. */
export interface ValueField {
  readonly field: Field;
  readonly set: number;
  /** offset - field.min: the raw (stored) value of member 0. */
  readonly rawBase: number;
}

export interface SymmetryPlan {
  readonly sets: readonly { readonly name: string; readonly size: number; readonly enumerate: boolean }[];
  readonly indexed: readonly IndexedField[];
  readonly values: readonly ValueField[];
  /** The group's order, the product of n! (a float: only ever divided). */
  readonly groupOrder: number;
}

export class SymmetryDeclarationError extends Error {
  constructor(message: string) {
    super(`symmetry declaration: ${message}`);
    this.name = 'SymmetryDeclarationError';
  }
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

/** Resolves and checks the declaration; throws SymmetryDeclarationError naming what is wrong. */
export function planSymmetry(layout: Layout, declared: readonly Scalarset[] | undefined): SymmetryPlan {
  const fail = (m: string): never => {
    throw new SymmetryDeclarationError(m);
  };
  if (declared === undefined || !Array.isArray(declared) || declared.length === 0) fail('the model declares no symmetric index set (Model.symmetry / defineModel symmetry)');
  const byName = new Map(layout.fieldList.map((f) => [f.name, f]));
  const field = (set: string, name: unknown): Field => {
    const f = typeof name === 'string' ? byName.get(name) : undefined;
    if (f === undefined) fail(`set ${set}: ${JSON.stringify(name)} is not a field of the layout (fields: ${[...byName.keys()].join(', ')})`);
    return f!;
  };
  const claimedIndex = new Set<string>();
  const claimedValue = new Set<string>();
  const indexed: IndexedField[] = [];
  const values: ValueField[] = [];
  const names = new Set<string>();
  declared!.forEach((s, set) => {
    const label = typeof s?.name === 'string' && s.name !== '' ? s.name : `#${set}`;
    if (typeof s?.name !== 'string' || s.name === '') fail(`set ${label} needs a non-empty name`);
    if (names.has(s.name)) fail(`two sets are named ${JSON.stringify(s.name)}`);
    names.add(s.name);
    if (!Number.isInteger(s.size) || s.size < 1 || s.size > MAX_SET_SIZE) fail(`set ${label}: size must be an integer in 1..${MAX_SET_SIZE}, got ${JSON.stringify(s.size)}`);
    if (!Array.isArray(s.indexes) || s.indexes.length === 0) fail(`set ${label}: indexes must name at least one array field indexed by the set`);
    for (const name of s.indexes) {
      const f = field(label, name);
      if (claimedIndex.has(f.name)) fail(`set ${label}: field ${f.name} is already indexed by a set`);
      if (f.count % s.size !== 0) fail(`set ${label}: field ${f.name} has ${f.count} elements, not a multiple of the set's size ${s.size}`);
      claimedIndex.add(f.name);
      indexed.push({ field: f, set, k: f.count / s.size });
    }
    for (const v of s.values ?? []) {
      const name = typeof v === 'string' ? v : v?.field;
      const offset = typeof v === 'string' ? 0 : v?.offset;
      const f = field(label, name);
      if (!Number.isInteger(offset)) fail(`set ${label}: value field ${f.name} needs an integer offset, got ${JSON.stringify(offset)}`);
      if (claimedValue.has(f.name)) fail(`set ${label}: field ${f.name} already holds values of a set`);
      if (f.spec.kind === 'bool') fail(`set ${label}: value field ${f.name} is a bool; it cannot name members`);
      if (offset < f.min || offset + s.size - 1 > f.max) fail(`set ${label}: value field ${f.name} (${f.min}..${f.max}) cannot hold every member as ${offset}..${offset + s.size - 1}`);
      claimedValue.add(f.name);
      values.push({ field: f, set, rawBase: offset - f.min });
    }
  });
  const sets = declared!.map((s, set) => ({
    name: s.name,
    size: s.size,
    // Tied members are interchangeable unless a value field lives in one of their blocks or names them.
    enumerate: values.some((v) => v.set === set || indexed.some((x) => x.set === set && x.field === v.field)),
  }));
  const enumerated = sets.reduce((p, s) => (s.enumerate ? p * factorial(s.size) : p), 1);
  if (enumerated > MAX_ENUMERATED) {
    fail(
      `the exact canonical form may enumerate up to ${groupedInt(enumerated)} permutations per state (sets ${sets.filter((s) => s.enumerate).map((s) => `${s.name} of ${s.size}`).join(', ')}, which value fields refer to); the limit is ${groupedInt(MAX_ENUMERATED)} (8!): declare smaller sets or check without --symmetry`,
    );
  }
  return { sets, indexed, values, groupOrder: sets.reduce((p, s) => p * factorial(s.size), 1) };
}
