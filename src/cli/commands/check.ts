/**
 * `zrcheck check (MODULE [--param N=V]... | --scenario ID --variant ID [--assume N=V]...)`:
 * exhaustive check of one model. Prints a verdict per property, the first violation's trace
 * with thread and action names (and the wait-for picture when the model can say what its
 * threads wait for), and the statistics block; `--json` prints one JSON object instead.
 */
import { parseArgs } from 'node:util';
import { check } from '../../explorer/check.ts';
import type { Model } from '../../explorer/model.ts';
import type { CheckOptions } from '../../explorer/options.ts';
import type { CheckOutcome, Violation } from '../../explorer/outcome.ts';
import { lastState } from '../../explorer/trace.ts';
import { minimizationLine, minimizeViolations, type PropertyMinimization } from '../../minimize/index.ts';
import { analyzeWaits, closingCycle, focusThread } from '../../properties/waitFor.ts';
import { contextSwitches, traceText } from '../../report/traceText.ts';
import { renderClosingCycle, renderWaitFor } from '../../report/waitForText.ts';
import { EXIT, type CliIO, type Command } from '../io.ts';
import { describeSource, loadModel, MODEL_ARG_OPTIONS, modelSourceFromArgs, type LoadedModel, type ModelSource } from '../loadModule.ts';
import { buildKernelModel } from '../../model/index.ts';
import { findLayout } from '../../report/layoutSweep.ts';
import { fmtInt, progressLine } from '../progress.ts';
import { numberOption, usageError } from './shared.ts';

export const CHECK_USAGE = `usage: zrcheck check (MODULE [--param NAME=VALUE]... | --scenario ID --variant ID [--assume NAME=VALUE]...)
       [--layout ID] [--bfs | --dfs] [--exact | --bounded N] [--all | --first] [--property NAME]...
       [--deadlock stuck|stuttering|off]
       [--max-states N] [--max-depth N] [--time-limit SECONDS] [--memory-mb N] [--minimize] [--json] [--debug]`;

export const checkCommand: Command = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        ...MODEL_ARG_OPTIONS,
        bfs: { type: 'boolean' },
        dfs: { type: 'boolean' },
        exact: { type: 'boolean' },
        bounded: { type: 'string' },
        all: { type: 'boolean' },
        first: { type: 'boolean' },
        property: { type: 'string', multiple: true },
        layout: { type: 'string' },
        deadlock: { type: 'string' },
        'max-states': { type: 'string' },
        'max-depth': { type: 'string' },
        'time-limit': { type: 'string' },
        'memory-mb': { type: 'string' },
        json: { type: 'boolean' },
        minimize: { type: 'boolean' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usageError(io, (e as Error).message, CHECK_USAGE);
  }
  const v = parsed.values;
  if (v.help) {
    io.out(`${CHECK_USAGE}\n`);
    return EXIT.holds;
  }
  if (v.bfs && v.dfs) return usageError(io, '--bfs and --dfs exclude each other', CHECK_USAGE);
  if (v.exact && v.bounded !== undefined) return usageError(io, '--exact and --bounded exclude each other', CHECK_USAGE);
  if (v.all && v.first) return usageError(io, '--all and --first exclude each other', CHECK_USAGE);
  if (v.deadlock !== undefined && !['stuck', 'stuttering', 'off'].includes(v.deadlock)) {
    return usageError(io, `--deadlock ${v.deadlock} is not one of stuck, stuttering, off`, CHECK_USAGE);
  }
  const opts: CheckOptions = {
    search: v.dfs || v.bounded !== undefined ? 'dfs' : 'bfs',
    store: v.exact ? 'exact' : v.bounded !== undefined ? 'bounded' : 'fingerprint',
    // A module stops at its first violation unless --all; a kernel scenario has many
    // properties, so it reports every one unless --first.
    stopAtFirst: v.first === true || (!v.all && v.scenario === undefined),
  };
  if (v.deadlock !== undefined) opts.deadlock = v.deadlock as 'stuck' | 'stuttering' | 'off';
  for (const [flag, key, scale] of [
    ['bounded', 'cacheCapacity', 1],
    ['max-states', 'maxStates', 1],
    ['max-depth', 'maxDepth', 1],
    ['time-limit', 'timeLimitMs', 1000],
    ['memory-mb', 'memoryLimitMb', 1],
  ] as const) {
    const raw = v[flag];
    if (raw === undefined) continue;
    const n = numberOption(flag, raw);
    if (typeof n === 'string') return usageError(io, n, CHECK_USAGE);
    (opts as Record<string, number>)[key] = n * scale;
  }

  const src = modelSourceFromArgs(parsed.positionals, v, io.cwd);
  if (!src.ok) return usageError(io, src.error, CHECK_USAGE);
  if (v.layout !== undefined && src.source.kind !== 'kernel') return usageError(io, '--layout ID goes with --scenario/--variant', CHECK_USAGE);
  const loaded = v.layout !== undefined && src.source.kind === 'kernel' ? loadWithLayout(src.source, v.layout) : await loadModel(src.source);
  if (!loaded.ok) return usageError(io, loaded.error);
  const selected = selectProperties(loaded.model, v.property ?? []);
  if (typeof selected === 'string') return usageError(io, selected, CHECK_USAGE);
  const model = selected.model;
  if (selected.deadlockOff) opts.deadlock = 'off';

  const progress = progressLine(io, `check ${model.name}`);
  let interrupted = false;
  const unhook = io.onInterrupt(() => (interrupted = true));
  const outcome = check(model, { ...opts, onProgress: progress.onProgress, progressIntervalMs: progress.intervalMs, shouldAbort: () => interrupted });
  unhook();
  progress.done();

  if (outcome.verdict === 'error') {
    io.err(`zrcheck: model error in ${describeSource(loaded.source)}: ${outcome.error.message}\n`);
    return EXIT.usage;
  }
  let shown: Exclude<CheckOutcome, { verdict: 'error' }> = outcome;
  let minimized: PropertyMinimization[] = [];
  if (v.minimize && outcome.verdict !== 'holds' && outcome.violations.length > 0) {
    minimized = minimizeViolations(model, outcome.violations, opts.deadlock ? { deadlock: opts.deadlock } : {});
    shown = withMinimalTraces(outcome, minimized);
  }
  if (v.json) {
    const j = outcomeJson(model, shown, describeSource(loaded.source));
    if (v.minimize) j['minimized'] = minimized.map(minimizationJson);
    io.out(`${JSON.stringify(j, null, 2)}\n`);
  } else {
    let text = outcomeText(model, shown, describeSource(loaded.source));
    if (minimized.length > 0) text += `\nminimised counterexamples (the traces above)\n${minimized.map((m) => `  ${minimizationLine(m)}`).join('\n')}\n`;
    io.out(text);
  }
  return exitCodeOf(outcome);
};

