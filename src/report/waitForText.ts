/**
 * Renders a wait-for analysis in a lockdep-like layout: one column per thread of the cycle,
 * a "holds" row (what the others wait on it for) and a "waits" row per thread in cycle order,
 * then each edge with whether lockdep tracks it or cannot see it.
 *
 * Why lockdep's shape: kernel readers know lockdep's "Possible unsafe locking scenario"
 * columns; showing the same layout plus the per-edge lockdep verdict makes the point of spec C.1
 * visible at once: a cycle with an invisible edge (PG_writeback) is one lockdep never reports.
 * Plain text, deterministic, no colours (it goes into Markdown code blocks in results/).
 */
import type { Model } from '../explorer/model.ts';
import type { ClosingCycle, WaitEdge, WaitForAnalysis } from '../properties/waitFor.ts';
import { cycleLine } from '../properties/waitFor.ts';
import { stepLabel } from './traceText.ts';

function threadLabel(model: Model, t: number): string {
  const th = model.threads[t];
  return th === undefined ? `#${t}` : th.name;
}

function lockdepWord(e: WaitEdge): string {
  if (e.lockdep === 'tracked') return 'lockdep: tracked';
  if (e.lockdep === 'invisible') return 'lockdep: CANNOT SEE';
  return 'lockdep: n/a';
}

/** Lays out rows of cells into fixed-width columns (two spaces between columns). */
function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => (indent + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('    ')).trimEnd());
}

/** The lockdep-like block for a cycle or chain. */
export function renderWaitFor(model: Model, analysis: WaitForAnalysis): string {
  if (analysis.kind === 'unsupported') return 'wait-for: the model does not say what its threads wait for (no waitsFor)\n';
  if (analysis.kind === 'none') return 'wait-for: no thread is blocked\n';
  const edges = analysis.edges;
  const order: number[] = [];
  const push = (t: number) => {
    if (!order.includes(t)) order.push(t);
  };
  if (edges.length === 0 && analysis.kind === 'chain') push(analysis.last);
  for (const e of edges) {
    push(e.from);
    push(e.to);
  }
  const col = new Map(order.map((t, i) => [t, i]));
  const blank = () => order.map(() => '');
  const rows: string[][] = [];
  rows.push(order.map((t) => threadLabel(model, t)));
  rows.push(order.map((t) => '-'.repeat(Math.max(4, threadLabel(model, t).length))));
  const holds = blank();
  for (const e of edges) {
    const i = col.get(e.to)!;
    // PG_writeback is not held by the thread that ends it (the completion may not have run yet).
    const what = e.kind === 'PG_writeback' ? 'must end PG_writeback' : `holds ${e.kind}`;
    holds[i] = holds[i] === '' ? what : `${holds[i]}, ${what.replace(/^holds /, '')}`;
  }
  rows.push(holds);
  for (const e of edges) {
    const r = blank();
    r[col.get(e.from)!] = `waits ${e.kind} (on ${threadLabel(model, e.to)})`;
    rows.push(r);
  }
  if (analysis.kind === 'chain') {
    const r = blank();
    const i = col.get(analysis.last)!;
    r[i] = analysis.end === 'finished' ? '(finished: nobody ends the wait)' : analysis.end === 'runnable' ? '(runnable: may end the wait)' : '(blocked: waits on nobody)';
    rows.push(r);
  }
  const out: string[] = [];
  if (analysis.kind === 'cycle') {
    out.push(`Wait-for cycle (${edges.length} thread${edges.length === 1 ? '' : 's'}): ${cycleLine(model, analysis)}`);
  } else {
    out.push(`Wait-for chain, no cycle: ${cycleLine(model, analysis)}`);
  }
  out.push('');
  out.push(...columns(rows));
  out.push('');
  out.push('Edges:');
  const edgeRows = edges.map((e) => [
    `${threadLabel(model, e.from)} -> ${threadLabel(model, e.to)}`,
    e.kind,
    e.what,
    lockdepWord(e),
  ]);
  out.push(...columns(edgeRows));
  const annotated = edges.filter((e) => e.annotation !== undefined);
  if (annotated.length > 0) {
    out.push('');
    out.push('What makes each edge visible to lockdep (or not):');
    for (const e of annotated) out.push(`  ${threadLabel(model, e.from)} -> ${threadLabel(model, e.to)} ${e.kind}: ${e.annotation}`);
  }
  if (analysis.kind === 'cycle') {
    const invisible = edges.filter((e) => e.lockdep === 'invisible').length;
    const known = edges.filter((e) => e.lockdep !== undefined).length;
    out.push('');
    if (known === 0) out.push('lockdep: the model gives no lockdep information for these edges');
    else if (invisible > 0) {
      out.push(
        `lockdep: ${invisible} of ${edges.length} edges invisible -> lockdep would NOT report this cycle; only a wait-for analysis finds it`,
      );
    } else if (known === edges.length) out.push('lockdep: every edge is tracked -> lockdep could report this cycle');
    else out.push(`lockdep: ${known} of ${edges.length} edges known to lockdep, the rest unknown`);
    out.push('');
    out.push(' *** DEADLOCK ***');
  }
  const others = analysis.blocked.filter((b) => !edges.some((e) => e.from === b.from && e.to === b.to && e.kind === b.kind));
  if (others.length > 0) {
    out.push('');
    out.push('Other blocked threads:');
    out.push(...columns(others.map((e) => [`${threadLabel(model, e.from)} -> ${threadLabel(model, e.to)}`, e.kind, e.what, lockdepWord(e)])));
  }
  return out.join('\n') + '\n';
}

/** Renders the result of `closingCycle` (used at D1 violations): how the cycle would close. */
export function renderClosingCycle(model: Model, focus: number, c: ClosingCycle, waiting = true): string {
  const who = threadLabel(model, focus);
  const lead = waiting ? `${who} waits; the cycle closes` : `${who} is not blocked yet; a wait-for cycle through ${who} closes`;
  switch (c.kind) {
    case 'closed':
      return renderWaitFor(model, c.analysis);
    case 'reachable': {
      const steps = c.extension.map((a) => {
        const info = model.actions[a]!;
        return stepLabel(threadLabel(model, info.thread), info.name);
      });
      return (
        `${lead} after ${c.extension.length} more step${c.extension.length === 1 ? '' : 's'}: ` +
        `${steps.join('; ')}\n\n` +
        renderWaitFor(model, c.analysis)
      );
    }
    case 'never':
      return `${waiting ? `${who} waits, but n` : 'N'}o continuation closes a wait-for cycle through ${who} (all ${c.explored} reachable states explored)${waiting ? ': the wait ends' : ''}.\n`;
    case 'unknown':
      return `${waiting ? `${who} waits; n` : 'N'}o cycle through ${who} found within ${c.explored} states (bound hit).\n`;
  }
}
