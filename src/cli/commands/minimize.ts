/**
 * `zrcheck minimize`: finds a counterexample for each violated property with the exhaustive
 * checker (`--first`: stop at the first violation found, much faster on large models),
 * minimises it (fewest switches, threads, steps; 1-minimal) and prints before and after;
 * `--export` writes the four trace files per property (the folder is checked before any work).
 *
 * A property that is not violated is reported as holding only when the search decided it
 * (exhaustive); after --first, a limit or Ctrl-C it is "not decided".
 * Exit: 1 some property is violated (and minimised), 0 every asked property holds
 * (exhaustive), 3 a limit or Ctrl-C left an asked property undecided, 2 bad input or a
 * model error.
 */
import { check } from '../../explorer/check.ts';
import { limitText, type PropertyVerdict, type Violation } from '../../explorer/outcome.ts';
import { minimizationLine, minimizeViolations } from '../../minimize/index.ts';
import { canonicalProperty } from '../../properties/select.ts';
import { writableDirProblem } from '../../report/atomicWrite.ts';
import { exportCounterexample } from '../../report/exportTrace.ts';
import { traceText } from '../../report/traceText.ts';
import { EXIT, type Command } from '../io.ts';
import { describeSource, MODEL_ARG_OPTIONS } from '../loadModule.ts';
import { progressLine } from '../progress.ts';
import { loadFromArgs, MODEL_HELP, reportModelError } from './modelArgs.ts';
import { deadlockOption, intOption, LIMIT_HELP, LIMIT_OPTIONS, limitOptions, parseCommand, secondsOption, usageError } from './shared.ts';

export const MINIMIZE_USAGE = `usage: zrcheck minimize (MODULE [--param NAME=VALUE]... | --scenario ID --variant ID [--assume NAME=VALUE]...)
       [--property NAME]... [--first] [--export DIR] [--deadlock stuck|stuttering|off]
       [--max-nodes N] [--minimize-time SECONDS] [--max-states N] [--max-depth N] [--time-limit SECONDS]
       [--memory-mb N] [--json]`;

const HELP = `${MINIMIZE_USAGE}

Checks the model, then turns each violation into the interleaving a person should read: the
fewest context switches, then the fewest threads, then the fewest steps, and 1-minimal (no
single step or thread can be removed). Prints each trace before/after.

${MODEL_HELP}
  --property NAME       only these properties (repeatable; 'deadlock' is the built-in one)
  --first               stop the check at the first violation (faster; other properties are
                        then not decided)
  --deadlock MODE       stuttering (default), stuck or off, as in zrcheck check
${LIMIT_HELP}
  --max-nodes N         minimiser: nodes one search may store (default 4,000,000)
  --minimize-time SECONDS
                        minimiser: wall-clock budget per property (default 60); a search cut
                        short says so ("not proven minimal")
  --export DIR          write trace.itf.json, trace.md, trace.mmd and trace.html per property
                        into DIR/<scenario>/<variant>/<property>/ (checked before any work)
  --json                { check: { states, exhaustive, limit? }, properties: { NAME: { status,
                        before, after, steps, ... } } }

Exit: 1 a property is violated (and minimised), 0 every asked property holds, 2 bad input or
a model error, 3 incomplete (nothing violated, but something not decided).`;

