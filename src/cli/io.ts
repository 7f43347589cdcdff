/**
 * The CLI's window on the process. Commands receive a CliIO and return an exit code; only
 * `src/cli/worker.ts` (and the host `bin/zrcheck.js`) touch argv, stdout, stderr, signals and
 * the exit code, so every command can be tested by capturing its output.
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
  /** Width of the terminal behind stderr (0: not a terminal); progress lines fit it. */
  readonly errColumns: number;
  /** Working directory for relative paths. */
  readonly cwd: string;
  /** Set by `--debug`: show stack traces on errors. */
  readonly debug: boolean;
  /**
   * Whether Ctrl-C (SIGINT) or SIGTERM has arrived. Synchronous loops (a search, a sweep, the
   * minimiser) poll it: the signal is seen by another thread, so this works while they run.
   */
  interrupted(): boolean;
  /** Registers a handler called when an interruption arrives; returns an unregister function. */
  onInterrupt(handler: () => void): () => void;
}

/** A command: parses its own arguments (after the command name), returns an exit code. */
export type Command = (args: readonly string[], io: CliIO) => Promise<number>;
