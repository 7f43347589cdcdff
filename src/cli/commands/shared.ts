/**
 * What every command does the same way: parse its flags (a bad flag is a usage error, exit
 * 2; `--help` prints the usage, exit 0), validate `--deadlock`, parse numeric options, and
 * print one-line usage errors.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { DeadlockMode } from '../../explorer/model.ts';
import { EXIT, type CliIO } from '../io.ts';

/** Prints `zrcheck: <message>` (and the usage, if given) to stderr; returns exit code 2. */
export function usageError(io: CliIO, message: string, usage?: string): number {
  io.err(`zrcheck: ${message}\n${usage ? `${usage}\n` : ''}`);
  return EXIT.usage;
}

/** A positive number option, or an error line naming the flag and the bad value. */
export function numberOption(flag: string, raw: string): number | string {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0) return `--${flag} needs a positive number, got '${raw}'`;
  return n;
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O & { help: { type: 'boolean'; short: 'h' } }; allowPositionals: true }>>;

/**
 * Parses a command's arguments with `--help` added. Returns the parsed values, or the exit
 * code the command should return at once (0 after printing help, 2 after a usage error).
 */
export function parseCommand<O extends Options>(io: CliIO, args: readonly string[], options: O, usage: string): Parsed<O> | number {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: [...args], options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true }) as Parsed<O>;
  } catch (e) {
    return usageError(io, (e as Error).message, usage);
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(`${usage}\n`);
    return EXIT.holds;
  }
  return parsed;
}

const DEADLOCK_MODES: readonly DeadlockMode[] = ['stuck', 'stuttering', 'off'];

/** `--deadlock MODE`: the mode, undefined when absent, or an error line. */
export function deadlockOption(raw: string | undefined): { ok: true; mode: DeadlockMode | undefined } | { ok: false; error: string } {
  if (raw === undefined) return { ok: true, mode: undefined };
  if ((DEADLOCK_MODES as readonly string[]).includes(raw)) return { ok: true, mode: raw as DeadlockMode };
  return { ok: false, error: `--deadlock ${raw} is not one of ${DEADLOCK_MODES.join(', ')}` };
}
