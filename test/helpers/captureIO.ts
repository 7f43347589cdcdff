/** A CliIO that records what a command prints, for in-process command tests. */
import type { CliIO } from '../../src/cli/io.ts';

export interface Captured extends CliIO {
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Sets the interrupt flag and fires the registered Ctrl-C handlers. */
  interrupt(): void;
}

export function captureIO(cwd = process.cwd()): Captured {
  let out = '';
  let err = '';
  const handlers = new Set<() => void>();
  let interrupted = false;
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    errIsTTY: false,
    errColumns: 0,
    cwd,
    interrupted: () => interrupted,
    debug: false,
    onInterrupt(h) {
      handlers.add(h);
      return () => void handlers.delete(h);
    },
    stdout: () => out,
    stderr: () => err,
    interrupt: () => {
      interrupted = true;
      handlers.forEach((h) => h());
    },
  };
}
