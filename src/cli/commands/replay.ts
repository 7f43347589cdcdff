/**
 * `zrcheck replay FILE.itf.json [--json]`: rebuilds the model the file records (module path +
 * params, or scenario/variant/assumptions/layout), checks it is the same model (names, layout
 * and behaviour hashes), re-executes the trace step by step, and exits 0 when the recorded
 * violation is reproduced at the last state; 1 when the model changed or the run diverges
 * (naming the step and why); 2 when the file is malformed or the model cannot be rebuilt.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT, type Command } from '../io.ts';
import { describeSource, loadModel } from '../loadModule.ts';
import { parseItf } from '../../report/itfParse.ts';
import { modelSourceOfItf, replayItf } from '../../report/itfReplay.ts';
import { parseCommand, usageError } from './shared.ts';

export const REPLAY_USAGE = 'usage: zrcheck replay FILE.itf.json [--json]';

const HELP = `${REPLAY_USAGE}

Re-executes an exported counterexample. The file must be consistent with itself (format,
vars, one #meta.steps entry per transition agreeing with each state's action and thread, the
violation at the last state); the model is rebuilt from #meta.source (a module next to the
trace, else at its recorded absolute path, with the same sha256; or a kernel scenario) and must
have the recorded model and behaviour hashes. Then every step must be enabled, taken by the
recorded thread and lead to exactly the recorded state, and the property must be violated at
the last state and not before.

  --json    one JSON object: reproduced, property, step / divergedAt, reason

Exit: 0 reproduced; 1 the model changed or the run diverged; 2 a malformed file or a model
that cannot be rebuilt.`;

export const replayCommand: Command = async (args, io) => {
  const parsed = parseCommand(io, args, { json: { type: 'boolean' } }, 'replay', HELP);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length !== 1) {
    return usageError(io, `expected one FILE.itf.json, got ${parsed.positionals.length}`, 'replay');
  }
  const file = resolve(io.cwd, parsed.positionals[0]!);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return usageError(io, `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const itf = parseItf(text, file);
  if (!itf.ok) return usageError(io, `malformed trace: ${itf.error}`);
  const src = modelSourceOfItf(itf.itf, file);
  if (!src.ok) return usageError(io, src.error);
  const loaded = await loadModel(src.source);
  if (!loaded.ok) return usageError(io, `cannot rebuild the model of ${file}: ${loaded.error}`);
  let result;
  try {
    result = replayItf(loaded.model, itf.itf);
  } catch (e) {
    return usageError(io, `the model threw while replaying ${file}: ${(e as Error).message}`);
  }
  if (result.kind === 'error') return usageError(io, `${file}: ${result.error}`);
  const meta = itf.itf['#meta'];
  if (parsed.values.json) {
    io.out(
      `${JSON.stringify(
        result.kind === 'reproduced'
          ? { reproduced: true, property: result.property, step: result.step }
          : result.kind === 'model-changed'
            ? { reproduced: false, property: meta.property, modelChanged: true, reason: result.reason }
            : { reproduced: false, property: meta.property, divergedAt: result.step, reason: result.reason },
        null,
        2,
      )}\n`,
    );
  } else {
    const where = describeSource(loaded.source);
    io.out(
      result.kind === 'reproduced'
        ? `reproduced: ${meta.property} (${meta.violationKind}) is violated at step ${result.step}, as recorded (${where})\n`
        : result.kind === 'model-changed'
          ? `not replayed: ${result.reason} (${where})\n`
          : `diverged at step ${result.step}: ${result.reason} (${where})\n`,
    );
  }
  return result.kind === 'reproduced' ? EXIT.holds : EXIT.violated;
};
