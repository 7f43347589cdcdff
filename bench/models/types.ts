/**
 * What a benchmark model is (one file per model in bench/models/ exports one `BenchModel`),
 * plus the small text helpers every Promela generator shares. Kept apart from the registry so
 * the model files import no runner code and the runners import no model.
 *
 * The translation contract, the same as bench/promela.ts's for zr-wb-jc: one `active
 * proctype` per zrcheck thread, each a `do` loop whose every branch is one
 * `d_step { guard -> update; INV }` (a Murphi rule is one indivisible transition; the loop
 * head is the only control state, so process counters add no states), invariants asserted at
 * the end of every d_step (checked on every successor, as Rumur and zrcheck do), no end
 * labels (no enabled branch anywhere is SPIN's invalid end state, i.e. zrcheck's 'stuck'
 * deadlock; every instance holds under 'stuck' and 'stuttering' alike, which regen-counts.ts and the tests
 * check, so the three deadlock semantics agree on them).
 */
import type { Model } from '../../src/index.ts';

export type BenchParams = Readonly<Record<string, number | string>>;

export interface BenchModel {
  /** Registry key and the `--model NAME` of `npm run bench`. */
  readonly name: string;
  /** The zrcheck model module, relative to the repository root (what the CLI run loads). */
  readonly module: string;
  /** The zrcheck model: the module's default export. */
  readonly make: (params: BenchParams) => Model;
  /** The benchmark instance: at least 500,000 reachable states. */
  readonly bench: BenchParams;
  /** The `--quick` instance (defaults to `small`). */
  readonly quick?: BenchParams;
  /** A few-thousand-state instance for the test that runs all three checkers live. */
  readonly small: BenchParams;
  readonly murphi: (params: BenchParams) => string;
  readonly promela: (params: BenchParams) => string;
  /**
   * Transitions SPIN takes that are not zrcheck/Rumur rule firings (German's chain between
   * its start states, since Promela has one initial state): SPIN's "transitions" is
   * zrcheck's + this + 1 (SPIN also counts reaching the initial state). 0 when absent.
   */
  readonly spinExtraTransitions?: (params: BenchParams) => number;
}

/** A resolved integer parameter of a built model (`defineModel`'s `params`), `def` if absent. */
export function modelInt(model: Model, name: string, def?: number): number {
  const v = model.params?.[name];
  if (typeof v === 'number') return v;
  if (v === undefined && def !== undefined) return def;
  throw new Error(`${model.name}: no integer parameter ${name}`);
}

export const indices = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** One rule as a Promela `do` branch. */
export interface PmlRule {
  /** zrcheck's action name, kept as a comment so the .pml reads against the model. */
  readonly rule: string;
  readonly guard: string;
  readonly update: readonly string[];
}

/** An `active proctype` looping over its rules, each one `d_step { guard -> update; INV }`. */
export function pmlProcess(name: string, rules: readonly PmlRule[]): string {
  const branches = rules.map((r) => `  :: d_step { ${r.guard} -> ${[...r.update, 'INV'].join('; ')} }   /* ${r.rule} */`);
  return `active proctype ${name}() {\n  do\n${branches.join('\n')}\n  od\n}\n`;
}

/** `a && b && ...`, each term parenthesised; `1` (true) for none. */
export const all = (terms: readonly string[]): string => (terms.length === 0 ? '1' : terms.map((t) => `(${t})`).join(' && '));
/** `a || b || ...`, each term parenthesised; `0` (false) for none. */
export const any = (terms: readonly string[]): string => (terms.length === 0 ? '0' : terms.map((t) => `(${t})`).join(' || '));
/** The number of true terms (Promela and C booleans are 0/1). */
export const count = (terms: readonly string[]): string => (terms.length === 0 ? '0' : terms.map((t) => `(${t})`).join(' + '));
