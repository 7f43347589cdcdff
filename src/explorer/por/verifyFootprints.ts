/**
 * --verify-footprints: a model wrapped so that a full search over it checks, in every reachable
 * state, that each action's guard, each fired update and each invariant (and each end check
 * that declares its reads) touch only the fields their footprints declare. The first access
 * outside a declaration throws a FootprintError naming the rule, the field and the state; the
 * search turns it into a ZR_MODEL_FOOTPRINT error with the trace that reaches that state.
 *
 * How accesses are traced (sound for reads and writes, whatever way the model touches a state):
 * - the guard, the update and the property run on Proxy views of private copies of the state
 *   (the pre-state, and the next state already holding a copy of it, as defineModel's `update`
 *   receives it);
 * - the layout's field accessors (get, is, set; nameOf and show go through get) are replaced,
 *   for the run, by wrappers that record the exact field element when handed one of those
 *   views, then run the original accessor on the plain copy;
 * - a raw word access on a view (state[w], not through a field) counts as a read of every
 *   field element in that word; any method taken from a view (slice, set, ...) as a read of
 *   every element;
 * - writes: every element `set` on the next state, plus every element whose value differs
 *   between the pre-state and the result (a raw word write is caught there).
 * A read of the next state's element the update has already set is its own write, not a read.
 * Each action's `when` values are checked wherever its guard holds. Each action's guard is evaluated in every state (enabled or not); updates in every state
 * where they are enabled. The wrapped model must agree with the plain one (same enabled set,
 * same successors), which is checked too.
 */
import type { Field, Layout } from '../layout.ts';
import type { Invariant, Model } from '../model.ts';
import { add, firstOutside, has, Slots } from './slots.ts';

/** An access outside a declared footprint (or a model that cannot be traced). */
export class FootprintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FootprintError';
  }
}

type Get = Field['get'];
type Is = Field['is'];
type SetFn = Field['set'];

class Tracer {
  readonly rawS: Uint32Array;
  readonly rawO: Uint32Array;
  readonly viewS: Uint32Array;
  readonly viewO: Uint32Array;
  reads: Uint32Array;
  writes: Uint32Array;
  preWrite = -1;
  private readonly wordSlots: Uint32Array[];

  constructor(readonly slots: Slots) {
    const W = slots.layout.words;
    this.rawS = new Uint32Array(W);
    this.rawO = new Uint32Array(W);
    this.reads = slots.empty();
    this.writes = slots.empty();
    this.wordSlots = Array.from({ length: W }, (_, w) => {
      const set = slots.empty();
      slots.slotsOfWord(w, set);
      return set;
    });
    this.viewS = this.view(this.rawS, false);
    this.viewO = this.view(this.rawO, true);
  }

  begin(): void {
    this.reads.fill(0);
    this.writes.fill(0);
    this.preWrite = -1;
  }

  readSlot(isNext: boolean, slot: number): void {
    if (isNext && has(this.writes, slot)) return;
    add(this.reads, slot);
  }

  private readWord(isNext: boolean, w: number): void {
    const set = this.wordSlots[w];
    if (set === undefined) return;
    for (let i = 0; i < set.length; i++) this.reads[i]! |= set[i]! & (isNext ? ~this.writes[i]! : 0xffffffff);
  }

  private view(raw: Uint32Array, isNext: boolean): Uint32Array {
    return new Proxy(raw, {
      get: (t, p) => {
        if (typeof p === 'string' && /^\d+$/.test(p)) this.readWord(isNext, Number(p));
        const v = Reflect.get(t, p, t) as unknown;
        if (typeof v !== 'function') return v;
        for (let w = 0; w < t.length; w++) this.readWord(isNext, w);
        return (v as (...a: unknown[]) => unknown).bind(t);
      },
      set: (t, p, value) => {
        if (!isNext && typeof p === 'string' && /^\d+$/.test(p)) this.preWrite = Number(p);
        return Reflect.set(t, p, value, t);
      },
    });
  }

  /** The plain copy behind a view, or the array itself. */
  unwrap(s: Uint32Array): Uint32Array {
    return s === this.viewS ? this.rawS : s === this.viewO ? this.rawO : s;
  }
}

