/**
 * Thread lanes as a hand-rolled SVG: one column per thread that moves, one row per step, step
 * numbers in the left gutter, a box per step coloured by thread, a thin connector wherever
 * control passes to another thread (a context switch), and the violating step in red.
 *
 * Why by hand: explicit colours and no fonts, CSS variables or scripts, so it renders the same
 * in browsers, GitHub and librsvg, and needs no dependency. Each box has a <title> (tooltip)
 * with the kernel function, spec section and what changed.
 */
import type { Model } from '../explorer/model.ts';
import type { Violation } from '../explorer/outcome.ts';
import { stepChanges } from './traceText.ts';
import { movingThreads } from './traceMarkdown.ts';

/** Fill colours per lane (colour-blind friendly, light enough for black text). */
export const LANE_COLOURS = ['#cfe2f3', '#d9ead3', '#fff2cc', '#ead1dc', '#d0e0e3', '#fce5cd', '#d9d2e9', '#e6e6e6'];
export const VIOLATION_FILL = '#f4cccc';
export const VIOLATION_STROKE = '#cc0000';

const GUTTER = 44;
const LANE = 236;
const HEADER = 34;
const ROW = 28;
const BOX_H = 22;
/** Characters that fit a box at 12px monospace (about 7.2 px each). */
const MAX_LABEL = 29;

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function laneColour(column: number): string {
  return LANE_COLOURS[column % LANE_COLOURS.length]!;
}

export function traceSvg(model: Model, violation: Violation): string {
  const cols = movingThreads(model, violation);
  const col = new Map(cols.map((t, i) => [t, i]));
  const steps = violation.trace.steps;
  const width = GUTTER + Math.max(1, cols.length) * LANE + 10;
  const height = HEADER + Math.max(1, steps.length) * ROW + 12;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="12" role="img" aria-label="${xmlEscape(`thread lanes of ${violation.property} counterexample`)}">`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  cols.forEach((t, i) => {
    const cx = GUTTER + i * LANE + LANE / 2;
    out.push(`<line x1="${cx}" y1="${HEADER - 6}" x2="${cx}" y2="${height - 6}" stroke="#bbbbbb" stroke-dasharray="4 4"/>`);
    out.push(
      `<text class="lane-name" x="${cx}" y="${HEADER - 14}" text-anchor="middle" font-weight="bold" fill="#000000">${xmlEscape(model.threads[t]?.name ?? `#${t}`)}</text>`,
    );
  });
  let prev = violation.trace.initial;
  let prevCentre: { x: number; y: number } | undefined;
  let prevThread = -1;
  steps.forEach((step, i) => {
    const a = model.actions[step.action]!;
    const c = col.get(a.thread)!;
    const x = GUTTER + c * LANE + 8;
    const y = HEADER + i * ROW;
    const w = LANE - 16;
    const bad = i === steps.length - 1;
    const centre = { x: x + w / 2, y: y + BOX_H / 2 };
    if (prevCentre !== undefined && prevThread !== a.thread) {
      out.push(`<line class="switch" x1="${prevCentre.x}" y1="${prevCentre.y + BOX_H / 2}" x2="${centre.x}" y2="${centre.y - BOX_H / 2}" stroke="#666666" stroke-width="1"/>`);
    }
    const tip = [
      `step ${i + 1}: ${a.name}`,
      a.kernelFunction !== undefined ? `kernel function: ${a.kernelFunction}` : '',
      a.specSection !== undefined ? `spec: ${a.specSection}` : '',
      `changed: ${stepChanges(model, step.action, prev, step.state).map((c) => c.replace(/\*\*/g, '')).join(', ') || '(nothing)'}`,
    ]
      .filter((l) => l !== '')
      .join('\n');
    // The lane already names the thread: drop a leading `Z ` from kernel-style action names.
    const threadName = model.threads[a.thread]?.name ?? '';
    const text = threadName !== '' && a.name.startsWith(`${threadName} `) ? a.name.slice(threadName.length + 1) : a.name;
    const label = text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
    out.push(
      `<g class="step${bad ? ' violation' : ''}" data-step="${i + 1}"><title>${xmlEscape(tip)}</title>` +
        `<rect x="${x}" y="${y}" width="${w}" height="${BOX_H}" rx="4" fill="${bad ? VIOLATION_FILL : laneColour(c)}" stroke="${bad ? VIOLATION_STROKE : '#555555'}" stroke-width="${bad ? 2.5 : 1}"/>` +
        `<text x="${x + 6}" y="${y + 15}" fill="#000000">${xmlEscape(label)}</text></g>`,
    );
    out.push(`<text x="${GUTTER - 8}" y="${y + 15}" text-anchor="end" fill="${bad ? VIOLATION_STROKE : '#555555'}">${i + 1}</text>`);
    prev = step.state;
    prevCentre = centre;
    prevThread = a.thread;
  });
  if (steps.length === 0) {
    out.push(`<text x="${GUTTER}" y="${HEADER + 15}" fill="${VIOLATION_STROKE}">${xmlEscape(`${violation.property} violated in the initial state`)}</text>`);
  }
  out.push('</svg>');
  return out.join('\n');
}
