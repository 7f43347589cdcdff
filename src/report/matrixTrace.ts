/**
 * The simple Markdown trace the matrix writes for each violated cell: one row per step (thread,
 * action, kernel function, spec section, what changed), then the wait-for explanation.
 *
 * Why here and this plain: the matrix must link every violation to a readable trace even before
 * the richer exporters (src/report/traceMarkdown*, itf*, mermaid*, html*) exist. The output is
 * deterministic (no dates, no paths) so results/ stays byte-identical between runs.
 */
import type { Model } from '../explorer/model.ts';
import type { Trace } from '../explorer/outcome.ts';

type Shown = boolean | number | string | Array<boolean | number | string>;

/** Escapes a value for a Markdown table cell. */
export function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function show(v: boolean | number | string): string {
  return String(v);
}

/** Field-level differences between two described states, e.g. `tx: RUNNING → LOCKED`. */
export function stateDiff(before: Record<string, Shown>, after: Record<string, Shown>): string[] {
  const out: string[] = [];
  for (const k of Object.keys(after)) {
    const a = before[k];
    const b = after[k]!;
    if (Array.isArray(b) && Array.isArray(a)) {
      b.forEach((x, i) => {
        if (a[i] !== x) out.push(`${k}[${i}]: ${show(a[i]!)} → ${show(x)}`);
      });
    } else if (a !== b) out.push(`${k}: ${String(a)} → ${String(b)}`);
  }
  return out;
}

/** A compact one-line view of a state, for the initial state line. */
export function stateLine(model: Model, state: Uint32Array): string {
  const d = model.layout.describe(state);
  return Object.entries(d)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`)
    .join(' ');
}

export interface TraceHeader {
  readonly title: string;
  /** Lines under the title (property description, cell key, how it was found). */
  readonly lines: readonly string[];
}

/** Renders the trace table plus an optional wait-for block (already rendered text). */
export function renderTraceMarkdown(model: Model, trace: Trace, header: TraceHeader, waitForText?: string): string {
  const out: string[] = [`# ${header.title}`, ''];
  for (const l of header.lines) out.push(l);
  if (header.lines.length > 0) out.push('');
  out.push(`Initial state: \`${stateLine(model, trace.initial)}\``, '');
  out.push('| step | thread | action | kernel function | spec | what changed |');
  out.push('|---:|---|---|---|---|---|');
  let prev = model.layout.describe(trace.initial);
  trace.steps.forEach((st, i) => {
    const info = model.actions[st.action];
    const now = model.layout.describe(st.state);
    const diff = stateDiff(prev, now);
    prev = now;
    const thread = info === undefined ? '?' : (model.threads[info.thread]?.name ?? `#${info.thread}`);
    out.push(
      `| ${i + 1} | ${mdCell(thread)} | ${mdCell(info?.name ?? `#${st.action}`)} | ${mdCell(info?.kernelFunction ?? '')} | ${mdCell(
        info?.specSection ?? '',
      )} | ${mdCell(diff.length === 0 ? '(no change)' : diff.join('; '))} |`,
    );
  });
  out.push('');
  if (waitForText !== undefined) {
    out.push('## Wait-for', '', '```text', waitForText.trimEnd(), '```', '');
  }
  return out.join('\n');
}
