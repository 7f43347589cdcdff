/**
 * Runs one matrix cell: build the model for (profile, scenario, variant, assumptions), check it
 * with one trace per violated property and per violated mechanism, and turn each violation (minimised) into trace files: Markdown
 * (src/report/traceMarkdown.ts) with its wait-for explanation (deadlocks: the cycle at the stuck
 * state; D1 forms and D8: the wait at the violating state and the cycle that would close from
 * it), and ITF for `zrcheck replay`.
 *
 * Pure apart from the CPU: returns data, writes nothing. The cell worker process calls it;
 * tests may call it in-process.
 */
import { check } from '../explorer/check.ts';
import type { Model } from '../explorer/model.ts';
import type { Violation } from '../explorer/outcome.ts';
import { analyzeWaits, closingCycle, cycleLine, focusThread } from '../properties/waitFor.ts';
import type { BuildResult, Catalog } from './catalog.ts';
import { minimizeViolation } from '../minimize/minimize.ts';
import type { TraceMetrics } from '../minimize/metrics.ts';
import { itfText, toItf, type TraceMeta } from '../report/itf.ts';
import { traceMarkdown } from '../report/traceMarkdown.ts';
import type { CellFile, CellJob, CellKey, CellOutcome, PropertyCell } from './types.ts';
import { renderClosingCycle, renderWaitFor } from '../report/waitForText.ts';

/** Folder name of a variant plus its non-default assumptions, e.g. `V2+pre-zero=no`. */
export function variantLabel(key: Pick<CellKey, 'variant' | 'assumptions'>): string {
  const extra = Object.keys(key.assumptions)
    .sort()
    .map((k) => `+${k}=${key.assumptions[k]}`)
    .join('');
  return `${key.variant}${extra}`;
}

/** A property id as a folder name: `D2:C1-no-batch` -> `D2.C1-no-batch` (no colons in paths). */
export function propertyFolder(property: string): string {
  return property.replace(':', '.');
}

/** `<profile>/<scenario>/<variant label>/<property>`, relative to the results folder. */
export function cellDir(key: CellKey, property: string): string {
  return `${key.profile}/${key.scenario}/${variantLabel(key)}/${propertyFolder(property)}`;
}

/** `<cell dir>/trace.md`. */
export function tracePath(key: CellKey, property: string): string {
  return `${cellDir(key, property)}/trace.md`;
}

/** `<cell dir>/trace.itf.json`: the same trace for `zrcheck replay`. */
export function itfPath(key: CellKey, property: string): string {
  return `${cellDir(key, property)}/trace.itf.json`;
}

/**
 * The exported trace: breadth-first gives the fewest steps; the minimiser then looks for the
 * fewest context switches and threads. Its only bounds here are node counts, never the clock,
 * so the files stay reproducible; if it fails, the breadth-first trace is kept.
 */
function minimized(model: Model, v: Violation): { violation: Violation; metrics?: { before: TraceMetrics; after: TraceMetrics } } {
  const r = minimizeViolation(model, v, {
    maxNodes: 500_000,
    timeLimitMs: Number.POSITIVE_INFINITY,
    reduceTimeLimitMs: Number.POSITIVE_INFINITY,
  });
  if (!r.ok) return { violation: v };
  return { violation: r.violation, metrics: { before: r.before, after: r.after } };
}

/** Properties whose violation is a wait: explained by the cycle that would close. */
const WAIT_PROPERTIES = /^(D1|D8)/;