export const minimizeCommand: Command = async (args, io) => {
  const parsed = parseCommand(
    io,
    args,
    {
      ...MODEL_ARG_OPTIONS,
      ...LIMIT_OPTIONS,
      property: { type: 'string', multiple: true },
      export: { type: 'string' },
      first: { type: 'boolean' },
      deadlock: { type: 'string' },
      'max-nodes': { type: 'string' },
      'minimize-time': { type: 'string' },
      json: { type: 'boolean' },
    },
    'minimize',
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const dl = deadlockOption(v.deadlock);
  if (!dl.ok) return usageError(io, dl.error, 'minimize');
  const deadlock = dl.mode;
  const limits = limitOptions(v);
  if (typeof limits === 'string') return usageError(io, limits, 'minimize');
  let maxNodes: number | undefined;
  if (v['max-nodes'] !== undefined) {
    const n = intOption('max-nodes', v['max-nodes']);
    if (typeof n === 'string') return usageError(io, n, 'minimize');
    maxNodes = n;
  }
  let minimizeMs: number | undefined;
  if (v['minimize-time'] !== undefined) {
    const n = secondsOption('minimize-time', v['minimize-time']);
    if (typeof n === 'string') return usageError(io, n, 'minimize');
    minimizeMs = n * 1000;
  }
  if (v.export !== undefined) {
    const bad = writableDirProblem(v.export);
    if (bad !== undefined) return usageError(io, `--export ${v.export}: ${bad}`, 'minimize');
  }
  const loaded = await loadFromArgs(io, parsed.positionals, v, 'minimize');
  if (typeof loaded === 'number') return loaded;
  const model = loaded.model;
  const where = describeSource(loaded.source);

  const known = [...model.invariants.map((i) => i.name), ...(deadlock === 'off' ? [] : ['deadlock']), ...(model.endChecks ?? []).map((i) => i.name)];
  const wanted = v.property?.map((p) => canonicalProperty(model, p));
  for (const p of wanted ?? []) {
    if (!known.includes(p)) return usageError(io, `--property ${p} is not a property of ${model.name}; properties: ${known.join(', ')}`, 'minimize');
  }
  const progress = progressLine(io, 'minimize: check');
  const outcome = check(model, {
    ...limits,
    stopAtFirst: v.first === true,
    ...(deadlock !== undefined ? { deadlock } : {}),
    onProgress: progress.onProgress,
    progressIntervalMs: progress.intervalMs,
    shouldAbort: () => io.interrupted(),
  });
  progress.done();
  if (outcome.verdict === 'error') return reportModelError(io, model, loaded, outcome.error);
  const asked = (p: { property: string }) => wanted === undefined || wanted.includes(p.property);
  const verdicts: PropertyVerdict[] = outcome.properties.filter(asked);
  const violations: Violation[] = verdicts.flatMap((p) => (p.status === 'violated' ? [p.violation] : []));
  const undecided = verdicts.filter((p) => p.status === 'incomplete').map((p) => p.property);
  const stopReason =
    outcome.verdict !== 'holds' && outcome.limit !== undefined
      ? outcome.limit.kind === 'aborted'
        ? 'interrupted'
        : `the ${limitText(outcome.limit)} stopped the check`
      : 'the check stopped at the first violation (--first)';
  // The check behind the verdicts: how many states, whether it was exhaustive, what stopped it.
  const checkJson = {
    states: outcome.stats.states,
    exhaustive: outcome.verdict === 'holds' || (outcome.verdict === 'violated' && outcome.exhaustive),
    ...(outcome.verdict !== 'holds' && outcome.limit !== undefined ? { limit: outcome.limit } : {}),
  };
  if (violations.length === 0) {
    if (v.json) io.out(`${JSON.stringify({ check: checkJson, properties: Object.fromEntries(verdicts.map((p) => [p.property, { status: p.status }])) }, null, 2)}\n`);
    else if (undecided.length > 0) io.out(`nothing to minimise, and not decided: ${undecided.join(', ')} (${stopReason}; ${where})\n`);
    else io.out(`nothing to minimise: ${verdicts.map((p) => p.property).join(', ')} hold${verdicts.length === 1 ? 's' : ''} (exhaustive; ${where})\n`);
    return undecided.length > 0 ? EXIT.incomplete : EXIT.holds;
  }
  const results = minimizeViolations(model, violations, {
    ...(maxNodes !== undefined ? { maxNodes } : {}),
    ...(minimizeMs !== undefined ? { timeLimitMs: minimizeMs } : {}),
    ...(deadlock !== undefined ? { deadlock } : {}),
    shouldAbort: () => io.interrupted(),
  });
  const failed = results.find((r) => !r.result.ok);
  if (failed !== undefined && !failed.result.ok) return usageError(io, `${failed.property}: ${failed.result.error}`);

  const exported: Record<string, string> = {};
  const exportErrors: string[] = [];
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
      if (e.ok) exported[r.property] = e.dir;
      else exportErrors.push(e.error);
    }
  }
  if (v.json) {
    const out: Record<string, unknown> = {};
    for (const p of verdicts) if (p.status !== 'violated') out[p.property] = { status: p.status };
    for (const r of results) {
      if (!r.result.ok) continue;
      out[r.property] = {
        status: 'violated',
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
    io.out(`${JSON.stringify({ check: checkJson, properties: out }, null, 2)}\n`);
  } else {
    const lines = [`zrcheck minimize ${where}`, ''];
    for (const r of results) {
      lines.push(minimizationLine(r));
      if (r.result.ok) lines.push(traceText(model, r.result.violation.trace), '');
      if (exported[r.property] !== undefined) lines.push(`exported to ${exported[r.property]}`, '');
    }
    if (undecided.length > 0) lines.push(`not decided: ${undecided.join(', ')} (${stopReason})`);
    io.out(`${lines.join('\n').trimEnd()}\n`);
  }
  // The results above are printed either way: a failed write does not lose them.
  for (const e of exportErrors) io.err(`zrcheck: ${e}\n`);
  if (exportErrors.length > 0) return EXIT.usage;
  return io.interrupted() ? EXIT.incomplete : EXIT.violated;
};
