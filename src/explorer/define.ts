/**
 * `defineModel`: the Murphi-style way to write a model against the public API. Rules are
 * guarded commands (guard ==> atomic update) owned by a thread; the builder compiles them
 * into the `Model` contract (static action table, `enabled`, `next`).
 *
 * `update(state, next)` receives `next` already holding a copy of `state`, so a rule writes
 * only what it changes, exactly as a Murphi rule body assigns only some variables.
 */
import type { Layout } from './layout.ts';
import type { DeadlockMode, Footprint, Invariant, Model, Scalarset, ThreadInfo, WaitInfo } from './model.ts';
import { compileRules } from './compileRules.ts';
import { learnDispatch } from './guardDispatch.ts';
import { RuleError } from './ruleError.ts';

export { RuleError } from './ruleError.ts';

export interface Rule {
  readonly name: string;
  /** Owning thread, by name (threads are created in order of first use) or index. */
  readonly thread: string | number;
  guard(state: Uint32Array): boolean;
  update(state: Uint32Array, next: Uint32Array): void;
  readonly kernelFunction?: string;
  readonly specSection?: string;
  readonly description?: string;
  /** What the step decided, for traces (see ActionInfo.outcome). */
  outcome?(before: Uint32Array, after: Uint32Array): string | undefined;
  /** Fields the guard reads and the update reads and writes (see Footprint; needed by --por). */
  readonly footprint?: Footprint;
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
  /** Other names of properties (`{ deadlock: 'D2' }`), see Model.propertyAliases. */
  readonly propertyAliases?: Readonly<Record<string, string>>;
  /** Symmetric index sets (Murphi's scalarsets), see Model.symmetry; used with `--symmetry`. */
  readonly symmetry?: readonly Scalarset[];
  /**
   * Declared threads with no rule are an error by default (usually a rule names a thread with a
   * typo); a model whose threads may be absent in some configurations sets this.
   */
  readonly allowIdleThreads?: boolean;
  /**
   * Guards must be functions of the state alone (what they return, and which fields they
   * read, depends on nothing else), as every rule's guard and update must be for the search
   * to mean anything. defineModel relies on it to skip, in each state, guards that the values
   * of up to three field elements already decide (guardDispatch.ts). `false` turns that off:
   * every guard is called in every state.
   */
  readonly guardDispatch?: boolean;
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

/** A definition defineModel cannot accept: the message names the bad part and value. */
export class ModelDefinitionError extends Error {
  constructor(model: unknown, message: string) {
    super(`defineModel(${typeof model === 'string' && model !== '' ? JSON.stringify(model) : '?'}): ${message}`);
    this.name = 'ModelDefinitionError';
  }
}

const DEADLOCK_MODES = ['stuck', 'stuttering', 'off'];

/** Throws ModelDefinitionError for what TypeScript cannot rule out (JavaScript models, casts). */
function validateDefinition(def: ModelDefinition): void {
  const fail = (m: string): never => {
    throw new ModelDefinitionError((def as { name?: unknown })?.name, m);
  };
  if (def === null || typeof def !== 'object') fail(`expected a definition object, got ${def === null ? 'null' : typeof def}`);
  if (typeof def.name !== 'string' || def.name.trim() === '') fail('name must be a non-empty string');
  const l = def.layout as Partial<Layout> | undefined;
  if (l === null || typeof l !== 'object' || typeof l.words !== 'number' || typeof l.blank !== 'function') fail('layout must be a Layout made by defineLayout');
  if (!Array.isArray(def.rules)) fail('rules must be an array of { name, thread, guard, update }');
  def.rules.forEach((r, i) => {
    if (r === null || typeof r !== 'object') fail(`rules[${i}] is ${r === null ? 'null' : typeof r}, not a rule`);
    if (typeof r.name !== 'string' || r.name === '') fail(`rules[${i}] needs a non-empty name`);
    if (typeof r.thread !== 'string' && typeof r.thread !== 'number') fail(`rule ${JSON.stringify(r.name)}: thread must be a thread name or index, got ${JSON.stringify(r.thread)}`);
    if (typeof r.guard !== 'function') fail(`rule ${JSON.stringify(r.name)}: guard must be a function (state) => boolean`);
    if (typeof r.update !== 'function') fail(`rule ${JSON.stringify(r.name)}: update must be a function (state, next) => void`);
  });
  if (def.init !== undefined) {
    const inits = typeof def.init === 'function' ? [def.init] : def.init;
    if (!Array.isArray(inits)) fail('init must be a function or a list of functions');
    if (inits.length === 0) fail('init is an empty list: a model needs at least one initial state (omit init for the all-minimum state)');
    inits.forEach((f, i) => typeof f !== 'function' && fail(`init[${i}] must be a function (state) => void`));
  }
  const propertyNames = new Set<string>();
  for (const [kind, list] of [['invariants', def.invariants], ['endChecks', def.endChecks]] as const) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) fail(`${kind} must be an array of { name, holds }`);
    list.forEach((p, i) => {
      if (p === null || typeof p !== 'object' || typeof p.name !== 'string' || p.name === '') fail(`${kind}[${i}] needs a non-empty name`);
      if (typeof p.holds !== 'function') fail(`${kind}[${i}] (${p.name}): holds must be a function (state) => boolean`);
      if (p.name === 'deadlock') fail(`${kind}[${i}] is named 'deadlock', the name of the built-in deadlock property; choose another name`);
      if (propertyNames.has(p.name)) fail(`the property name ${JSON.stringify(p.name)} is used twice (invariants and end checks share one namespace)`);
      propertyNames.add(p.name);
    });
  }
  if (def.isValidEnd !== undefined && typeof def.isValidEnd !== 'function') fail('isValidEnd must be a function (state) => boolean');
  if (def.waitsFor !== undefined && typeof def.waitsFor !== 'function') fail('waitsFor must be a function (state, thread) => WaitInfo | undefined');
  if (def.deadlock !== undefined && !DEADLOCK_MODES.includes(def.deadlock)) fail(`deadlock must be one of ${DEADLOCK_MODES.join(', ')}, got ${JSON.stringify(def.deadlock)}`);
  if (def.threads !== undefined && !Array.isArray(def.threads)) fail('threads must be a list of thread names');
}

