/**
 * `zrcheck fuzz (MODULE [--param N=V]... | --scenario ID --variant ID [--assume N=V]...)
 *  [--runs N] [--seed S] [--path P] [--max-steps N] [--max-length N] [--property NAME]...
 *  [--minimize] [--export DIR] [--json]`: random schedules through fast-check.
 *
 * On a failure it prints the shrunk counterexample and the exact command (seed and path) that
 * replays it; `--minimize` also runs the minimiser, `--export` writes the trace files.
 * Exit codes: 1 a violation was found, 0 none in the runs (which proves nothing exhaustive),
 * 2 bad input or a model that throws.
 */
import { fuzzModel, type FuzzOptions } from '../../fuzz/runner.ts';
import { minimizationLine } from '../../minimize/index.ts';
import { formatMetrics, metricsOf } from '../../minimize/metrics.ts';
import { exportCounterexample } from '../../report/exportTrace.ts';
import { traceText } from '../../report/traceText.ts';
import { EXIT, type Command } from '../io.ts';
import { describeSource, loadModel, MODEL_ARG_OPTIONS, modelSourceFromArgs } from '../loadModule.ts';
import { deadlockOption, numberOption, parseCommand, usageError } from './shared.ts';

export const FUZZ_USAGE = `usage: zrcheck fuzz (MODULE [--param NAME=VALUE]... | --scenario ID --variant ID [--assume NAME=VALUE]...)
       [--runs N] [--seed S] [--path P] [--max-steps N] [--max-length N] [--property NAME]...
       [--deadlock stuck|stuttering|off] [--minimize] [--export DIR] [--json]`;

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
    FUZZ_USAGE,
  );
  if (typeof parsed === 'number') return parsed;
  const v = parsed.values;
  const dl = deadlockOption(v.deadlock);
  if (!dl.ok) return usageError(io, dl.error, FUZZ_USAGE);
  let seed: number | undefined;
  if (v.seed !== undefined) {
    if (!/^-?\d+$/.test(v.seed) || Number(v.seed) < -0x80000000 || Number(v.seed) > 0x7fffffff) {
      return usageError(io, `--seed needs a 32-bit integer, got '${v.seed}'`, FUZZ_USAGE);
    }
    seed = Number(v.seed);
  }
  if (v.path !== undefined) {
    if (!/^\d+(:\d+)*$/.test(v.path)) return usageError(io, `--path needs a fast-check path like 12:0:3, got '${v.path}'`, FUZZ_USAGE);
    if (seed === undefined) return usageError(io, '--path replays a failure only together with its --seed', FUZZ_USAGE);
  }
  const nums: Record<string, number> = {};
  for (const flag of ['runs', 'max-steps', 'max-length'] as const) {
    const raw = v[flag];
    if (raw === undefined) continue;
    const n = numberOption(flag, raw);
    if (typeof n === 'string' || !Number.isInteger(n)) return usageError(io, typeof n === 'string' ? n : `--${flag} needs an integer, got '${raw}'`, FUZZ_USAGE);
    nums[flag] = n;
  }
  const src = modelSourceFromArgs(parsed.positionals, v, io.cwd);
  if (!src.ok) return usageError(io, src.error, FUZZ_USAGE);
  const loaded = await loadModel(src.source);
  if (!loaded.ok) return usageError(io, loaded.error);
  const model = loaded.model;
  const where = describeSource(loaded.source);
  const deadlock = dl.mode;
  const known = [...model.invariants.map((i) => i.name), 'deadlock', ...(model.endChecks ?? []).map((i) => i.name)];
  for (const p of v.property ?? []) {
    if (!known.includes(p)) return usageError(io, `--property ${p} is not a property of ${model.name}; properties: ${known.join(', ')}`);
  }

  const opts: FuzzOptions = {
    ...(nums['runs'] !== undefined ? { runs: nums['runs'] } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(v.path !== undefined ? { path: v.path } : {}),
    ...(nums['max-steps'] !== undefined ? { maxSteps: nums['max-steps'] } : {}),
    ...(nums['max-length'] !== undefined ? { maxLength: nums['max-length'] } : {}),
    ...(v.property !== undefined ? { properties: v.property } : {}),
    ...(deadlock !== undefined ? { deadlock } : {}),
    ...(v.minimize ? { minimize: true } : {}),
  };
  let result;
  try {
    result = fuzzModel(model, opts);
  } catch (e) {
    return usageError(io, `model error in ${where}: ${(e as Error).message}`);
  }
  if (result.kind === 'passed') {
    if (v.json) io.out(`${JSON.stringify({ verdict: 'no-violation-found', runs: result.runs, seed: result.seed }, null, 2)}\n`);
    else io.out(`no violation in ${result.runs} random schedules (seed ${result.seed}); not exhaustive (${where})\n`);
    return EXIT.holds;
  }
  const replay = replayCommand(args, result.seed, result.path);
  const min = result.minimized;
  if (min !== undefined && !min.ok) return usageError(io, `minimising ${result.violation.property}: ${min.error}`);
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
    if (!e.ok) return usageError(io, e.error);
    exportedDir = e.dir;
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
      `VIOLATED: ${result.violation.property} (${result.violation.kind}) after ${result.runs} runs, shrunk ${result.shrinks} times`,
      `seed ${result.seed}, path ${result.path}`,
      `replay: ${replay}`,
      `shrunk counterexample: ${formatMetrics(shrunk)}`,
    ];
    if (min !== undefined) lines.push(minimizationLine({ property: result.violation.property, result: min }));
    lines.push('', traceText(model, final.trace));
    if (exportedDir !== undefined) lines.push('', `exported to ${exportedDir}`);
    io.out(`${lines.join('\n')}\n`);
  }
  return EXIT.violated;
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
    if (name === 'seed' || name === 'path' || name === 'runs' || name === 'json' || name === 'export' || name === 'minimize') {
      if (flag?.[2] === undefined && name !== 'json' && name !== 'minimize') i++; // skip the value
      continue;
    }
    kept.push(/^[\w./:=@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  }
  return ['zrcheck fuzz', ...kept, '--seed', String(seed), '--path', path].join(' ');
}
