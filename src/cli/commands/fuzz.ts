/**
 * `zrcheck fuzz`: random schedules through fast-check. On a failure it prints the shrunk
 * counterexample and the exact command (seed and path) that replays it; `--minimize` also runs
 * the minimiser, `--export` writes the trace files (the folder is checked before any work).
 *
 * Fuzzing is never exhaustive: finding nothing proves nothing, so it exits 3 (incomplete), like
 * a check stopped by a limit; a violation exits 1; bad input or a model that throws, 2.
 */
import { fuzzModel, type FuzzOptions } from '../../fuzz/runner.ts';
import { minimizationLine } from '../../minimize/index.ts';
import { canonicalProperty } from '../../properties/select.ts';
import { formatMetrics, metricsOf } from '../../minimize/metrics.ts';
import { writableDirProblem } from '../../report/atomicWrite.ts';
import { exportCounterexample } from '../../report/exportTrace.ts';
import { traceText } from '../../report/traceText.ts';
import { EXIT, type Command } from '../io.ts';
import { describeSource, MODEL_ARG_OPTIONS } from '../loadModule.ts';
import { loadFromArgs, MODEL_HELP } from './modelArgs.ts';
import { deadlockOption, intOption, parseCommand, usageError } from './shared.ts';

export const FUZZ_USAGE = `usage: zrcheck fuzz (MODULE [--param NAME=VALUE]... | --scenario ID --variant ID [--assume NAME=VALUE]...)
       [--runs N] [--seed S] [--path P] [--max-steps N] [--max-length N] [--property NAME]...
       [--deadlock stuck|stuttering|off] [--minimize] [--export DIR] [--json]`;

const HELP = `${FUZZ_USAGE}

Walks random schedules of the model with fast-check (each step picks one of the enabled
actions) and checks every property along the way. A failure is shrunk by fast-check and
printed with the command that replays it (same seed and path). Not exhaustive: a run that
finds nothing says so and exits 3; only \`zrcheck check\` can show that a property holds.

${MODEL_HELP}
  --runs N              schedules to try (default 1000)
  --seed S              fast-check seed (a 32-bit integer; default: a fresh one, printed)
  --path P              fast-check path of a failure (with its --seed): replay it
  --max-steps N         steps per walk (default 200)
  --max-length N        length of the generated schedules
  --property NAME       only these properties count as failures (repeatable)
  --deadlock MODE       stuttering (default), stuck or off, as in zrcheck check
  --minimize            then minimise the shrunk counterexample (switches, threads, steps)
  --export DIR          write the trace files (ITF, Markdown, Mermaid, HTML) into DIR
  --json                one JSON object

Exit: 1 a violation was found, 3 none found (not exhaustive), 2 bad input or a model error.`;

