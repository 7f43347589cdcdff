/**
 * The model contract: what any model (a kernel model, a Murphi-style classic, a user's own)
 * gives the explorer. It is a labelled transition system over fixed-width packed states.
 *
 * Why this shape: `enabled` writes action ids into a caller-owned buffer and `next` writes the
 * successor into a caller-owned state, so the search loop allocates nothing per state. Actions
 * are a static table (id = index) so traces, exports and minimisation can name each step by its
 * thread and, for kernel models, by the kernel function and spec section it stands for.
 */
import type { Layout } from './layout.ts';

/** A thread (process) of the model. Actions belong to exactly one thread. */
export interface ThreadInfo {
  readonly name: string;
  readonly description?: string;
}

/**
 * What one action touches, by layout field: `'pc'` is every element of field pc, `'pc[2]'` one
 * element. `guard`: what the guard reads; `reads`: what the update reads (the values its
 * result depends on); `writes`: what the update may write. Partial-order reduction
 * (src/explorer/por) trusts these sets; `--verify-footprints` checks them over a full search.
 */
export interface Footprint {
  readonly guard: readonly string[];
  readonly reads: readonly string[];
  readonly writes: readonly string[];
  /**
   * Optional: values the guard needs (`{ 'pc[2]': 'Hungry' }`: the guard is true only when
   * pc[2] is Hungry; numbers, booleans or a oneOf value's name). Where one of them does not
   * hold, only the actions writing that element can enable the action, which is what lets the
   * reduction leave other threads alone; without it, every writer of a guard field counts.
   */
  readonly when?: Readonly<Record<string, number | boolean | string>>;
}

/** One entry of the static action table. */
export interface ActionInfo {
  /** Short unique name, e.g. `z_lock[1]` or `Z iomap_zero_iter_flush_and_stale [B.2]`. */
  readonly name: string;
  /** Index into `Model.threads`. */
  readonly thread: number;
  /** Kernel function the step stands for (kernel models name one for every action). */
  readonly kernelFunction?: string;
  /** Spec section, e.g. `B.2`. */
  readonly specSection?: string;
  readonly description?: string;
  /**
   * What the step decided, in the domain's words, for traces: a result a field change alone
   * would not show (a lookup that returns HOLE into a field that already held HOLE; a fill
   * that leaves the batch empty and the flag unset). Called only when rendering a trace.
   */
  readonly outcome?: (before: Uint32Array, after: Uint32Array) => string | undefined;
  /** The fields the action reads and writes (needed by --por, checked by --verify-footprints). */
  readonly footprint?: Footprint;
}

/** A state predicate that must hold in every reachable state. */
export interface Invariant {
  readonly name: string;
  readonly description?: string;
  holds(state: Uint32Array): boolean;
  /** The fields `holds` reads, as in Footprint (needed by --por for invariants). */
  readonly reads?: readonly string[];
}

/**
 * What a blocked thread waits for, and which threads can end the wait. Used to print the
 * wait-for cycle of a deadlock. `lockdep` says whether Linux lockdep tracks this kind of
 * edge ('tracked') or cannot see it ('invisible'); absent for non-kernel models.
 */
export interface WaitInfo {
  /** Edge kind, e.g. `PG_writeback`, `T_LOCKED`, `t_updates`, `folio_lock`. */
  readonly kind: string;
  /** One line a person reads: what is waited for, e.g. `PG_writeback of folio 0`. */
  readonly what: string;
  /** Threads whose progress can end the wait. */
  readonly on: readonly number[];
  readonly lockdep?: 'tracked' | 'invisible';
  /**
   * For kernel models: the lockdep annotation that makes the edge visible (e.g.
   * `jbd2_might_wait_for_commit in wait_transaction_locked`), or why lockdep cannot see it.
   */
  readonly annotation?: string;
}

/**
 * A symmetric index set (Murphi's scalarset): `size` identical members whose indices can be
 * permuted without changing what the model does. `--symmetry` (src/explorer/symmetry/) then
 * stores one state per orbit. Only sound when the model really is symmetric: the rules, the
 * initial states and every property treat the members alike (see the README).
 */
export interface Scalarset {
  /** A name for messages, e.g. `node`. */
  readonly name: string;
  /** Members, numbered 0..size-1. */
  readonly size: number;
  /**
   * Array fields indexed by the set: a field of `size * k` elements, member i owning the
   * elements i*k .. i*k+k-1 (k = 1: one element per member). Permuting moves these blocks.
   */
  readonly indexes: readonly string[];
  /**
   * Fields (scalars or arrays) whose values name members: the value `offset + i` stands for
   * member i (offset 0 when given as a bare field name); any other value (a "none", such as
   * 0 with offset 1) is left alone. Permuting renames these values.
   */
  readonly values?: readonly (string | { readonly field: string; readonly offset: number })[];
}

/** Deadlock semantics, as Rumur names them. */
export type DeadlockMode =
  /** A state with no enabled action that is not a valid end state is a deadlock. */
  | 'stuck'
  /** Also a deadlock: every enabled action leads back to the same state (default, as Rumur's). */
  | 'stuttering'
  /** No deadlock checking. */
  | 'off';

export interface Model {
  readonly name: string;
  readonly layout: Layout;
  readonly threads: readonly ThreadInfo[];
  readonly actions: readonly ActionInfo[];
  /** The initial states (each `layout.words` long). Called once per run. */
  initialStates(): readonly Uint32Array[];
  /**
   * Writes the ids of the actions enabled in `state` into `out` (length >= actions.length)
   * and returns how many. Must not allocate: it runs once per explored state.
   */
  enabled(state: Uint32Array, out: Int32Array): number;
  /** Writes the successor of `state` under enabled action `action` into `out`. */
  next(state: Uint32Array, action: number, out: Uint32Array): void;
  /** State invariants, checked once per distinct reachable state. */
  readonly invariants: readonly Invariant[];
  /**
   * Predicates checked only at terminal states (no enabled action) that are valid end
   * states, e.g. "after all writeback the zeroed range reads zero".
   */
  readonly endChecks?: readonly Invariant[];
  /** Whether a state with no enabled action is an acceptable end. Default: never. */
  isValidEnd?(state: Uint32Array): boolean;
  /** Default deadlock semantics for this model; the caller may override. */
  readonly deadlock?: DeadlockMode;
  /** For a blocked thread, what it waits for; undefined when it is not blocked. */
  waitsFor?(state: Uint32Array, thread: number): WaitInfo | undefined;
  /**
   * One action's guard alone, and its update into `out` (already a copy of `state`): how
   * --verify-footprints traces each action's field accesses (defineModel models have both).
   */
  actionGuard?(action: number, state: Uint32Array): boolean;
  actionUpdate?(action: number, state: Uint32Array, out: Uint32Array): void;
  /** Parameters the model was built from, recorded in every artefact for reproducibility. */
  readonly params?: Readonly<Record<string, string | number | boolean>>;
  /**
   * Other names of properties, as this model's users know them (the kernel model calls the
   * built-in `deadlock` D2, after the spec): accepted by `--property` and used for export
   * folders, so one property has one name in every artefact.
   */
  readonly propertyAliases?: Readonly<Record<string, string>>;
  /** Symmetric index sets, used by `check(model, { symmetry: true })` (`--symmetry`). */
  readonly symmetry?: readonly Scalarset[];
}

/** The name a property goes by in this model's artefacts (`deadlock` -> `D2` in the kernel model). */
export function propertyDisplayName(model: Model, property: string): string {
  return model.propertyAliases?.[property] ?? property;
}

/** Name of the built-in property violated by a deadlocked state. */
export const DEADLOCK = 'deadlock';
