/**
 * Reading an ITF file back: JSON parse plus every structural check `zrcheck replay` relies on,
 * each failure a one-line message naming the file and what is wrong. A trace is only replayed
 * when the file is consistent with itself: its format, its vars, a `#meta.steps` entry per
 * transition that agrees with each state's action, thread and index, and the violation at the
 * last state. An edited or truncated file is malformed (exit 2), not "reproduced".
 */
import { ACTION_TAKEN, NONDET_PICKS, type ItfTrace } from './itfTypes.ts';

export type ParsedItf = { readonly ok: true; readonly itf: ItfTrace } | { readonly ok: false; readonly error: string };

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Parses and checks an ITF text written by zrcheck. */
export function parseItf(text: string, name = 'ITF file'): ParsedItf {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${name} is not JSON: ${(e as Error).message}` };
  }
  const bad = (what: string): ParsedItf => ({ ok: false, error: `${name}: ${what}` });
  if (!isObject(doc)) return { ok: false, error: `${name} is not a JSON object` };
  const meta = doc['#meta'];
  if (!isObject(meta)) return bad('no #meta object');
  if (meta['tool'] !== 'zrcheck') return { ok: false, error: `${name} was not written by zrcheck (#meta.tool is ${JSON.stringify(meta['tool'])})` };
  if (meta['format'] !== 'ITF') return bad(`#meta.format is ${JSON.stringify(meta['format'])}, not "ITF"`);
  const vars = doc['vars'];
  if (!Array.isArray(vars) || !vars.every((v) => typeof v === 'string')) return bad('vars is not a list of names');
  if (!vars.includes(ACTION_TAKEN)) return bad(`vars does not list ${ACTION_TAKEN}`);
  const states = doc['states'];
  if (!Array.isArray(states) || states.length === 0) return bad('states is not a non-empty list');
  for (const [i, s] of states.entries()) {
    if (!isObject(s)) return bad(`state ${i} is not an object`);
    for (const v of vars) if (!(v in s)) return bad(`state ${i} does not define var ${v}`);
    for (const k of Object.keys(s)) if (k !== '#meta' && !vars.includes(k)) return bad(`state ${i} has ${k}, which vars does not list`);
    const sm = s['#meta'];
    if (!isObject(sm) || sm['index'] !== i) return bad(`state ${i}: #meta.index is ${JSON.stringify(isObject(sm) ? sm['index'] : undefined)}, expected ${i}`);
  }
  if (states[0][ACTION_TAKEN] !== 'init') return bad(`state 0 must have ${ACTION_TAKEN} "init"`);
  if (typeof meta['property'] !== 'string') return bad('#meta.property is missing');
  if (!['invariant', 'deadlock', 'end-check'].includes(meta['violationKind'] as string)) {
    return bad(`#meta.violationKind ${JSON.stringify(meta['violationKind'])} is not invariant, deadlock or end-check`);
  }
  if (meta['violationState'] !== states.length - 1) {
    return bad(`#meta.violationState is ${JSON.stringify(meta['violationState'])}, but the violation is the last state, ${states.length - 1}`);
  }
  const threads = meta['threads'];
  if (!Array.isArray(threads) || !threads.every((t) => typeof t === 'string')) return bad('#meta.threads is not a list of thread names');
  const steps = meta['steps'];
  if (!Array.isArray(steps) || steps.length !== states.length - 1) {
    return bad(`#meta.steps has ${Array.isArray(steps) ? steps.length : 'no'} entries for ${states.length - 1} transitions`);
  }
  for (const [i, st] of steps.entries()) {
    const state = states[i + 1] as Record<string, unknown>;
    if (!isObject(st) || st['step'] !== i + 1) return bad(`#meta.steps[${i}].step is not ${i + 1}`);
    if (st['action'] !== state[ACTION_TAKEN]) {
      return bad(`#meta.steps[${i}] says action ${JSON.stringify(st['action'])}, state ${i + 1} took ${JSON.stringify(state[ACTION_TAKEN])}`);
    }
    if (typeof st['thread'] !== 'string' || !threads.includes(st['thread'])) return bad(`#meta.steps[${i}].thread ${JSON.stringify(st['thread'])} is not one of #meta.threads`);
    const sm = state['#meta'] as Record<string, unknown>;
    if (sm['action'] !== st['action'] || sm['thread'] !== st['thread']) return bad(`state ${i + 1}: its #meta disagrees with #meta.steps[${i}] (action or thread)`);
    const pick = state[NONDET_PICKS] as { thread?: { tag?: string; value?: unknown } } | undefined;
    if (vars.includes(NONDET_PICKS) && (pick?.thread?.tag !== 'Some' || pick.thread.value !== st['thread'])) {
      return bad(`state ${i + 1}: ${NONDET_PICKS} names thread ${JSON.stringify(pick?.thread?.value)}, #meta.steps[${i}] says ${JSON.stringify(st['thread'])}`);
    }
  }
  const src = meta['source'];
  if (!isObject(src) || !['module', 'kernel', 'inline'].includes(src['kind'] as string)) {
    return bad('#meta.source does not say how to rebuild the model');
  }
  if (src['kind'] === 'module' && typeof src['path'] !== 'string') return bad('#meta.source.path is missing');
  if (src['kind'] === 'kernel') {
    if (typeof src['variant'] !== 'string') return bad('#meta.source needs a variant');
    if (typeof src['scenario'] !== 'string' && typeof src['layout'] !== 'string') return bad('#meta.source needs a scenario or a layout');
    if (src['profile'] !== undefined && typeof src['profile'] !== 'string') return bad('#meta.source.profile is not a string');
    if (src['counterfactual'] !== undefined && typeof src['counterfactual'] !== 'boolean') return bad('#meta.source.counterfactual is not a boolean');
  }
  const model = meta['model'];
  if (!isObject(model) || typeof model['hash'] !== 'string') return bad('#meta.model.hash is missing');
  if (!Number.isInteger(meta['initialStateIndex'])) return bad('#meta.initialStateIndex is missing');
  return { ok: true, itf: doc as unknown as ItfTrace };
}
