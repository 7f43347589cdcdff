/**
 * `zrcheck minimize (MODULE [--param N=V]... | --scenario ID --variant ID [--assume N=V]...)
 *  [--property NAME] [--export DIR] [--json]`: finds a counterexample for each violated
 * property with the exhaustive checker (`--first`: stop at the first violation found, much
 * faster on large models), minimises it (fewest switches, threads, steps;
 * 1-minimal) and prints before and after; `--export` writes the four trace files per property.
 *
 * Exit codes: 1 when some property is violated (and was minimised), 0 when all hold,
 * 3 when the check hit a limit before finding anything, 2 on bad input or a model error.
 */
import { check } from '../../explorer/check.ts';
import type { Violation } from '../../explorer/outcome.ts';
import { minimizationLine, minimizeViolations } from '../../minimize/index.ts';
import { exportCounterexample } from '../../report/exportTrace.ts';
import { traceText } from '../../report/traceText.ts';
import { EXIT, type Command } from '../io.ts';
import { describeSource, loadModel, MODEL_ARG_OPTIONS, modelSourceFromArgs } from '../loadModule.ts';
import { deadlockOption, numberOption, parseCommand, usageError } from './shared.ts';

export const MINIMIZE_USAGE = `usage: zrcheck minimize (MODULE [--param NAME=VALUE]... | --scenario ID --variant ID [--assume NAME=VALUE]...)
       [--property NAME]... [--first] [--export DIR] [--deadlock stuck|stuttering|off]
       [--max-nodes N] [--time-limit SECONDS] [--max-states N] [--json]`;

export const minimizeCommand: Command = async (args, io) => {
  const parsed = parseCommand(
    io,
    args,
    {
      ...MODEL_ARG_OPTIONS,
      property: { type: 'string', multiple: true },
      export: { type: 'string' },
      first: { type: 'boolean' },
      deadlock: { type: 'string' },
      'max-nodes': { type: 'string' },
      'time-limit': { type: 'string' },
      'max-states': { type: 'string' },
      json: { type: 'boolean' },
    },
    MINIMIZE_USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const dl = deadlockOption(v.deadlock);
  if (!dl.ok) return usageError(io, dl.error, MINIMIZE_USAGE);
  const deadlock = dl.mode;
  const nums: Record<string, number> = {};
  for (const flag of ['max-nodes', 'time-limit', 'max-states'] as const) {
    const raw = v[flag];
    if (raw === undefined) continue;
    const n = numberOption(flag, raw);
    if (typeof n === 'string') return usageError(io, n, MINIMIZE_USAGE);
    nums[flag] = n;
  }
  const src = modelSourceFromArgs(parsed.positionals, v, io.cwd);
  if (!src.ok) return usageError(io, src.error, MINIMIZE_USAGE);
  const loaded = await loadModel(src.source);
  if (!loaded.ok) return usageError(io, loaded.error);
  const model = loaded.model;
  const where = describeSource(loaded.source);

  const known = [...model.invariants.map((i) => i.name), ...(deadlock === 'off' ? [] : ['deadlock']), ...(model.endChecks ?? []).map((i) => i.name)];
  const wanted = v.property;
  for (const p of wanted ?? []) {
    if (!known.includes(p)) return usageError(io, `--property ${p} is not a property of ${model.name}; properties: ${known.join(', ')}`);
  }
  const outcome = check(model, {
    stopAtFirst: v.first === true,
    ...(deadlock !== undefined ? { deadlock } : {}),
    ...(nums['max-states'] !== undefined ? { maxStates: nums['max-states'] } : {}),
  });
  if (outcome.verdict === 'error') return usageError(io, `model error in ${where}: ${outcome.error.message}`);
  const all: readonly Violation[] = outcome.verdict === 'holds' ? [] : outcome.violations;
  const violations = all.filter((x) => wanted === undefined || wanted.includes(x.property));
  if (violations.length === 0) {
    const incomplete = outcome.verdict === 'incomplete';
    const msg = incomplete ? `no counterexample found before the ${outcome.limit.kind} limit; nothing to minimise` : 'nothing to minimise: the checked properties hold';
    if (v.json) io.out(`${JSON.stringify({}, null, 2)}\n`);
    else io.out(`${msg} (${where})\n`);
    return incomplete ? EXIT.incomplete : EXIT.holds;
  }
  const results = minimizeViolations(model, violations, {
    ...(nums['max-nodes'] !== undefined ? { maxNodes: nums['max-nodes'] } : {}),
    ...(nums['time-limit'] !== undefined ? { timeLimitMs: nums['time-limit'] * 1000 } : {}),
    ...(deadlock !== undefined ? { deadlock } : {}),
  });
  const failed = results.find((r) => !r.result.ok);
  if (failed !== undefined && !failed.result.ok) return usageError(io, `${failed.property}: ${failed.result.error}`);

  const exported: Record<string, string> = {};
  if (v.export !== undefined) {
    for (const r of results) {
      if (!r.result.ok) continue;
      const e = await exportCounterexample(
        model,
        r.result.violation,
        v.export,
        { source: loaded.source, minimized: { before: r.result.before, after: r.result.after }, ...(deadlock !== undefined ? { deadlockMode: deadlock } : {}) },
        { minimize: false },
      );
      if (!e.ok) return usageError(io, e.error);
      exported[r.property] = e.dir;
    }
  }
  if (v.json) {
    const out: Record<string, unknown> = {};
    for (const r of results) {
      if (!r.result.ok) continue;
      out[r.property] = {
        kind: r.result.violation.kind,
        before: r.result.before,
        after: r.result.after,
        switchesOptimal: r.result.switchesOptimal,
        threadsMinimal: r.result.threadsMinimal,
        oneMinimal: r.result.oneMinimal,
        ...(r.result.note !== undefined ? { note: r.result.note } : {}),
        steps: r.result.violation.trace.steps.map((s) => {
          const a = model.actions[s.action]!;
          return { thread: model.threads[a.thread]?.name, action: a.name };
        }),
        ...(exported[r.property] !== undefined ? { exported: exported[r.property] } : {}),
      };
    }
    io.out(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const lines = [`zrcheck minimize ${where}`, ''];
    for (const r of results) {
      lines.push(minimizationLine(r));
      if (r.result.ok) lines.push(traceText(model, r.result.violation.trace), '');
      if (exported[r.property] !== undefined) lines.push(`exported to ${exported[r.property]}`, '');
    }
    io.out(`${lines.join('\n').trimEnd()}\n`);
  }
  return EXIT.violated;
};
