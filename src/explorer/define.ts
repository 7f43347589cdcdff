/**
 * `defineModel`: the Murphi-style way to write a model against the public API. Rules are
 * guarded commands (guard ==> atomic update) owned by a thread; the builder compiles them
 * into the `Model` contract (static action table, `enabled`, `next`).
 *
 * `update(state, next)` receives `next` already holding a copy of `state`, so a rule writes
 * only what it changes, exactly as a Murphi rule body assigns only some variables.
 */
import type { Layout } from './layout.ts';
import type { DeadlockMode, Invariant, Model, ThreadInfo, WaitInfo } from './model.ts';

export interface Rule {
  readonly name: string;
  /** Owning thread, by name (threads are created in order of first use) or index. */
  readonly thread: string | number;
  guard(state: Uint32Array): boolean;
  update(state: Uint32Array, next: Uint32Array): void;
  readonly kernelFunction?: string;
  readonly specSection?: string;
  readonly description?: string;
}

export interface ModelDefinition {
  readonly name: string;
  readonly layout: Layout;
  /** Thread names or infos; threads named by rules but not listed here are appended. */
  readonly threads?: readonly (string | ThreadInfo)[];
  /**
   * Initial state(s): each function receives a blank state (all fields at their minimum)
   * and sets what differs. Omitted: the single all-minimum state.
   */
  readonly init?: ((state: Uint32Array) => void) | readonly ((state: Uint32Array) => void)[];
  readonly rules: readonly Rule[];
  readonly invariants?: readonly Invariant[];
  readonly endChecks?: readonly Invariant[];
  readonly isValidEnd?: (state: Uint32Array) => boolean;
  readonly deadlock?: DeadlockMode;
  readonly waitsFor?: (state: Uint32Array, thread: number) => WaitInfo | undefined;
  readonly params?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * `ruleset(n, i => rule | rule[])`: rules for i in 0..n-1, as Murphi's `ruleset i: 0..n-1 do`.
 * Several rules per value come out rule-major, A[0], A[1], ..., B[0], B[1], ..., which is the
 * order Murphi and Rumur fire them in: exhaustive counts never depend on the order, but which
 * of several equally short traces BFS reports, and where a run stops at an error, do.
 */
export function ruleset<T>(n: number, make: (i: number) => T | readonly T[]): T[] {
  const byValue: (readonly T[])[] = [];
  for (let i = 0; i < n; i++) {
    const r = make(i);
    byValue.push(Array.isArray(r) ? (r as readonly T[]) : [r as T]);
  }
  const width = Math.max(0, ...byValue.map((r) => r.length));
  const out: T[] = [];
  for (let k = 0; k < width; k++) for (const rules of byValue) if (k < rules.length) out.push(rules[k]!);
  return out;
}

/** Compiles a rule-based definition into the explorer's `Model` contract. */
export function defineModel(def: ModelDefinition): Model {
  const threads: ThreadInfo[] = [];
  const threadIndex = new Map<string, number>();
  for (const t of def.threads ?? []) {
    const info = typeof t === 'string' ? { name: t } : t;
    if (threadIndex.has(info.name)) throw new Error(`thread ${info.name} is declared twice`);
    threadIndex.set(info.name, threads.length);
    threads.push(info);
  }
  const names = new Set<string>();
  const actions = def.rules.map((r) => {
    if (names.has(r.name)) throw new Error(`rule name ${r.name} is used twice; rule names must be unique`);
    names.add(r.name);
    let thread: number;
    if (typeof r.thread === 'number') {
      if (!Number.isInteger(r.thread) || r.thread < 0 || r.thread >= threads.length) {
        throw new Error(`rule ${r.name}: thread index ${r.thread} is not declared`);
      }
      thread = r.thread;
    } else {
      const known = threadIndex.get(r.thread);
      if (known === undefined) {
        thread = threads.length;
        threadIndex.set(r.thread, thread);
        threads.push({ name: r.thread });
      } else thread = known;
    }
    return {
      name: r.name,
      thread,
      ...(r.kernelFunction !== undefined ? { kernelFunction: r.kernelFunction } : {}),
      ...(r.specSection !== undefined ? { specSection: r.specSection } : {}),
      ...(r.description !== undefined ? { description: r.description } : {}),
    };
  });
  const guards = def.rules.map((r) => r.guard);
  const updates = def.rules.map((r) => r.update);
  const nRules = guards.length;
  const words = def.layout.words;
  const inits = def.init === undefined ? [] : typeof def.init === 'function' ? [def.init] : def.init;

  const model: Model = {
    name: def.name,
    layout: def.layout,
    threads,
    actions,
    initialStates() {
      if (inits.length === 0) return [def.layout.blank()];
      return inits.map((f) => {
        const s = def.layout.blank();
        f(s);
        return s;
      });
    },
    enabled(state, out) {
      let n = 0;
      for (let i = 0; i < nRules; i++) if (guards[i]!(state)) out[n++] = i;
      return n;
    },
    next(state, action, out) {
      for (let w = 0; w < words; w++) out[w] = state[w]!;
      updates[action]!(state, out);
    },
    invariants: def.invariants ?? [],
    ...(def.endChecks !== undefined ? { endChecks: def.endChecks } : {}),
    ...(def.isValidEnd !== undefined ? { isValidEnd: def.isValidEnd } : {}),
    ...(def.deadlock !== undefined ? { deadlock: def.deadlock } : {}),
    ...(def.waitsFor !== undefined ? { waitsFor: def.waitsFor } : {}),
    ...(def.params !== undefined ? { params: def.params } : {}),
  };
  return model;
}
