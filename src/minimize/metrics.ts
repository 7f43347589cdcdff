/**
 * The three numbers a minimal interleaving is judged by, in order of importance: context
 * switches (adjacent steps of different threads), threads involved, steps.
 *
 * Why this order: a person reading a trace follows one thread at a time; each switch is a
 * place where they must remember where the other threads stood. Fewer threads come next,
 * then fewer steps.
 */
import type { Model } from '../explorer/model.ts';

export interface TraceMetrics {
  readonly steps: number;
  readonly switches: number;
  readonly threads: number;
}

/** Metrics of an action sequence. */
export function metricsOf(model: Model, actions: readonly number[]): TraceMetrics {
  let switches = 0;
  let prev = -1;
  const seen = new Set<number>();
  for (const a of actions) {
    const t = threadOf(model, a);
    if (prev >= 0 && t !== prev) switches++;
    prev = t;
    seen.add(t);
  }
  return { steps: actions.length, switches, threads: seen.size };
}

/** Lexicographic comparison (switches, threads, steps): negative when `a` is better. */
export function compareMetrics(a: TraceMetrics, b: TraceMetrics): number {
  return a.switches - b.switches || a.threads - b.threads || a.steps - b.steps;
}

/** The distinct threads of an action sequence, in order of first appearance. */
export function threadsOf(model: Model, actions: readonly number[]): number[] {
  const out: number[] = [];
  for (const a of actions) {
    const t = threadOf(model, a);
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

export function threadOf(model: Model, action: number): number {
  const info = model.actions[action];
  if (info === undefined) throw new RangeError(`action id ${action} is not in the model's action table`);
  return info.thread;
}

/** `steps 18, switches 4, threads 3`: how before/after appear in text reports. */
export function formatMetrics(m: TraceMetrics): string {
  return `steps ${m.steps}, switches ${m.switches}, threads ${m.threads}`;
}