/** Replaces the layout's accessors with tracing ones; returns the function that restores them. */
function instrument(layout: Layout, slots: Slots, tr: Tracer): () => void {
  const saved: Array<[Field, Get, Is, SetFn]> = [];
  for (const f of layout.fieldList) {
    const get = f.get;
    const is = f.is;
    const set = f.set;
    const base = slots.base.get(f)!;
    const slotOf = (i: number | undefined): number => {
      const k = i ?? 0;
      return Number.isInteger(k) && k >= 0 && k < f.count ? base + k : -1;
    };
    saved.push([f, get, is, set]);
    f.get = (s, i) => {
      const t = tr.unwrap(s);
      if (t !== s && slotOf(i) >= 0) tr.readSlot(s === tr.viewO, slotOf(i));
      return get.call(f, t, i);
    };
    f.is = (s, i) => {
      const t = tr.unwrap(s);
      if (t !== s && slotOf(i) >= 0) tr.readSlot(s === tr.viewO, slotOf(i));
      return is.call(f, t, i);
    };
    f.set = (s, v, i) => {
      const t = tr.unwrap(s);
      if (s === tr.viewO && slotOf(i) >= 0) add(tr.writes, slotOf(i));
      if (s === tr.viewS) tr.preWrite = f.word[i ?? 0] ?? 0;
      set.call(f, t, v, i);
    };
  }
  return () => {
    for (const [f, get, is, set] of saved) {
      f.get = get;
      f.is = is;
      f.set = set;
    }
  };
}

export interface FootprintCheck {
  /** The model to search: same states and actions, every access checked. */
  readonly model: Model;
  /** Restores the layout's accessors (call when the search is over). */
  dispose(): void;
}

/**
 * The checking wrapper of `model`, or an error line when the model cannot be verified (an
 * action or invariant without a declaration, a name that is not a field, no per-action guard).
 */