/** The wait-for text and one-line summary for a violation, if it is a deadlock or a wait. */
export function explainViolation(
  model: Model,
  property: string,
  v: Violation,
): { text: string; line: string; invisible?: number } | undefined {
  if (model.waitsFor === undefined) return undefined;
  const last = v.trace.steps.length > 0 ? v.trace.steps[v.trace.steps.length - 1]!.state : v.trace.initial;
  // A deadlock mechanism (`D2:C6-pagecache`) is checked as an invariant over deadlocked states.
  if (v.kind === 'deadlock' || property.startsWith('D2:')) {
    const a = analyzeWaits(model, last);
    return { text: renderWaitFor(model, a), line: cycleLine(model, a), ...(a.kind === 'cycle' ? { invisible: invisibleEdges(a.edges) } : {}) };
  }
  if (!WAIT_PROPERTIES.test(property)) return undefined;
  // At a wait (D1) the focus is the waiter; at a call (D1-literal, D1-next) nobody waits yet,
  // so the focus is the thread that just acted, and the question is whether a cycle through it
  // can still close.
  const lastStep = v.trace.steps[v.trace.steps.length - 1];
  const waiter = focusThread(model, last, property.startsWith('D8') ? /folio_lock/i : /writeback/i);
  const focus = waiter ?? (lastStep !== undefined ? model.actions[lastStep.action]!.thread : 0);
  const c = closingCycle(model, last, focus);
  const line =
    c.kind === 'closed' || c.kind === 'reachable'
      ? `${cycleLine(model, c.analysis)}${c.kind === 'reachable' ? ` (+${c.extension.length} step${c.extension.length === 1 ? "" : "s"})` : ''}`
      : c.kind === 'never'
        ? `${model.threads[focus]?.name ?? focus}${waiter !== undefined ? ' waits;' : ':'} no cycle closes`
        : 'unknown (bound hit)';
  return {
    text: renderClosingCycle(model, focus, c, waiter !== undefined),
    line,
    ...(c.kind === 'closed' || c.kind === 'reachable' ? { invisible: invisibleEdges(c.analysis.edges) } : {}),
  };
}

function invisibleEdges(edges: readonly { lockdep?: string }[]): number {
  return edges.filter((e) => e.lockdep === 'invisible').length;
}

export function runCell(catalog: Catalog, job: CellJob): CellOutcome {
  const built = catalog.build(job);
  if (!built.ok) return { kind: 'not-applicable', reason: built.error };
  const model = built.model;
  const outcome = check(model, { stopAtFirst: false, maxStates: job.maxStates, ...(job.por === true ? { por: true } : {}) });
  if (outcome.verdict === 'error') return { kind: 'error', message: `${outcome.error.code}: ${outcome.error.message}` };
  const byName = new Map(outcome.properties.map((p) => [p.property, p]));
  const files: CellFile[] = [];
  const ctx: TraceContext = { catalog, job, model, built };

  // Mechanism properties first (`D2:C1-no-batch`): each gets its own shortest trace, and the
  // base property then points at the shortest of its mechanisms' traces.
  const mechanisms: Record<string, PropertyCell> = {};
  for (const p of outcome.properties) {
    if (!p.property.includes(':')) continue;
    if (p.status === 'holds') mechanisms[p.property] = { status: 'holds' };
    else if (p.status === 'incomplete') mechanisms[p.property] = { status: 'incomplete' };
    else {
      const traced = traceViolation(ctx, p.property, p.violation, p.property.slice(p.property.indexOf(':') + 1));
      files.push(...traced.files);
      mechanisms[p.property] = traced.cell;
    }
  }

  const properties: Record<string, PropertyCell> = {};
  for (const id of job.properties) {
    const verdict = byName.get(id) ?? byName.get(catalog.aliases[id] ?? '\0');
    if (verdict === undefined) {
      properties[id] = { status: 'n/a', reason: `the ${job.scenario} model does not check ${id}` };
      continue;
    }
    if (verdict.status === 'holds') properties[id] = { status: 'holds' };
    else if (verdict.status === 'incomplete') properties[id] = { status: 'incomplete' };
    else {
      const viaMechanism = shortestMechanism(mechanisms, id);
      if (viaMechanism !== undefined) properties[id] = viaMechanism;
      else {
        const traced = traceViolation(ctx, id, verdict.violation, undefined);
        files.push(...traced.files);
        properties[id] = traced.cell;
      }
    }
  }
  return {
    kind: 'checked',
    properties,
    mechanisms,
    states: outcome.stats.states,
    transitions: outcome.stats.transitions,
    depth: outcome.stats.depth,
    collisionProbability: outcome.stats.collisionProbability,
    ...(outcome.stats.reductions?.por !== undefined ? { por: true as const } : {}),
    verdict: outcome.verdict,
    ...(outcome.verdict === 'incomplete' ? { limit: `${outcome.limit.kind} ${outcome.limit.limit}` } : {}),
    files,
  };
}

