/**
 * The error a rule's guard, update or init function becomes when it throws while the model
 * runs: it carries the rule's name so check() can report a model error that names it. Its own
 * file so the rule builder (define.ts) and the rule compiler (compileRules.ts) share it
 * without importing each other.
 */
export class RuleError extends Error {
  constructor(
    readonly rule: string,
    readonly part: 'guard' | 'update' | 'init',
    override readonly cause: unknown,
  ) {
    super(`${part} of rule ${rule} threw: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'RuleError';
  }
}
