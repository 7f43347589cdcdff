/**
 * What a model bug is called: an error thrown by the model while the search ran (a guard,
 * update, invariant, end check or isValidEnd; a value outside its field; stray bits) becomes
 * a ModelError's code and one-line message naming the culprit. The trace is added by the
 * caller, which knows how the failing state was reached: check() directly, the parallel
 * search once every thread's parent log is back.
 */
import { StrayBitsError } from './bfs.ts';
import { RuleError } from './ruleError.ts';
import { FootprintError } from './por/verifyFootprints.ts';
import { LayoutIndexError, LayoutRangeError } from './layout.ts';
import type { Model } from './model.ts';
import type { ModelError, Trace } from './outcome.ts';
import type { RunPhase } from './run.ts';

/** Where the search was when the model threw: what ran, and which action was firing (-1: none). */
export interface ErrorSite {
  readonly phase: RunPhase;
  readonly action: number;
}

/** The model error for `e`, with `trace` (how the failing state was reached) when known. */
export function modelErrorOf(model: Model, e: unknown, site: ErrorSite, trace: Trace | undefined): ModelError {
  const action = site.action;
  const inner = e instanceof RuleError ? e.cause : e;
  const base = { ...(trace !== undefined ? { trace } : {}), cause: inner };
  if (e instanceof StrayBitsError) {
    // Found by the explorer after the update returned: no stack of the model's to show.
    return { code: 'ZR_MODEL_STRAY_BITS', message: `update of ${actionName(model, e.action)}: ${e.message}`, action: e.action, ...(trace !== undefined ? { trace } : {}) };
  }
  if (inner instanceof FootprintError) return { code: 'ZR_MODEL_FOOTPRINT', message: inner.message, ...(trace !== undefined ? { trace } : {}) };
  const phase = site.phase;
  const where =
    e instanceof RuleError
      ? `${e.part} of rule ${JSON.stringify(e.rule)}`
      : phase.kind === 'invariant'
        ? `invariant ${JSON.stringify(phase.name)}`
        : phase.kind === 'end-check'
          ? `end check ${JSON.stringify(phase.name)}`
          : phase.kind === 'valid-end'
            ? 'isValidEnd'
            : action >= 0
              ? `update of ${actionName(model, action)}`
              : 'enabled (the guards)';
  const withAction = action >= 0 && phase.kind === 'search' ? { action } : {};
  if (inner instanceof LayoutRangeError) return { code: 'ZR_MODEL_RANGE', message: `${where}: ${inner.message}`, ...withAction, ...base };
  if (inner instanceof LayoutIndexError) return { code: 'ZR_MODEL_INDEX', message: `${where}: ${inner.message}`, ...withAction, ...base };
  const msg = inner instanceof Error ? inner.message : String(inner);
  return { code: 'ZR_MODEL_THROW', message: `${where} threw: ${msg}`, ...withAction, ...base };
}

export function actionName(model: Model, a: number): string {
  return `action ${JSON.stringify(model.actions[a]?.name ?? `#${a}`)}`;
}