/** The violated mechanism of `property` with the shortest trace (ties: catalogue order). */
function shortestMechanism(mechanisms: Readonly<Record<string, PropertyCell>>, property: string): PropertyCell | undefined {
  let best: PropertyCell | undefined;
  for (const [id, c] of Object.entries(mechanisms)) {
    if (!id.startsWith(`${property}:`) || c.status !== 'violated') continue;
    if (best === undefined || (best.status === 'violated' && c.traceLength < best.traceLength)) best = c;
  }
  return best;
}

interface TraceContext {
  readonly catalog: Catalog;
  readonly job: CellJob;
  readonly model: Model;
  readonly built: BuildResult & { ok: true };
}

/** The violated cell of one property: its trace files (Markdown with wait-for, ITF) and summary. */
function traceViolation(c: TraceContext, id: string, found: Violation, knownMechanism: string | undefined): { cell: PropertyCell; files: CellFile[] } {
  const { catalog, job, model, built } = c;
  const v = minimized(model, found);
  const path = tracePath(job, id);
  const why = explainViolation(model, id, v.violation);
  const base = id.split(':')[0]!;
  const info = catalog.properties.find((p) => p.id === base);
  const last = v.violation.trace.steps.length > 0 ? v.violation.trace.steps[v.violation.trace.steps.length - 1]!.state : v.violation.trace.initial;
  const mechanism = knownMechanism ?? built.classify?.(id, last);
  const mInfo = mechanism !== undefined ? catalog.mechanisms.find((m) => m.id === mechanism) : undefined;
  const assumptions = Object.keys(job.assumptions)
    .sort()
    .map((k) => `${k}=${job.assumptions[k]}`);
  const counterfactual = built.counterfactual ?? [];
  const meta: TraceMeta = {
    profile: job.profile,
    scenario: job.scenario,
    variant: variantLabel(job),
    description:
      `${id}${info?.name !== undefined ? ` ${info.name}` : ''}${info?.description !== undefined ? `: ${info.description}` : ''}. ` +
      (mInfo !== undefined ? `Mechanism ${mInfo.id}: ${mInfo.title} [${mInfo.cite}]. ` : '') +
      `Profile ${job.profile}; assumptions: ${assumptions.length === 0 ? 'defaults' : assumptions.join(', ')}.`,
    ...(mechanism !== undefined ? { mechanism } : {}),
    ...(counterfactual.length > 0 ? { counterfactual } : {}),
    ...(catalog.kernel
      ? {
          source: {
            kind: 'kernel' as const,
            profile: job.profile,
            scenario: job.scenario,
            variant: job.variant,
            assumptions: { ...job.assumptions },
            ...(job.counterfactual === true ? { counterfactual: true } : {}),
          },
        }
      : {}),
    ...(v.metrics !== undefined ? { minimized: v.metrics } : {}),
  };
  const files = [
    { path: itfPath(job, id), content: itfText(toItf(model, v.violation, meta)) },
    { path, content: traceMarkdown(model, v.violation, meta, { itfFile: 'trace.itf.json', ...(why !== undefined ? { waitForText: why.text } : {}) }) },
  ];
  const cell: PropertyCell = {
    status: 'violated',
    kind: v.violation.kind,
    traceLength: v.violation.trace.steps.length,
    traceFile: path,
    ...(mechanism !== undefined ? { mechanism } : {}),
    ...(why !== undefined ? { waitFor: why.line } : {}),
    ...(why?.invisible !== undefined ? { lockdepInvisible: why.invisible } : {}),
  };
  return { cell, files };
}
