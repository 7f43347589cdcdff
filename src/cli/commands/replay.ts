/**
 * `zrcheck replay FILE.itf.json [--json]`: rebuilds the model the file records (module path +
 * params, or scenario/variant/assumptions), re-executes the trace step by step, and exits 0
 * when the recorded violation is reproduced at the same step, 1 naming the step where the run
 * diverges, 2 when the file or the model cannot be read.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EXIT, type Command } from '../io.ts';
import { describeSource, loadModel } from '../loadModule.ts';
import { parseItf } from '../../report/itfParse.ts';
import { modelSourceOfItf, replayItf } from '../../report/itfReplay.ts';
import { parseCommand, usageError } from './shared.ts';

export const REPLAY_USAGE = 'usage: zrcheck replay FILE.itf.json [--json]';

export const replayCommand: Command = async (args, io) => {
  const parsed = parseCommand(io, args, { json: { type: 'boolean' } }, REPLAY_USAGE);
  if (typeof parsed === 'number') return parsed;
  if (parsed.positionals.length !== 1) {
    return usageError(io, `expected one FILE.itf.json, got ${parsed.positionals.length}`, REPLAY_USAGE);
  }
  const file = resolve(io.cwd, parsed.positionals[0]!);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return usageError(io, `cannot read ${file}`);
  }
  const itf = parseItf(text, file);
  if (!itf.ok) return usageError(io, itf.error);
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
          ? { reproduced: true, property: result.property, step: result.step, warnings: result.warnings }
          : { reproduced: false, property: meta.property, divergedAt: result.step, reason: result.reason, warnings: result.warnings },
        null,
        2,
      )}\n`,
    );
  } else {
    for (const w of result.warnings) io.err(`zrcheck: warning: ${w}\n`);
    const where = describeSource(loaded.source);
    io.out(
      result.kind === 'reproduced'
        ? `reproduced: ${meta.property} (${meta.violationKind}) is violated at step ${result.step}, as recorded (${where})\n`
        : `diverged at step ${result.step}: ${result.reason} (${where})\n`,
    );
  }
  return result.kind === 'reproduced' ? EXIT.holds : EXIT.violated;
};