/** A kernel scenario with its initial layout replaced by a generated one (`zrcheck layouts`). */
function loadWithLayout(source: ModelSource & { kind: 'kernel' }, id: string): LoadedModel {
  const found = findLayout(id);
  if (!found.ok) return found;
  const assumptions = Object.fromEntries(Object.entries(source.assumptions).map(([k, x]) => [k, String(x)]));
  const built = buildKernelModel({ scenario: source.scenario, variant: source.variant, assumptions, layout: found.layout });
  return built.ok ? { ok: true, model: built.model, source } : { ok: false, error: built.error };
}

/**
 * Keeps only the named properties (invariants, end checks, and `deadlock`, also called D2 in
 * kernel models). Returns an error line listing the valid names for an unknown one.
 */
export function selectProperties(model: Model, names: readonly string[]): { model: Model; deadlockOff: boolean } | string {
  if (names.length === 0) return { model, deadlockOff: false };
  const own = [...model.invariants.map((i) => i.name), ...(model.endChecks ?? []).map((i) => i.name)];
  const valid = [...own, 'deadlock', ...(model.name.startsWith('kernel:') ? ['D2'] : [])];
  for (const n of names) if (!valid.includes(n)) return `unknown property '${n}'; valid: ${valid.join(', ')}`;
  const keep = new Set(names);
  const wantsDeadlock = keep.has('deadlock') || keep.has('D2');
  return {
    model: {
      ...model,
      enabled: model.enabled.bind(model),
      next: model.next.bind(model),
      initialStates: model.initialStates.bind(model),
      ...(model.isValidEnd ? { isValidEnd: model.isValidEnd.bind(model) } : {}),
      ...(model.waitsFor ? { waitsFor: model.waitsFor.bind(model) } : {}),
      invariants: model.invariants.filter((i) => keep.has(i.name)),
      endChecks: (model.endChecks ?? []).filter((i) => keep.has(i.name)),
    },
    deadlockOff: !wantsDeadlock,
  };
}

/** The outcome with each violation's trace replaced by its minimised one, where that worked. */
function withMinimalTraces(o: Exclude<CheckOutcome, { verdict: 'error' | 'holds' }>, ms: readonly PropertyMinimization[]): Exclude<CheckOutcome, { verdict: 'error' }> {
  const better = new Map<string, Violation>();
  for (const m of ms) if (m.result.ok) better.set(m.property, m.result.violation);
  const violations = o.violations.map((x) => better.get(x.property) ?? x);
  const properties = o.properties.map((p) => (p.status === 'violated' && better.has(p.property) ? { ...p, violation: better.get(p.property)! } : p));
  return { ...o, violations, properties };
}

function minimizationJson(m: PropertyMinimization): Record<string, unknown> {
  if (!m.result.ok) return { property: m.property, error: m.result.error };
  const pick = (x: { steps: number; switches: number; threads: number }) => ({ steps: x.steps, switches: x.switches, threads: x.threads });
  return { property: m.property, before: pick(m.result.before), after: pick(m.result.after), switchesOptimal: m.result.switchesOptimal };
}

