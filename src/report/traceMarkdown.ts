/**
 * A counterexample as Markdown: a header (model, property, size, how to replay), the initial
 * state, then a table with one column per thread that moves — each step sits in its thread's
 * column with the kernel function and spec section it stands for — and what changed; at the
 * end, the wait-for picture of the blocked threads.
 *
 * Why thread columns: reading down one column is following one thread; a step in a new column
 * is a context switch, visible at a glance. Deterministic output (no dates, no absolute paths)
 * so committed results stay byte-identical between runs.
 */
import type { ActionInfo, Model } from '../explorer/model.ts';
import type { Violation } from '../explorer/outcome.ts';
import { lastState } from '../explorer/trace.ts';
import { metricsOf, formatMetrics } from '../minimize/metrics.ts';
import { analyzeWaits } from '../properties/waitFor.ts';
import { showState, stepChanges } from './traceText.ts';
import { renderWaitFor } from './waitForText.ts';
import type { TraceMeta } from './itf.ts';

export interface TraceMarkdownOptions {
  /** File name of the ITF export next to it, for the replay line. */
  readonly itfFile?: string;
  /**
   * Hook: the wait-for text to print at the end instead of the default
   * (src/properties/waitFor.ts analyzeWaits rendered by src/report/waitForText.ts).
   */
  readonly waitForText?: string;
}

/** Escapes text for a Markdown table cell. */
export function mdEscape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/</g, '&lt;');
}

/**
 * The kernel function and spec section of an action, each omitted when the action's name
 * already shows it (kernel models name actions like `Z iomap_zero_iter_flush_and_stale [B.2]`).
 */
export function actionExtras(a: ActionInfo): { kernelFunction?: string; specSection?: string } {
  return {
    ...(a.kernelFunction !== undefined && !a.name.includes(a.kernelFunction) ? { kernelFunction: a.kernelFunction } : {}),
    ...(a.specSection !== undefined && !a.name.includes(`[${a.specSection}]`) ? { specSection: a.specSection } : {}),
  };
}

/** ` (scenario / variant)` for titles; omitted parts that only repeat the model name. */
export function cellLabel(model: Model, meta: TraceMeta): string {
  const parts = [meta.scenario, meta.variant].filter((x): x is string => x !== undefined && !model.name.includes(x));
  return parts.length === 0 ? '' : ` (${parts.join(' / ')})`;
}

/** Threads that take at least one step, in order of first appearance. */
export function movingThreads(model: Model, violation: Violation): number[] {
  const out: number[] = [];
  for (const s of violation.trace.steps) {
    const t = model.actions[s.action]!.thread;
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** The wait-for block for the final state, or undefined when no thread is blocked. */
export function waitForSection(model: Model, violation: Violation): string | undefined {
  const state = lastState(violation.trace);
  if (model.waitsFor === undefined) {
    return violation.kind === 'deadlock' ? 'The model gives no wait information (no waitsFor): every thread is stuck.\n' : undefined;
  }
  const analysis = analyzeWaits(model, state);
  if (analysis.kind === 'none' && violation.kind !== 'deadlock') return undefined;
  return renderWaitFor(model, analysis);
}

export function traceMarkdown(model: Model, violation: Violation, meta: TraceMeta = {}, opts: TraceMarkdownOptions = {}): string {
  const trace = violation.trace;
  const actions = trace.steps.map((s) => s.action);
  const metrics = metricsOf(model, actions);
  const cols = movingThreads(model, violation);
  const name = (t: number) => model.threads[t]?.name ?? `#${t}`;
  const where = cellLabel(model, meta);
  const out: string[] = [`# ${violation.property} violated in ${model.name}${where}`, ''];
  if (meta.counterfactual !== undefined && meta.counterfactual.length > 0) {
    out.push(`> **Counterfactual**: a mix no kernel ships (${meta.counterfactual.map(mdEscape).join('; ')}).`, '');
  }
  if (meta.description !== undefined) out.push(meta.description, '');
  const params = Object.entries(model.params ?? {})
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
  out.push(`- property: \`${violation.property}\` (${violation.kind}), violated after step ${trace.steps.length}`);
  if (meta.mechanism !== undefined) out.push(`- mechanism: \`${meta.mechanism}\``);
  out.push(`- model: \`${model.name}\`${params === '' ? '' : ` with ${params}`}`);
  out.push(`- interleaving: ${formatMetrics(metrics)}`);
  if (meta.minimized !== undefined) out.push(`- minimised from: ${formatMetrics(meta.minimized.before)}`);
  if (meta.seed !== undefined) {
    out.push(`- found by fuzzing: seed ${meta.seed}${meta.fastCheckPath !== undefined ? `, path \`${meta.fastCheckPath}\`` : ''}`);
  }
  if (opts.itfFile !== undefined) out.push(`- replay: \`zrcheck replay ${opts.itfFile}\``);
  const idle = model.threads.map((_, t) => t).filter((t) => !cols.includes(t));
  if (idle.length > 0) out.push(`- threads that never move: ${idle.map(name).join(', ')}`);
  out.push('', `Initial state: \`${showState(model, trace.initial)}\``, '');

  out.push(`| step | ${cols.map((t) => mdEscape(name(t))).join(' | ')} | what changed |`);
  out.push(`|---:|${cols.map(() => '---').join('|')}|---|`);
  let prev = trace.initial;
  trace.steps.forEach((step, i) => {
    const a = model.actions[step.action]!;
    const extra = actionExtras(a);
    const cell = [`\`${mdEscape(a.name)}\``];
    if (extra.kernelFunction !== undefined) cell.push(mdEscape(extra.kernelFunction));
    if (extra.specSection !== undefined) cell.push(`[${mdEscape(extra.specSection)}]`);
    const row = cols.map((t) => (t === a.thread ? cell.join('<br>') : ''));
    const changes = stepChanges(model, step.action, prev, step.state);
    const last = i === trace.steps.length - 1;
    const stepNo = last ? `**${i + 1}**` : String(i + 1);
    out.push(`| ${stepNo} | ${row.join(' | ')} | ${changes.length === 0 ? '(no change)' : changes.map((c) => (/^\*\*.*\*\*$/.test(c) ? `**${mdEscape(c.slice(2, -2))}**` : mdEscape(c))).join(', ')} |`);
    prev = step.state;
  });
  out.push('');
  out.push(`**Step ${trace.steps.length}: ${violation.property} is violated** (${violationSentence(violation)}).`, '');
  const waits = opts.waitForText ?? waitForSection(model, violation);
  if (waits !== undefined) {
    out.push('## Wait-for at the end', '', '```text', waits.trimEnd(), '```', '');
  }
  return out.join('\n');
}

function violationSentence(v: Violation): string {
  if (v.kind === 'deadlock') return 'no thread can make progress and this is not a valid end state';
  if (v.kind === 'end-check') return 'every thread has finished, and the end-state check fails';
  return 'the invariant fails in this state';
}
