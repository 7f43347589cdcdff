/**
 * Checks, before a symmetric search, that the model behaves as its symmetry declaration says
 * on the states it can cheaply try: the initial states and the first SAMPLE states a plain
 * (unreduced) BFS reaches from them. For each such state s and each generator g of each set
 * (the swap of members 0 and 1, and the rotation of all members; together they generate every
 * permutation), the image g(s) must
 * - give every invariant and end check the verdict s gives, and be a valid end exactly when s is;
 * - enable as many actions as s, and its successors must have the canonical forms of s's
 *   successors (as multisets).
 * Symmetry reduction is sound only if this holds on every reachable state; a failure here
 * proves the declaration wrong (reported as a model error with the path to s), while passing
 * it is evidence, not proof (the README says so).
 */
import type { Model } from '../model.ts';
import type { ModelError, Trace } from '../outcome.ts';
import { fingerprint, fpHi } from '../fingerprint.ts';
import { buildTrace } from '../trace.ts';
import type { Canonicalizer } from './canonicalizer.ts';

/** States of the unreduced BFS prefix tried. */
export const SAMPLE = 1000;

export function verifySymmetry(model: Model, canon: Canonicalizer, sample = SAMPLE): ModelError | undefined {
  const W = model.layout.words;
  const inits = model.initialStates();
  const states: Uint32Array[] = [];
  const parent: number[] = [];
  const via: number[] = [];
  const root: number[] = [];
  const seen = new Set<string>();
  const ids = new Int32Array(Math.max(1, model.actions.length));
  inits.forEach((s, k) => {
    const key = s.join(',');
    if (seen.has(key)) return;
    seen.add(key);
    states.push(s.slice());
    parent.push(-1);
    via.push(-1);
    root.push(k);
  });
  const perms = generators(canon);
  const image = new Uint32Array(W);
  const traceTo = (i: number): Trace => {
    const actions: number[] = [];
    let j = i;
    for (; parent[j]! >= 0; j = parent[j]!) actions.push(via[j]!);
    return buildTrace(model, inits[root[j]!]!, actions.reverse());
  };
  for (let i = 0; i < states.length; i++) {
    const s = states[i]!;
    let succ: number[];
    try {
      succ = successors(model, canon, s, ids, (a, t) => {
        if (states.length >= sample) return;
        const key = t.join(',');
        if (seen.has(key)) return;
        seen.add(key);
        states.push(t.slice());
        parent.push(i);
        via.push(a);
        root.push(0);
      });
    } catch {
      return undefined; // a model error: the search proper finds and reports it
    }
    for (const g of perms) {
      canon.apply(s, g.perms, image);
      const fail = (what: string): ModelError => ({
        code: 'ZR_MODEL_SYMMETRY',
        message: `the model is not symmetric as declared: ${g.name} changes ${what} in a state reached in ${traceTo(i).steps.length} steps (the trace below reaches it); symmetry reduction would be unsound`,
        trace: traceTo(i),
      });
      const checks: [string, (t: Uint32Array) => boolean][] = [...model.invariants, ...(model.endChecks ?? [])].map((p) => [`the verdict of ${p.name}`, (t) => p.holds(t)]);
      if (model.isValidEnd !== undefined) checks.push(['whether it is a valid end state', (t) => model.isValidEnd!(t)]);
      for (const [what, f] of checks) {
        let before: boolean;
        try {
          before = f(s);
        } catch {
          return undefined; // a model error on a reachable state: the search proper reports it
        }
        try {
          if (f(image) !== before) return fail(what);
        } catch (e) {
          return fail(`${what} (it throws on the permuted state: ${e instanceof Error ? e.message : String(e)})`);
        }
      }
      let other: number[];
      try {
        other = successors(model, canon, image, ids);
      } catch (e) {
        return fail(`whether its actions run (one throws: ${e instanceof Error ? e.message : String(e)})`);
      }
      if (other.length !== succ.length) return fail(`the number of enabled actions (${succ.length} before, ${other.length} after)`);
      for (let j = 0; j < succ.length; j++) if (other[j] !== succ[j]) return fail('the successors (up to symmetry)');
    }
  }
  return undefined;
}

/**
 * The fingerprints (53 bits of the 64) of the canonical forms of a state's successors, sorted;
 * `visit` sees each concrete one. Equal multisets of states give equal lists; a collision
 * could only hide a difference, never invent one.
 */
function successors(model: Model, canon: Canonicalizer, s: Uint32Array, ids: Int32Array, visit?: (action: number, t: Uint32Array) => void): number[] {
  const W = model.layout.words;
  const n = model.enabled(s, ids);
  const t = new Uint32Array(W);
  const c = new Uint32Array(W);
  const out: number[] = [];
  for (let j = 0; j < n; j++) {
    model.next(s, ids[j]!, t);
    visit?.(ids[j]!, t);
    canon.canonicalize(t, c);
    const lo = fingerprint(c, W);
    out.push((fpHi & 0x1fffff) * 4294967296 + lo);
  }
  return out.sort((a, b) => a - b);
}

/**
 * Whether the set of initial states is closed under the permutations (each generator maps
 * every initial state onto an initial state). The search is sound either way, since it goes
 * on from concrete states; but only then do the reachable states form whole orbits, so that
 * the sum of the stored states' orbit sizes is what a search without reduction stores.
 */
export function initialStatesClosed(model: Model, canon: Canonicalizer): boolean {
  const inits = model.initialStates();
  const keys = new Set(inits.map((s) => s.join(',')));
  const image = new Uint32Array(model.layout.words);
  for (const g of generators(canon)) {
    for (const s of inits) {
      canon.apply(s, g.perms, image);
      if (!keys.has(image.join(','))) return false;
    }
  }
  return true;
}

/** Per set, the swap of members 0 and 1 and the rotation i -> i+1 (identity on the other sets). */
function generators(canon: Canonicalizer): { name: string; perms: Int32Array[] }[] {
  const sets = canon.plan.sets;
  const identity = () => sets.map((s) => Int32Array.from({ length: s.size }, (_, i) => i));
  const out: { name: string; perms: Int32Array[] }[] = [];
  sets.forEach((set, k) => {
    if (set.size >= 2) {
      const p = identity();
      p[k]![0] = 1;
      p[k]![1] = 0;
      out.push({ name: `swapping ${set.name} 0 and 1`, perms: p });
    }
    if (set.size >= 3) {
      const p = identity();
      for (let i = 0; i < set.size; i++) p[k]![i] = (i + 1) % set.size;
      out.push({ name: `rotating ${set.name} (i -> i+1)`, perms: p });
    }
  });
  return out;
}
