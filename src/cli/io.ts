/**
 * The CLI's window on the process. Commands receive a CliIO and return an exit code; only
 * `src/cli/main.ts` touches process.argv, stdout, stderr and process.exitCode, so every
 * command can be tested by capturing its output.
 */

/** Exit codes shared by every command. */
export const EXIT = { holds: 0, violated: 1, usage: 2, incomplete: 3 } as const;

export interface CliIO {
  /** Writes to stdout (no newline added). */
  out(text: string): void;
  /** Writes to stderr (no newline added). */
  err(text: string): void;
  /** True when stderr is a terminal: progress may redraw one line. */
  readonly errIsTTY: boolean;
  /** Working directory for relative paths. */
  readonly cwd: string;
  /** Set by `--debug`: show stack traces on errors. */
  readonly debug: boolean;
  /** Registers a handler for Ctrl-C; returns a function that unregisters it. */
  onInterrupt(handler: () => void): () => void;
}

/** A command: parses its own arguments (after the command name), returns an exit code. */
export type Command = (args: readonly string[], io: CliIO) => Promise<number>;