export const fuzzCommand: Command = async (args, io) => {
  const parsed = parseCommand(
    io,
    args,
    {
      ...MODEL_ARG_OPTIONS,
      runs: { type: 'string' },
      seed: { type: 'string' },
      path: { type: 'string' },
      'max-steps': { type: 'string' },
      'max-length': { type: 'string' },
      property: { type: 'string', multiple: true },
      deadlock: { type: 'string' },
      minimize: { type: 'boolean' },
      export: { type: 'string' },
      json: { type: 'boolean' },
    },
    'fuzz',
    HELP,
  );
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const dl = deadlockOption(v.deadlock);
  if (!dl.ok) return usageError(io, dl.error, 'fuzz');
  let seed: number | undefined;
  if (v.seed !== undefined) {
    if (!/^-?\d+$/.test(v.seed) || Number(v.seed) < -0x80000000 || Number(v.seed) > 0x7fffffff) {
      return usageError(io, `--seed needs a 32-bit integer, got '${v.seed}'`, 'fuzz');
    }
    seed = Number(v.seed);
  }
  if (v.path !== undefined) {
    if (!/^\d+(:\d+)*$/.test(v.path)) return usageError(io, `--path needs a fast-check path like 12:0:3, got '${v.path}'`, 'fuzz');
    if (seed === undefined) return usageError(io, '--path replays a failure only together with its --seed', 'fuzz');
  }
  const nums: Record<string, number> = {};
  for (const flag of ['runs', 'max-steps', 'max-length'] as const) {
    const raw = v[flag];
    if (raw === undefined) continue;
    const n = intOption(flag, raw);
    if (typeof n === 'string') return usageError(io, n, 'fuzz');
    nums[flag] = n;
  }
  if (v.export !== undefined) {
    const bad = writableDirProblem(v.export);
    if (bad !== undefined) return usageError(io, `--export ${v.export}: ${bad}`, 'fuzz');
  }
  const loaded = await loadFromArgs(io, parsed.positionals, v, 'fuzz');
  if (typeof loaded === 'number') return loaded;
  const model = loaded.model;
  const where = describeSource(loaded.source);
  const deadlock = dl.mode;
  const known = [...model.invariants.map((i) => i.name), 'deadlock', ...(model.endChecks ?? []).map((i) => i.name)];
  const properties = v.property?.map((p) => canonicalProperty(model, p));
  for (const p of properties ?? []) {
    if (!known.includes(p)) return usageError(io, `--property ${p} is not a property of ${model.name}; properties: ${known.join(', ')}`, 'fuzz');
  }

  const opts: FuzzOptions = {
    ...(nums['runs'] !== undefined ? { runs: nums['runs'] } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(v.path !== undefined ? { path: v.path } : {}),
    ...(nums['max-steps'] !== undefined ? { maxSteps: nums['max-steps'] } : {}),
    ...(nums['max-length'] !== undefined ? { maxLength: nums['max-length'] } : {}),
    ...(properties !== undefined ? { properties } : {}),
    ...(deadlock !== undefined ? { deadlock } : {}),
    ...(v.minimize ? { minimize: true } : {}),
    shouldAbort: () => io.interrupted(),
  };
  let result;
  try {
    result = fuzzModel(model, opts);
  } catch (e) {
    return usageError(io, `model error in ${where}: ${(e as Error).message}`);
  }
  if (result.kind !== 'violated') {
    const interrupted = result.kind === 'interrupted';
    if (v.json) io.out(`${JSON.stringify({ verdict: interrupted ? 'interrupted' : 'no-violation-found', exhaustive: false, runs: result.runs, seed: result.seed }, null, 2)}\n`);
    else {
      io.out(
        `${interrupted ? `interrupted after ${result.runs} random schedules` : `no violation in ${result.runs} random schedules`} (seed ${result.seed}); ` +
          `fuzzing is not exhaustive, so nothing is claimed to hold (${where})\n`,
      );
    }
    return EXIT.incomplete;
  }
  const replay = replayCommand(args, result.seed, result.path);
  const min = result.minimized;
  if (min !== undefined && !min.ok) return usageError(io, `minimising ${result.violation.property}: ${min.error}`);
  let exportError: string | undefined;
  const final = min !== undefined && min.ok ? min.violation : result.violation;
  let exportedDir: string | undefined;
  if (v.export !== undefined) {
    const e = await exportCounterexample(
      model,
      final,
      v.export,
      {
        source: loaded.source,
        seed: result.seed,
        fastCheckPath: result.path,
        fastCheckVersion: result.fastCheckVersion,
        ...(min !== undefined && min.ok ? { minimized: { before: min.before, after: min.after } } : {}),
        ...(deadlock !== undefined ? { deadlockMode: deadlock } : {}),
      },
      { minimize: false },
    );
    if (e.ok) exportedDir = e.dir;
    else exportError = e.error;
  }
  const shrunk = metricsOf(model, result.violation.trace.steps.map((s) => s.action));
  if (v.json) {
    io.out(
      `${JSON.stringify(
        {
          verdict: 'violated',
          property: result.violation.property,
          kind: result.violation.kind,
          seed: result.seed,
          path: result.path,
          runs: result.runs,
          shrinks: result.shrinks,
          schedule: result.schedule,
          shrunk,
          ...(min !== undefined && min.ok
            ? { minimized: { before: min.before, after: min.after, switchesOptimal: min.switchesOptimal, oneMinimal: min.oneMinimal } }
            : {}),
          steps: final.trace.steps.map((s) => {
            const a = model.actions[s.action]!;
            return { thread: model.threads[a.thread]?.name, action: a.name };
          }),
          replay,
          ...(exportedDir !== undefined ? { exported: exportedDir } : {}),
        },
        null,
        2,
      )}\n`,
    );
  } else {
    const lines = [
      `zrcheck fuzz ${where}`,
      `VIOLATED: ${result.violation.property} (${result.violation.kind}) after ${result.runs} runs`,
      `seed ${result.seed}, path ${result.path}`,
      `replay: ${replay}`,
      result.shrinks > 0
        ? `counterexample after ${result.shrinks} fast-check shrink${result.shrinks === 1 ? '' : 's'}: ${formatMetrics(shrunk)}`
        : `counterexample (fast-check found nothing smaller): ${formatMetrics(shrunk)}`,
    ];
    if (min !== undefined) lines.push(minimizationLine({ property: result.violation.property, result: min }));
    lines.push('', traceText(model, final.trace));
    if (exportedDir !== undefined) lines.push('', `exported to ${exportedDir}`);
    io.out(`${lines.join('\n')}\n`);
  }
  // The result above is printed either way: a failed write does not lose it.
  if (exportError !== undefined) {
    io.err(`zrcheck: ${exportError}\n`);
    return EXIT.usage;
  }
  return io.interrupted() ? EXIT.incomplete : EXIT.violated;
};

/**
 * The command line that replays this failure: the same arguments (those that shape the
 * schedules, e.g. --max-length, --property, stay) with --seed and --path instead of --runs.
 */
export function replayCommand(args: readonly string[], seed: number, path: string): string {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const flag = /^--([\w-]+)(=.*)?$/.exec(a);
    const name = flag?.[1];
    if (name === 'seed' || name === 'path' || name === 'runs' || name === 'json' || name === 'export' || name === 'minimize' || name === 'debug') {
      if (flag?.[2] === undefined && name !== 'json' && name !== 'minimize' && name !== 'debug') i++; // skip the value
      continue;
    }
    kept.push(/^[\w./:=@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  }
  // `--seed=-5`: a negative seed as a separate word reads as a flag to some parsers.
  return ['zrcheck fuzz', ...kept, `--seed=${seed}`, '--path', path].join(' ');
}
