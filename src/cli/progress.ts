/**
 * Progress on stderr for long runs: a redrawn line on a terminal, a plain line every few
 * seconds otherwise (so CI logs stay readable).
 */
import type { Progress } from '../explorer/outcome.ts';
import type { CliIO } from './io.ts';

export interface ProgressLine {
  readonly onProgress: (p: Progress) => void;
  readonly intervalMs: number;
  /** Clears a redrawn line before final output. */
  done(): void;
}

export function progressLine(io: CliIO, label: string): ProgressLine {
  let drawn = false;
  return {
    intervalMs: io.errIsTTY ? 250 : 5000,
    onProgress(p) {
      const text = `${label}: ${fmtInt(p.states)} states, ${fmtInt(p.transitions)} transitions, depth ${p.depth}, queue ${fmtInt(p.queued)}, ${fmtInt(Math.round(p.statesPerSec))} states/s, ${(p.elapsedMs / 1000).toFixed(1)} s`;
      if (io.errIsTTY) {
        io.err(`\r\x1b[K${text}`);
        drawn = true;
      } else io.err(`${text}\n`);
    },
    done() {
      if (drawn) io.err('\r\x1b[K');
      drawn = false;
    },
  };
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