/** Compiles a rule-based definition into the explorer's `Model` contract. */
export function defineModel(def: ModelDefinition): Model {
  validateDefinition(def);
  const fail = (m: string): never => {
    throw new ModelDefinitionError(def.name, m);
  };
  const threads: ThreadInfo[] = [];
  const threadIndex = new Map<string, number>();
  for (const t of def.threads ?? []) {
    const info = typeof t === 'string' ? { name: t } : t;
    if (typeof info?.name !== 'string' || info.name === '') fail(`threads: ${JSON.stringify(t)} is not a thread name`);
    if (threadIndex.has(info.name)) fail(`thread ${JSON.stringify(info.name)} is declared twice`);
    threadIndex.set(info.name, threads.length);
    threads.push(info);
  }
  const declared = threads.length;
  const names = new Set<string>();
  const actions = def.rules.map((r) => {
    if (names.has(r.name)) fail(`rule name ${JSON.stringify(r.name)} is used twice; rule names must be unique`);
    names.add(r.name);
    let thread: number;
    if (typeof r.thread === 'number') {
      if (!Number.isInteger(r.thread) || r.thread < 0 || r.thread >= threads.length) {
        fail(`rule ${JSON.stringify(r.name)}: thread index ${r.thread} is not declared (threads: ${threads.length})`);
      }
      thread = r.thread;
    } else {
      const known = threadIndex.get(r.thread);
      if (known === undefined) {
        // Threads named only by rules are appended in order of first use (documented); a typo
        // ('P0' for 'p0') then leaves the declared thread without rules, which is refused below.
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
      ...(r.outcome !== undefined ? { outcome: (b: Uint32Array, a: Uint32Array) => r.outcome!(b, a) } : {}),
      ...(r.description !== undefined ? { description: r.description } : {}),
      ...(r.footprint !== undefined ? { footprint: r.footprint } : {}),
    };
  });
  if (declared > 0 && def.allowIdleThreads !== true) {
    const idle = threads.slice(0, declared).filter((_, t) => !actions.some((a) => a.thread === t));
    if (idle.length > 0) {
      fail(
        `declared thread${idle.length === 1 ? '' : 's'} ${idle.map((t) => JSON.stringify(t.name)).join(', ')} ${idle.length === 1 ? 'has' : 'have'} no rule (rules name threads ${[...new Set(def.rules.map((r) => JSON.stringify(r.thread)))].join(', ')}; a typo?); set allowIdleThreads: true if that is intended`,
      );
    }
  }
  const guards = def.rules.map((r) => r.guard);
  const updates = def.rules.map((r) => r.update);
  const nRules = guards.length;
  const words = def.layout.words;
  const inits = def.init === undefined ? [] : typeof def.init === 'function' ? [def.init] : def.init;

  // Guards are functions of the state alone, so what a few field values decide need not be asked in each state (guardDispatch.ts).
  const dispatch = def.guardDispatch === false ? undefined : learnDispatch(guards, def.layout);
  const compiled = compileRules(guards, updates, def.rules.map((r) => r.name), words, dispatch);
  const model: Model = {
    name: def.name,
    layout: def.layout,
    threads,
    actions,
    initialStates() {
      if (inits.length === 0) return [def.layout.blank()];
      return inits.map((f, i) => {
        const s = def.layout.blank();
        try {
          f(s);
        } catch (e) {
          throw new RuleError(`init[${i}]`, 'init', e);
        }
        return s;
      });
    },
    // The generated pair (compileRules.ts) when code generation is allowed; these loops are
    // the same semantics, kept for where it is not.
    enabled: compiled?.enabled ?? function enabled(state, out) {
      let n = 0;
      let i = 0;
      try {
        for (; i < nRules; i++) if (guards[i]!(state)) out[n++] = i;
      } catch (e) {
        throw new RuleError(def.rules[i]!.name, 'guard', e);
      }
      return n;
    },
    next: compiled?.next ?? function next(state, action, out) {
      for (let w = 0; w < words; w++) out[w] = state[w]!;
      try {
        updates[action]!(state, out);
      } catch (e) {
        throw new RuleError(def.rules[action]!.name, 'update', e);
      }
    },
    actionGuard(action, state) {
      try {
        return guards[action]!(state);
      } catch (e) {
        throw new RuleError(def.rules[action]!.name, 'guard', e);
      }
    },
    actionUpdate(action, state, out) {
      try {
        updates[action]!(state, out);
      } catch (e) {
        throw new RuleError(def.rules[action]!.name, 'update', e);
      }
    },
    invariants: def.invariants ?? [],
    ...(def.endChecks !== undefined ? { endChecks: def.endChecks } : {}),
    ...(def.isValidEnd !== undefined ? { isValidEnd: def.isValidEnd } : {}),
    ...(def.deadlock !== undefined ? { deadlock: def.deadlock } : {}),
    ...(def.waitsFor !== undefined ? { waitsFor: def.waitsFor } : {}),
    ...(def.params !== undefined ? { params: def.params } : {}),
    ...(def.propertyAliases !== undefined ? { propertyAliases: def.propertyAliases } : {}),
    ...(def.symmetry !== undefined ? { symmetry: def.symmetry } : {}),
  };
  return model;
}