export function footprintCheck(model: Model): FootprintCheck | string {
  if (typeof model.actionGuard !== 'function' || typeof model.actionUpdate !== 'function') {
    return 'the model has no per-action guard and update (actionGuard/actionUpdate; defineModel provides them), so its footprints cannot be traced';
  }
  const slots = new Slots(model.layout);
  const A = model.actions.length;
  const G: Uint32Array[] = [];
  const R: Uint32Array[] = [];
  const Wr: Uint32Array[] = [];
  const needs: { slot: number; value: number }[][] = [];
  for (const a of model.actions) {
    if (a.footprint === undefined) return `action ${JSON.stringify(a.name)} declares no footprint`;
    const list: { slot: number; value: number }[] = [];
    for (const [ref, value] of Object.entries(a.footprint.when ?? {})) {
      const e = slots.parseWhen(ref, value, `action ${JSON.stringify(a.name)} footprint.when`);
      if (typeof e === 'string') return e;
      list.push(e);
    }
    needs.push(list);
    for (const [list, part] of [[G, 'guard'], [R, 'reads'], [Wr, 'writes']] as const) {
      const set = slots.parse(a.footprint[part], `action ${JSON.stringify(a.name)} footprint.${part}`);
      if (typeof set === 'string') return set;
      list.push(set);
    }
  }
  const propReads = (p: Invariant, kind: string): Uint32Array | string | undefined =>
    p.reads === undefined ? undefined : slots.parse(p.reads, `${kind} ${JSON.stringify(p.name)} reads`);
  for (const p of model.invariants) if (p.reads === undefined) return `invariant ${JSON.stringify(p.name)} declares no reads`;

  const tr = new Tracer(slots);
  const layout = model.layout;
  const W = layout.words;
  const describe = (s: Uint32Array): string =>
    Object.entries(layout.describe(s))
      .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`)
      .join(' ');
  const fail = (who: string, what: string, slot: number, declared: Uint32Array, state: Uint32Array): never => {
    const d = slots.names(declared);
    throw new FootprintError(`${who} ${what} ${slots.name(slot)}, which its declaration leaves out (declared: ${d.length > 0 ? d.join(', ') : 'nothing'}), in state ${describe(state)}`);
  };
  const rule = (a: number) => `rule ${JSON.stringify(model.actions[a]!.name)}`;
  const enabledMark = new Uint8Array(A);
  const changed = slots.empty();

  const wrapProp = (p: Invariant, kind: string): Invariant => {
    const declared = propReads(p, kind);
    if (declared === undefined) return p;
    if (typeof declared === 'string') throw new FootprintError(declared);
    return {
      ...p,
      holds(state: Uint32Array): boolean {
        tr.rawS.set(state);
        tr.begin();
        const ok = p.holds(tr.viewS);
        const out = firstOutside(tr.reads, declared);
        if (out >= 0) fail(`${kind} ${JSON.stringify(p.name)}`, 'reads', out, declared, state);
        return ok;
      },
    };
  };
  let invariants: Invariant[];
  let endChecks: Invariant[] | undefined;
  try {
    invariants = model.invariants.map((p) => wrapProp(p, 'invariant'));
    endChecks = model.endChecks?.map((p) => wrapProp(p, 'end check'));
  } catch (e) {
    return (e as Error).message;
  }
  const restore = instrument(layout, slots, tr);
  const wrapped: Model = {
    ...model,
    // A model may be a class instance: its methods are not own properties the spread copies.
    initialStates: () => model.initialStates(),
    ...(model.isValidEnd !== undefined ? { isValidEnd: (s: Uint32Array) => model.isValidEnd!(s) } : {}),
    ...(model.waitsFor !== undefined ? { waitsFor: (s: Uint32Array, t: number) => model.waitsFor!(s, t) } : {}),
    enabled(state, out) {
      const n = model.enabled(state, out);
      enabledMark.fill(0);
      for (let j = 0; j < n; j++) enabledMark[out[j]!] = 1;
      for (let a = 0; a < A; a++) {
        tr.rawS.set(state);
        tr.begin();
        const g = model.actionGuard!(a, tr.viewS);
        if (tr.preWrite >= 0) throw new FootprintError(`${rule(a)}: the guard writes the state (word ${tr.preWrite}), in state ${describe(state)}`);
        const out2 = firstOutside(tr.reads, G[a]!);
        if (out2 >= 0) fail(rule(a), 'guard reads', out2, G[a]!, state);
        if (g) {
          for (const { slot, value } of needs[a]!) {
            if (slots.valueAt(state, slot) !== value) throw new FootprintError(`${rule(a)}: the guard holds with ${slots.name(slot)} = ${slots.valueAt(state, slot)}, but its footprint.when needs ${value}, in state ${describe(state)}`);
          }
        }
        if (g !== (enabledMark[a] === 1)) throw new FootprintError(`${rule(a)}: its guard alone says ${g}, enabled() says ${!g}, in state ${describe(state)}`);
      }
      return n;
    },
    next(state, a, out) {
      model.next(state, a, out);
      tr.rawS.set(state);
      tr.rawO.set(state);
      tr.begin();
      model.actionUpdate!(a, tr.viewS, tr.viewO);
      if (tr.preWrite >= 0) throw new FootprintError(`${rule(a)}: the update writes its pre-state (word ${tr.preWrite}), in state ${describe(state)}`);
      for (let w = 0; w < W; w++) {
        if (tr.rawO[w] !== out[w]) throw new FootprintError(`${rule(a)}: its update alone gives another successor than next(), in state ${describe(state)}`);
      }
      const r = firstOutside(tr.reads, R[a]!);
      if (r >= 0) fail(rule(a), 'update reads', r, R[a]!, state);
      changed.fill(0);
      for (const f of layout.fieldList) {
        const base = slots.base.get(f)!;
        for (let i = 0; i < f.count; i++) if (f.get(state, i) !== f.get(out, i)) add(changed, base + i);
      }
      const w1 = firstOutside(tr.writes, Wr[a]!);
      if (w1 >= 0) fail(rule(a), 'update writes', w1, Wr[a]!, state);
      const w2 = firstOutside(changed, Wr[a]!);
      if (w2 >= 0) fail(rule(a), 'update changes', w2, Wr[a]!, state);
    },
    invariants,
    ...(endChecks !== undefined ? { endChecks } : {}),
  };
  return { model: wrapped, dispose: restore };
}
