/**
 * `zrcheck check (MODULE [--param N=V]... | --scenario ID --variant ID [--assume N=V]...)`:
 * exhaustive check of one model. Prints a verdict per property, the first violation's trace
 * with thread and action names (and the wait-for picture when the model can say what its
 * threads wait for), and the statistics block; `--json` prints one JSON object instead.
 */
import { check } from '../../explorer/check.ts';
import type { CheckOptions } from '../../explorer/options.ts';
import type { CheckOutcome, Violation } from '../../explorer/outcome.ts';
import { minimizationLine, minimizeViolations, type PropertyMinimization } from '../../minimize/index.ts';
import { buildKernelModel } from '../../model/index.ts';
import { selectProperties } from '../../properties/select.ts';
import { outcomeJson, outcomeText } from '../../report/checkReport.ts';
import { findLayout } from '../../report/layoutSweep.ts';
import { EXIT, type Command } from '../io.ts';
import { describeSource, loadModel, MODEL_ARG_OPTIONS, modelSourceFromArgs, type LoadedModel, type ModelSource } from '../loadModule.ts';
import { progressLine } from '../progress.ts';
import { deadlockOption, numberOption, parseCommand, usageError } from './shared.ts';

export const CHECK_USAGE = `usage: zrcheck check (MODULE [--param NAME=VALUE]... | --scenario ID --variant ID [--assume NAME=VALUE]...)
       [--layout ID] [--bfs | --dfs] [--exact | --bounded N] [--all | --first] [--property NAME]...
       [--deadlock stuck|stuttering|off]
       [--max-states N] [--max-depth N] [--time-limit SECONDS] [--memory-mb N] [--minimize] [--json] [--debug]`;

export const checkCommand: Command = async (args, io) => {
  const parsed = parseCommand(
    io,
    args,
    {
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
    },
    CHECK_USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  if (v.bfs && v.dfs) return usageError(io, '--bfs and --dfs exclude each other', CHECK_USAGE);
  if (v.exact && v.bounded !== undefined) return usageError(io, '--exact and --bounded exclude each other', CHECK_USAGE);
  if (v.all && v.first) return usageError(io, '--all and --first exclude each other', CHECK_USAGE);
  const deadlock = deadlockOption(v.deadlock);
  if (!deadlock.ok) return usageError(io, deadlock.error, CHECK_USAGE);
  const opts: CheckOptions = {
    search: v.dfs || v.bounded !== undefined ? 'dfs' : 'bfs',
    store: v.exact ? 'exact' : v.bounded !== undefined ? 'bounded' : 'fingerprint',
    // A module stops at its first violation unless --all; a kernel scenario has many
    // properties, so it reports every one unless --first.
    stopAtFirst: v.first === true || (!v.all && v.scenario === undefined),
  };
  if (deadlock.mode !== undefined) opts.deadlock = deadlock.mode;
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

