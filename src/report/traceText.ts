/**
 * Terminal rendering of a counterexample: one line per step with the thread, the action, the
 * kernel function and spec section it stands for, and the fields that changed. This is what
 * `zrcheck check` prints; the richer exports (ITF, Markdown, Mermaid, HTML) live beside it.
 */
import type { Model } from '../explorer/model.ts';
import type { Trace } from '../explorer/outcome.ts';

type Shown = boolean | number | string | Array<boolean | number | string>;

/** Field-level differences between two states, as `name: old→new` (arrays per element). */
export function changedFields(model: Model, before: Uint32Array, after: Uint32Array): string[] {
  const a = model.layout.describe(before);
  const b = model.layout.describe(after);
  const out: string[] = [];
  for (const k of Object.keys(b)) {
    const x: Shown = a[k]!;
    const y: Shown = b[k]!;
    if (Array.isArray(x) && Array.isArray(y)) {
      for (let i = 0; i < y.length; i++) if (x[i] !== y[i]) out.push(`${k}[${i}]: ${String(x[i])}→${String(y[i])}`);
    } else if (x !== y) out.push(`${k}: ${String(x)}→${String(y)}`);
  }
  return out;
}

/**
 * What a step did, for a trace row: the action's own account of what it decided (a lookup
 * result, an empty fill) first, then the field changes. The account matters when the result
 * lands in a field that already held that value, where a diff shows nothing.
 */
export function stepChanges(model: Model, action: number, before: Uint32Array, after: Uint32Array): string[] {
  const said = model.actions[action]?.outcome?.(before, after);
  const changes = changedFields(model, before, after);
  return said !== undefined && said !== '' ? [`**${said}**`, ...changes] : changes;
}

/** The initial state as `name=value` pairs (arrays compact). */
export function showState(model: Model, state: Uint32Array): string {
  const d = model.layout.describe(state);
  return Object.entries(d)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.map(String).join(',')}]` : String(v)}`)
    .join(' ');
}

/** Multi-line text of a trace, numbered from 1. */
export function traceText(model: Model, trace: Trace): string {
  const lines = [`  0  (initial)  ${showState(model, trace.initial)}`];
  let prev = trace.initial;
  trace.steps.forEach((step, i) => {
    const a = model.actions[step.action]!;
    const thread = model.threads[a.thread]?.name ?? `#${a.thread}`;
    // Kernel actions usually carry the function in their name already; say it once.
    const where = a.kernelFunction && !a.name.includes(a.kernelFunction) ? `  ${a.kernelFunction}${a.specSection ? ` [${a.specSection}]` : ''}` : '';
    const changes = stepChanges(model, step.action, prev, step.state).map((c) => c.replace(/^\*\*(.*)\*\*$/, '$1'));
    const label = stepLabel(thread, a.name);
    lines.push(`${String(i + 1).padStart(3)}  ${label}${where}`);
    if (changes.length > 0) lines.push(`       ${changes.join(', ')}`);
    prev = step.state;
  });
  return lines.join('\n');
}

/** Context switches in a trace: steps whose thread differs from the previous step's. */
export function contextSwitches(model: Model, trace: Trace): number {
  let n = 0;
  for (let i = 1; i < trace.steps.length; i++) {
    if (model.actions[trace.steps[i]!.action]!.thread !== model.actions[trace.steps[i - 1]!.action]!.thread) n++;
  }
  return n;
}

/**
 * `thread: action`, except that kernel actions already start with their thread's name
 * (`Z truncate_pagecache_range`): the thread is then said once.
 */
export function stepLabel(thread: string, action: string): string {
  return action.startsWith(`${thread} `) ? action : `${thread}: ${action}`;
}
