/**
 * What every command does the same way: parse its flags (a bad flag is a usage error, exit 2,
 * one line; `--help` prints the command's whole help, exit 0), read numeric options and the
 * search limits, validate `--deadlock`.
 *
 * Why one place: the error lines of every command must look alike (the bad-input corpus test
 * reads them), and an option such as `--max-states` must mean the same in check, layouts and
 * minimize.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { DeadlockMode } from '../../explorer/model.ts';
import type { CheckOptions } from '../../explorer/options.ts';
import { EXIT, type CliIO } from '../io.ts';

/** Prints `zrcheck: <message>` on one line (with where to find help); returns exit code 2. */
export function usageError(io: CliIO, message: string, command?: string): number {
  io.err(`zrcheck: ${message}${command !== undefined ? ` (see: zrcheck ${command} --help)` : ''}\n`);
  return EXIT.usage;
}

/** A whole number >= min, or an error line naming the flag and the bad value. */
export function intOption(flag: string, raw: string, min = 1): number | string {
  const t = raw.trim();
  const n = Number(t);
  if (t === '' || !/^-?\d+$/.test(t) || !Number.isSafeInteger(n) || n < min) {
    return `--${flag} needs a whole number >= ${min}, got '${raw}'`;
  }
  return n;
}

/** A positive number of seconds (decimals allowed), or an error line. */
export function secondsOption(flag: string, raw: string): number | string {
  const t = raw.trim();
  const n = Number(t);
  if (t === '' || !/^\d*\.?\d+$/.test(t) || !Number.isFinite(n) || n <= 0) return `--${flag} needs a positive number of seconds, got '${raw}'`;
  return n;
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O & { help: { type: 'boolean'; short: 'h' } }; allowPositionals: true }>>;

/**
 * `--flag -5` reads as two flags to node's parser ("argument is ambiguous"); a value that
 * looks like a negative number is joined to its flag (`--flag=-5`), so the option's own
 * validation can name it (and `fuzz --seed -123` works).
 */
function joinNegativeValues(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--([\w-]+)$/.exec(a);
    const next = args[i + 1];
    if (m !== null && options[m[1]!]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** node:util parseArgs messages, as one line each. */
function parseErrorLine(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const msg = (err.message ?? String(e)).split('\n')[0]!;
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const opt = /Unknown option '([^']+)'/.exec(msg)?.[1];
    return `unknown option ${opt ?? msg}`;
  }
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const opt = /Option '(--[\w-]+)/.exec(msg)?.[1];
    if (/argument missing/.test(msg)) return `${opt ?? 'an option'} needs a value`;
    if (/does not take an argument/.test(msg)) return `${opt ?? 'an option'} takes no value`;
  }
  return msg.replace(/\.$/, '');
}

/**
 * Parses a command's arguments with `--help` added. Returns the parsed values, or the exit
 * code the command should return at once (0 after printing help, 2 after a usage error).
 */
export function parseCommand<O extends Options>(io: CliIO, args: readonly string[], options: O, command: string, help: string): Parsed<O> | number {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(help.endsWith('\n') ? help : `${help}\n`);
    return EXIT.holds;
  }
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true }) as Parsed<O>;
  } catch (e) {
    return usageError(io, parseErrorLine(e), command);
  }
}

const DEADLOCK_MODES: readonly DeadlockMode[] = ['stuck', 'stuttering', 'off'];

/** `--deadlock MODE`: the mode, undefined when absent, or an error line. */
export function deadlockOption(raw: string | undefined): { ok: true; mode: DeadlockMode | undefined } | { ok: false; error: string } {
  if (raw === undefined) return { ok: true, mode: undefined };
  if ((DEADLOCK_MODES as readonly string[]).includes(raw)) return { ok: true, mode: raw as DeadlockMode };
  return { ok: false, error: `--deadlock ${raw} is not one of ${DEADLOCK_MODES.join(', ')}` };
}

/** The search-limit flags shared by check, layouts, minimize and fuzz. */
export const LIMIT_OPTIONS = {
  'max-states': { type: 'string' },
  'max-depth': { type: 'string' },
  'time-limit': { type: 'string' },
  'memory-mb': { type: 'string' },
} as const;

/** Help lines of LIMIT_OPTIONS, for the commands' --help. */
export const LIMIT_HELP = `  --max-states N        stop after N distinct states (a whole number)
  --max-depth N         stop below N steps (BFS levels, DFS stack depth)
  --time-limit SECONDS  stop after this many seconds
  --memory-mb N         stop before the process's resident memory exceeds N MB
  A run a limit (or Ctrl-C) stops is incomplete: exit 3, and no property is said to hold.`;

type LimitValues = { readonly [K in keyof typeof LIMIT_OPTIONS]?: string | undefined };

/** The limits as CheckOptions, or an error line. */
export function limitOptions(v: LimitValues): Pick<CheckOptions, 'maxStates' | 'maxDepth' | 'timeLimitMs' | 'memoryLimitMb'> | string {
  const o: { maxStates?: number; maxDepth?: number; timeLimitMs?: number; memoryLimitMb?: number } = {};
  if (v['max-states'] !== undefined) {
    const n = intOption('max-states', v['max-states']);
    if (typeof n === 'string') return n;
    o.maxStates = n;
  }
  if (v['max-depth'] !== undefined) {
    const n = intOption('max-depth', v['max-depth'], 0);
    if (typeof n === 'string') return n;
    o.maxDepth = n;
  }
  if (v['time-limit'] !== undefined) {
    const n = secondsOption('time-limit', v['time-limit']);
    if (typeof n === 'string') return n;
    o.timeLimitMs = n * 1000;
  }
  if (v['memory-mb'] !== undefined) {
    const n = intOption('memory-mb', v['memory-mb'], 16);
    if (typeof n === 'string') return n;
    o.memoryLimitMb = n;
  }
  return o;
}
