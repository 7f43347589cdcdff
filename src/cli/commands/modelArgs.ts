/**
 * What the model-taking commands (check, fuzz, minimize, layouts) share beyond flags: turning
 * `MODULE --param ...` / `--scenario --variant --assume ... [--layout]` into a loaded model,
 * printing load warnings, and reporting a model error with the trace that reached it (and,
 * with --debug, the stack).
 */
import type { Model } from '../../explorer/model.ts';
import type { ModelError } from '../../explorer/outcome.ts';
import { traceText } from '../../report/traceText.ts';
import { EXIT, type CliIO } from '../io.ts';
import { describeSource, loadModel, modelSourceFromArgs, type LoadedModel, type ModelArgValues } from '../loadModule.ts';
import { usageError } from './shared.ts';

/** Help lines for the model arguments. */
export const MODEL_HELP = `Model, one of:
  MODULE                a .ts/.js file in any folder whose default export is a Model or a
                        function (params) => Model
  --param NAME=VALUE    a parameter of MODULE (repeatable); \`export const params\` in the
                        module declares the names, types and defaults, and bad ones are refused
  --profile ID          the kernel (zrcheck list profiles): ext4-iomap (default), ext4-bh, xfs
  --scenario ID         a built-in kernel scenario (zrcheck list scenarios) ...
  --layout ID           ... or a generated start (zrcheck layouts prints the ids)
  --variant ID          ... with this code version (zrcheck list versions)
  --assume NAME=VALUE   an assumption of the profile (zrcheck list assumptions), repeatable
  --counterfactual      allow --assume to set a fact of another profile (labelled counterfactual)`;

/** Loads the model the arguments name; on failure prints one line (stack with --debug). */
export async function loadFromArgs(
  io: CliIO,
  positionals: readonly string[],
  values: ModelArgValues,
  command: string,
): Promise<(LoadedModel & { ok: true }) | number> {
  const src = modelSourceFromArgs(positionals, values, io.cwd);
  if (!src.ok) return usageError(io, src.error, command);
  const loaded = await loadModel(src.source);
  if (!loaded.ok) {
    io.err(`zrcheck: ${loaded.error}\n`);
    if (io.debug && loaded.cause instanceof Error && loaded.cause.stack) io.err(`${loaded.cause.stack}\n`);
    return EXIT.usage;
  }
  for (const w of loaded.warnings ?? []) io.err(`zrcheck: warning: ${w}\n`);
  return loaded;
}

/**
 * A model error found by a search: one line naming the rule, invariant or field, then how the
 * failing state was reached (a bug deep in a state space can be reproduced from it). Exit 2.
 */
export function reportModelError(io: CliIO, model: Model, loaded: LoadedModel & { ok: true }, error: ModelError): number {
  io.err(`zrcheck: model error in ${describeSource(loaded.source)}: ${error.message}\n`);
  if (error.trace !== undefined) {
    const failing = error.action !== undefined ? `, then ${model.actions[error.action]?.name ?? `#${error.action}`} fails` : '';
    io.err(`reached by ${error.trace.steps.length} step${error.trace.steps.length === 1 ? '' : 's'}${failing}:\n${traceText(model, error.trace)}\n`);
  }
  if (io.debug && error.cause instanceof Error && error.cause.stack) io.err(`${error.cause.stack}\n`);
  else if (error.cause instanceof Error) io.err('(run again with --debug for the stack trace)\n');
  return EXIT.usage;
}