export function exitCodeOf(o: CheckOutcome): number {
  if (o.verdict === 'holds') return EXIT.holds;
  if (o.verdict === 'violated') return EXIT.violated;
  if (o.verdict === 'incomplete') return EXIT.incomplete;
  return EXIT.usage;
}

/** The `--json` object: verdict, counts, per-property verdicts, violations with their steps. */
export function outcomeJson(model: Model, o: Exclude<CheckOutcome, { verdict: 'error' }>, source: string): Record<string, unknown> {
  const s = o.stats;
  const violations = o.verdict === 'holds' ? [] : o.violations;
  return {
    verdict: o.verdict,
    model: { name: model.name, source, params: model.params ?? {} },
    states: s.states,
    transitions: s.transitions,
    depth: s.depth,
    wallMs: Math.round(s.wallMs),
    statesPerSec: Math.round(s.statesPerSec),
    bytesPerState: Number(s.bytesPerState.toFixed(2)),
    collisionProbability: s.collisionProbability,
    search: s.search,
    store: s.store,
    ...(o.verdict === 'incomplete' ? { limit: o.limit } : {}),
    properties: o.properties.map((p) =>
      p.status === 'violated' ? { property: p.property, status: p.status, traceLength: p.violation.trace.steps.length } : { property: p.property, status: p.status },
    ),
    violations: violations.map((x) => ({
      property: x.property,
      kind: x.kind,
      traceLength: x.trace.steps.length,
      contextSwitches: contextSwitches(model, x.trace),
      trace: x.trace.steps.map((st) => {
        const a = model.actions[st.action]!;
        return { thread: model.threads[a.thread]?.name, action: a.name, ...(a.kernelFunction ? { kernelFunction: a.kernelFunction } : {}), ...(a.specSection ? { specSection: a.specSection } : {}) };
      }),
    })),
  };
}

/** The human-readable report: verdicts, first trace, wait-for picture, statistics. */
export function outcomeText(model: Model, o: Exclude<CheckOutcome, { verdict: 'error' }>, source: string): string {
  const s = o.stats;
  const lines: string[] = [`zrcheck check ${source}`, `model ${model.name}; ${s.search.toUpperCase()}, ${s.store} store`, ''];
  const w = Math.max(8, ...o.properties.map((p) => p.property.length));
  lines.push(`${'property'.padEnd(w)}  verdict`);
  for (const p of o.properties) {
    const verdict =
      p.status === 'violated' ? `VIOLATED (${p.violation.trace.steps.length}-step trace)` : p.status === 'holds' ? 'holds' : 'not decided (search stopped early)';
    lines.push(`${p.property.padEnd(w)}  ${verdict}`);
  }
  if (o.verdict === 'incomplete') lines.push('', `INCOMPLETE: the ${o.limit.kind} limit (${o.limit.limit}) was hit; nothing is claimed to hold.`);
  // Every violated property's trace, in property order (with --first there is one).
  for (const p of o.properties) {
    if (p.status !== 'violated') continue;
    const v: Violation = p.violation;
    const threads = new Set(v.trace.steps.map((st) => model.actions[st.action]!.thread)).size;
    lines.push('', `Counterexample for ${v.property}: ${v.trace.steps.length} steps, ${contextSwitches(model, v.trace)} context switch${contextSwitches(model, v.trace) === 1 ? "" : "es"}, ${threads} thread${threads === 1 ? '' : 's'}`);
    lines.push(traceText(model, v.trace));
    const explanation = waitForBlock(model, v);
    if (explanation) lines.push('', explanation.trimEnd());
  }
  lines.push(
    '',
    'statistics',
    `  distinct states     ${fmtInt(s.states)}${s.store === 'bounded' ? ' (expansions; bounded cache revisits states)' : ''}`,
    `  transitions         ${fmtInt(s.transitions)}`,
    `  max depth           ${s.depth}`,
    `  states/s            ${fmtInt(s.statesPerSec)}`,
    `  bytes/state         ${s.bytesPerState.toFixed(1)} (visited set + parent log, ${fmtInt(s.visitedBytes)} bytes)`,
    `  wall time           ${(s.wallMs / 1000).toFixed(2)} s`,
    `  collision prob.     ${s.store === 'exact' ? '0 (exact store)' : `${s.collisionProbability.toExponential(2)} (64-bit fingerprints, TLC's optimistic estimate)`}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The wait-for cycle at a deadlock, or the cycle that would close after a wait violation. */
function waitForBlock(model: Model, v: Violation): string | undefined {
  if (model.waitsFor === undefined) return undefined;
  const state = lastState(v.trace);
  if (v.kind === 'deadlock') return renderWaitFor(model, analyzeWaits(model, state));
  const focus = focusThread(model, state);
  if (focus === undefined) return undefined;
  return renderClosingCycle(model, focus, closingCycle(model, state, focus));
}

export type { CliIO };
