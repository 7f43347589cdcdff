/** Small helpers every command uses: the one-line usage error and numeric option parsing. */
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
