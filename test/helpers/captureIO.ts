/** A CliIO that records what a command prints, for in-process command tests. */
import type { CliIO } from '../../src/cli/io.ts';

export interface Captured extends CliIO {
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Fires the registered Ctrl-C handlers. */
  interrupt(): void;
}

export function captureIO(cwd = process.cwd()): Captured {
  let out = '';
  let err = '';
  const handlers = new Set<() => void>();
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    errIsTTY: false,
    cwd,
    debug: false,
    onInterrupt(h) {
      handlers.add(h);
      return () => void handlers.delete(h);
    },
    stdout: () => out,
    stderr: () => err,
    interrupt: () => handlers.forEach((h) => h()),
  };
}
