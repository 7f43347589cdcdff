/**
 * A counterexample as a Mermaid `sequenceDiagram`: one participant per thread that moves, one
 * self-message per step labelled with the action and its kernel function, a note with what
 * changed, and the violating step inside a red `rect` with a note naming the property.
 *
 * Why Mermaid: GitHub and most Markdown viewers render it inline. Labels are escaped for
 * Mermaid's parser: `#` and `;` as entity codes, the bare word "end" (which closes blocks) with
 * its first letter as an entity, everything on one line.
 */
import type { Model } from '../explorer/model.ts';
import type { Violation } from '../explorer/outcome.ts';
import { stepChanges } from './traceText.ts';
import { actionExtras, movingThreads } from './traceMarkdown.ts';

/** Escapes one label for Mermaid (entity codes render as the original characters). */
export function mermaidText(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/;(?<!#35;)/g, '#59;')
    .replace(/\bend\b/gi, (m) => `#${m.charCodeAt(0)};${m.slice(1)}`)
    .replace(/[\r\n]+/g, ' ')
    .replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));
}

const MAX_NOTE = 90;

export function traceMermaid(model: Model, violation: Violation): string {
  const cols = movingThreads(model, violation);
  const id = (t: number) => `T${t}`;
  const lines = ['sequenceDiagram', '  autonumber'];
  for (const t of cols) lines.push(`  participant ${id(t)} as ${mermaidText(model.threads[t]?.name ?? `#${t}`)}`);
  if (cols.length === 0) lines.push(`  participant M as ${mermaidText(model.name)}`);
  const steps = violation.trace.steps;
  let prev = violation.trace.initial;
  steps.forEach((step, i) => {
    const a = model.actions[step.action]!;
    const p = id(a.thread);
    const extra = actionExtras(a);
    const label = [a.name, extra.kernelFunction !== undefined ? `(${extra.kernelFunction})` : '', extra.specSection !== undefined ? `[${extra.specSection}]` : '']
      .filter((x) => x !== '')
      .join(' ');
    const last = i === steps.length - 1;
    if (last) lines.push('  rect rgb(255, 225, 225)');
    lines.push(`  ${p}->>${p}: ${mermaidText(label)}`);
    const changes = stepChanges(model, step.action, prev, step.state).map((c) => c.replace(/\*\*/g, '')).join(', ');
    if (changes !== '') {
      const short = changes.length > MAX_NOTE ? `${changes.slice(0, MAX_NOTE - 1)}…` : changes;
      lines.push(`  Note right of ${p}: ${mermaidText(short)}`);
    }
    if (last) {
      lines.push(`  Note over ${p}: ${mermaidText(`${violation.property} VIOLATED (${violation.kind})`)}`);
      lines.push('  end');
    }
    prev = step.state;
  });
  if (steps.length === 0) {
    lines.push(`  Note over ${cols.length === 0 ? 'M' : id(cols[0]!)}: ${mermaidText(`${violation.property} VIOLATED in the initial state`)}`);
  }
  return `${lines.join('\n')}\n`;
}
